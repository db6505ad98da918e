// CrawlConfig: the crawl configuration file (TOML), loaded and validated.
//
// What `newsvault crawl --config FILE` and cron jobs read: where the archive
// lives, how politely to crawl, and which sites to crawl. The key names are a
// public interface (scripts depend on them); docs/config.md is the reference
// and must change with this file.
//
// Everything handed out is validated: durations parsed, regexes known to
// compile (std::regex, ECMAScript), XPath known to compile (libxml2), URLs
// http(s), names unique. A bad file is
// an InvalidArgument whose message names the file, line and key, e.g.
//   sites.toml:12: [crawl] min_delay: expected a duration like "1s", got "fast"
// Unknown keys are errors too, so a typo never passes silently.
//
// Only this room reads files or the environment (DESIGN §7 "Options").
//
// Thread safety: plain values and pure functions (LoadCrawlConfig reads a file).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace newsvault::config {

// [archive]
struct ArchiveOptions {
  // The RocksDB archive directory; `--db` overrides it. Relative paths are
  // relative to the working directory, as for --db. Default "newsvault-data".
  std::string path = "newsvault-data";
};

// One revisit step, written "AGE:INTERVAL" ("3h:15m"): while an article's last
// change is less than `age` old, re-fetch it every `interval`.
struct RevisitStep {
  std::chrono::milliseconds age{0};       // upper bound of time since last change
  std::chrono::milliseconds interval{0};  // time between re-fetches; > 0
  friend bool operator==(const RevisitStep&, const RevisitStep&) = default;
};

// The default revisit schedule: 15 min while the last change is < 3 h old,
// 1 h while < 1 day, 3 h while < 7 days, 3 days while < 30 days, then never.
std::vector<RevisitStep> DefaultRevisitSchedule();

// [crawl]
struct CrawlOptions {
  // Product token for the User-Agent (an RFC 9110 §5.6.2 token); the crawler
  // appends the version and the contact. Default "newsvault".
  std::string user_agent = "newsvault";
  // A URL or e-mail where site owners can reach the operator, shown in the
  // User-Agent. Default "" (none shown).
  std::string contact;
  // Transfers in flight, all hosts together. >= 1. Default 32.
  int concurrency = 32;
  // Simultaneous connections to one host. >= 1. Default 1.
  int connections_per_host = 1;
  // Shortest wait between two requests to one host. Default 1 s.
  std::chrono::milliseconds min_delay{1'000};
  // The wait is at least this times the host's last response time. >= 0. Default 2.0.
  double delay_factor = 2.0;
  // Longest wait we impose on ourselves (a server's Retry-After may ask for
  // more). >= min_delay. Default 30 s.
  std::chrono::milliseconds max_delay{30'000};
  // Obey robots.txt (RFC 9309). Default true.
  bool respect_robots = true;
  // Connect to private, loopback and link-local addresses. Default false.
  bool allow_private_addresses = false;
  // Pages fetched per run; 0 = no limit. Default 0.
  int64_t max_pages = 0;
  // Wall-clock budget per run; 0 = no limit. Default 0.
  std::chrono::milliseconds max_time{0};
  // Article revisit steps, strictly increasing by age; after the last step an
  // article is not revisited. Empty = never revisit. Default DefaultRevisitSchedule().
  std::vector<RevisitStep> revisit = DefaultRevisitSchedule();
};

// [site.extract]: per-site extraction overrides, XPath 1.0 expressions
// evaluated on the parsed page (parser/xpath_overrides.h says how each
// applies). Each known to compile (libxml2). Empty = not overridden.
struct SiteExtract {
  std::string body;               // the element(s) holding the article body
  std::string title;              // the headline (first match's text)
  std::string published;          // the publication date (first parsable match)
  std::string authors;            // the byline(s); each match's text is split into names
  std::vector<std::string> drop;  // elements removed before extraction
  friend bool operator==(const SiteExtract&, const SiteExtract&) = default;
};

// One [[site]].
struct SiteConfig {
  // Unique, non-empty; what `--site NAME` selects. Required.
  std::string name;
  // Start URLs (http/https). At least one. Required.
  std::vector<std::string> seeds;
  // RSS/Atom feed URLs (http/https); more are discovered from pages. Default none.
  std::vector<std::string> feeds;
  // Sitemap URLs (http/https); more are discovered from robots.txt. Default none.
  std::vector<std::string> sitemaps;
  // A URL is in scope when it matches one of these regexes (ECMAScript, search
  // anywhere in the URL; anchor with '^'). Default (key absent or empty): one
  // pattern per distinct seed origin, see DefaultAllowPatterns.
  std::vector<std::string> allow;
  // A URL matching any of these regexes is out of scope, even if allowed. Default none.
  std::vector<std::string> deny;
  // When non-empty, a page is an article exactly when its URL matches this
  // regex; when empty, the extractor decides. Default "".
  std::string article_pattern;
  // Link hops from a seed beyond which links are not followed. >= 0. Default 3.
  int max_depth = 3;
  // Extraction overrides for this site's pages. Default none.
  SiteExtract extract;
};

struct CrawlConfig {
  ArchiveOptions archive;
  CrawlOptions crawl;
  std::vector<SiteConfig> sites;  // in file order
};

// "^https://example\.com/" for seed "https://example.com/news": one anchored
// pattern per distinct scheme + host (+ port when not the default), in seed
// order, with regex metacharacters escaped. Unparsable seeds are skipped.
std::vector<std::string> DefaultAllowPatterns(const std::vector<std::string>& seeds);

// Parses and validates config text. `source_name` (usually the file path)
// starts every error message. Errors: InvalidArgument.
core::Result<CrawlConfig> ParseCrawlConfig(std::string_view text, std::string_view source_name);

// Reads `path` and parses it as above. Errors: NotFound when the file does
// not exist, IoError when it cannot be read, InvalidArgument when it is invalid.
core::Result<CrawlConfig> LoadCrawlConfig(const std::string& path);

}  // namespace newsvault::config
