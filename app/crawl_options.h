// From the crawl config file and the `crawl` command line to CrawlerOptions.
//
// `newsvault crawl` reads config::CrawlConfig (validated by config/) and a few
// flags that override it for one run; this is the one place that maps the
// config's names onto the crawler's, so the mapping is testable without a
// network or an archive.
//
// Thread safety: pure functions.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/crawl_config.h"
#include "core/status.h"
#include "crawler/crawler.h"

namespace newsvault::app {

// The command-line overrides of one `crawl` run.
struct CrawlFlags {
  // --site NAME (repeatable): crawl only these sites. Empty = every site.
  std::vector<std::string> sites;
  // --max-pages N: replaces [crawl] max_pages (0 = no limit).
  std::optional<int64_t> max_pages;
  // --max-time D: replaces [crawl] max_time (0 = no limit).
  std::optional<std::chrono::milliseconds> max_time;
  // --revisit-all: re-check every known article now, whatever the schedule says.
  bool revisit_all = false;
};

// "newsvault/0.1.0 (+https://example.org/bot)": the product token and version
// (RFC 9110 §10.1.5), then the contact as a comment so site operators can reach
// the operator; without a contact just "newsvault/0.1.0".
std::string CrawlUserAgent(std::string_view product, std::string_view version,
                           std::string_view contact);

// Maps the config and the flags to the crawler's options. `version` goes into
// the User-Agent. Sites keep the config file's order. Errors: InvalidArgument
// naming the known sites when a --site names none of them.
core::Result<crawler::CrawlerOptions> MakeCrawlerOptions(const config::CrawlConfig& config,
                                                         const CrawlFlags& flags,
                                                         std::string_view version);

}  // namespace newsvault::app
