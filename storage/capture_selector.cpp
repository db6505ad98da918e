#include "storage/capture_selector.h"

#include "core/url.h"

namespace newsvault::storage {
namespace {

// The urlkey up to its ')' : "com,example" from "com,example)/".
std::string SurtHostOf(const std::string& urlkey) { return urlkey.substr(0, urlkey.find(')')); }

}  // namespace

core::Result<CaptureSelector> CaptureSelector::Make(const CaptureSelection& selection) {
  CaptureSelector selector;
  selector.scan_.since = selection.since;
  selector.scan_.until = selection.until;
  selector.articles_only_ = selection.articles_only;

  if (!selection.site.empty()) {
    const std::string& site = selection.site;
    if (site.find_first_of("/?#@ \t\r\n") != std::string::npos) {
      return core::Status::InvalidArgument("--site \"" + site +
                                           "\" is not a host name (e.g. example.com); use "
                                           "--url-prefix for a URL");
    }
    auto url = core::Url::Parse("http://" + site);
    if (!url.ok() || url->host().empty()) {
      return core::Status::InvalidArgument("--site \"" + site + "\" is not a host name");
    }
    selector.site_key_ = SurtHostOf(core::SurtKey(*url));
    // A non-default port stays in the SURT host ("1,0,0,127:8080"): that port only.
    selector.site_has_port_ = url->has_explicit_port() && url->port() != 80;
  }
  if (!selection.url_prefix.empty()) {
    auto url = core::Url::Parse(selection.url_prefix);
    if (!url.ok()) {
      return core::Status::InvalidArgument(
          "--url-prefix \"" + selection.url_prefix +
          "\" is not an absolute http(s) URL: " + url.error().message());
    }
    selector.url_key_ = core::SurtKey(*url);
  }
  // The URL prefix is the narrower key when both are given; Matches checks the site.
  selector.scan_.urlkey_prefix = selector.url_key_.empty() ? selector.site_key_ : selector.url_key_;
  return selector;
}

bool CaptureSelector::Matches(const CaptureRecord& capture) const {
  if (articles_only_ && capture.version == 0) return false;
  if (scan_.since && capture.time < *scan_.since) return false;
  if (scan_.until && capture.time >= *scan_.until) return false;
  const std::string& key = capture.urlkey;
  if (!url_key_.empty() && !key.starts_with(url_key_)) return false;
  if (!site_key_.empty()) {
    if (!key.starts_with(site_key_) || key.size() == site_key_.size()) return false;
    char next = key[site_key_.size()];
    bool same_host = next == ')';
    bool subdomain_or_port = next == ',' || next == ':';
    if (!(same_host || (!site_has_port_ && subdomain_or_port))) return false;
  }
  return true;
}

}  // namespace newsvault::storage
