// CaptureSelector: which captures an export writes (issue 5, item 2 filters).
//
// `export --site`, `--url-prefix`, `--articles-only`, `--since`, `--until`
// become one CaptureFilter for the archive's (urlkey, time) scan plus a
// per-capture test for what a plain urlkey prefix cannot say:
//   - site "example.com" selects the SURT host "com,example" and its
//     subdomains: urlkeys starting "com,example)" (the host, "www." included,
//     as SURT drops it), "com,example," (news.example.com) or "com,example:"
//     (any port); a site with a port ("127.0.0.1:8080") selects that port only.
//   - url prefix "https://example.com/2025/" selects urlkeys starting with the
//     URL's own urlkey ("com,example)/2025"), pywb's prefix match: the scheme
//     and "www." do not matter, and, as SURT drops a trailing '/', /2025x too.
//   - articles only: captures that produced or matched an article version
//     (CaptureRecord::version != 0), nothing else.
// All given filters apply together.
//
// Thread safety: immutable after Make(); Matches() may be called from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/timestamp.h"
#include "storage/archive.h"

namespace newsvault::storage {

struct CaptureSelection {
  std::optional<core::Timestamp> since;  // inclusive
  std::optional<core::Timestamp> until;  // exclusive
  std::string site;                      // host name, optionally ":port"; empty: any
  std::string url_prefix;                // absolute http(s) URL; empty: any
  bool articles_only = false;
};

class CaptureSelector {
 public:
  // InvalidArgument, naming the option, for a site that is not a bare host
  // (or host:port) or a URL prefix that is not an absolute http(s) URL.
  static core::Result<CaptureSelector> Make(const CaptureSelection& selection);

  // What to give Archive::ForEachCapture: the time window and the longest
  // urlkey prefix every selected capture shares.
  const CaptureFilter& scan() const { return scan_; }

  // True when `capture` (from a scan with scan()) is selected.
  bool Matches(const CaptureRecord& capture) const;

  // The SURT host of a site ("com,example" for "www.example.com").
  const std::string& site_key() const { return site_key_; }
  // The urlkey prefix of the URL prefix ("com,example)/2025").
  const std::string& url_key() const { return url_key_; }

 private:
  CaptureFilter scan_;
  std::string site_key_;
  bool site_has_port_ = false;
  std::string url_key_;
  bool articles_only_ = false;
};

}  // namespace newsvault::storage
