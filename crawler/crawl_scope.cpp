#include "crawler/crawl_scope.h"

#include <algorithm>

#include "core/origin_patterns.h"
#include "core/url.h"
#include "crawler/crawler.h"

namespace newsvault::crawler {
namespace {

// std::regex reports a bad pattern by exception; it stops here as a Status.
core::Status Compile(const std::string& site, std::string_view key, const std::string& pattern,
                     std::regex* out) {
  try {
    *out = std::regex(pattern, std::regex::ECMAScript | std::regex::optimize);
  } catch (const std::regex_error& error) {
    return core::Status::InvalidArgument("site '" + site + "': " + std::string(key) + " pattern '" +
                                         pattern + "' does not compile: " + error.what());
  }
  return core::Status::Ok();
}

bool SearchAny(const std::vector<std::regex>& patterns, std::string_view url) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::regex& re) {
    return std::regex_search(url.begin(), url.end(), re);
  });
}

}  // namespace

core::Result<CrawlScope> CrawlScope::Create(const CrawlSite& site) {
  CrawlScope scope;
  scope.site_ = site.name;
  scope.max_depth_ = site.max_depth;
  if (const core::Status status = parser::ValidateOverrides(site.extract); !status.ok()) {
    return core::Status::InvalidArgument("site '" + site.name + "' extract " + status.message());
  }
  scope.extract_ = site.extract;
  const std::vector<std::string> allow =
      site.allow.empty() ? core::OriginAllowPatterns(site.seeds) : site.allow;
  for (const std::string& pattern : allow) {
    RETURN_IF_ERROR(Compile(site.name, "allow", pattern, &scope.allow_.emplace_back()));
  }
  for (const std::string& pattern : site.deny) {
    RETURN_IF_ERROR(Compile(site.name, "deny", pattern, &scope.deny_.emplace_back()));
  }
  if (!site.article_pattern.empty()) {
    RETURN_IF_ERROR(
        Compile(site.name, "article_pattern", site.article_pattern, &scope.article_.emplace()));
  }
  return scope;
}

bool CrawlScope::InScope(std::string_view url) const {
  if (!url.starts_with("http://") && !url.starts_with("https://")) return false;
  return SearchAny(allow_, url) && !SearchAny(deny_, url);
}

std::optional<bool> CrawlScope::IsArticleUrl(std::string_view url) const {
  if (!article_) return std::nullopt;
  return std::regex_search(url.begin(), url.end(), *article_);
}

}  // namespace newsvault::crawler
