// CrawlScope: which URLs belong to one [[site]] of a crawl, and which of its
// pages are articles by URL (issue 3 item 1: allow / deny / article_pattern).
//
// The regexes are compiled once per run (std::regex, ECMAScript, searched
// anywhere in the canonical URL, so "^https://example\.com/" anchors itself).
// A URL is in scope when it is http(s), matches at least one allow pattern and
// no deny pattern. With no allow patterns the site's seeds' origins are the
// scope: "^" + the escaped "scheme://authority/" of each seed
// (core::OriginAllowPatterns, the rule config::DefaultAllowPatterns shows).
//
// It also carries the site's extraction overrides, the one per-site input
// of page processing besides the scope.
//
// Thread safety: immutable after Create; const methods may be called from
// many threads (std::regex matching on a const regex is reentrant).
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "parser/xpath_overrides.h"

namespace newsvault::crawler {

struct CrawlSite;  // crawler/crawler.h

class CrawlScope {
 public:
  // Errors: InvalidArgument naming the site and the pattern that does not compile.
  static core::Result<CrawlScope> Create(const CrawlSite& site);

  const std::string& site() const { return site_; }
  int max_depth() const { return max_depth_; }

  // True when `url` (canonical, absolute) may be crawled for this site.
  bool InScope(std::string_view url) const;
  // The article_pattern's verdict on `url`; nullopt when the site has none
  // (then the extractor decides).
  std::optional<bool> IsArticleUrl(std::string_view url) const;
  // The site's extraction overrides ([site.extract]), checked to compile by
  // Create; the page processor hands them to the extractor.
  const parser::ExtractOverrides& extract_overrides() const { return extract_; }

 private:
  CrawlScope() = default;

  std::string site_;
  int max_depth_ = 0;
  std::vector<std::regex> allow_;
  std::vector<std::regex> deny_;
  std::optional<std::regex> article_;
  parser::ExtractOverrides extract_;
};

}  // namespace newsvault::crawler
