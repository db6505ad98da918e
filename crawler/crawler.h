// Crawler: one crawl run over the configured sites (issue 3; DESIGN §2).
//
// The pieces it wires together:
//   scheduler (this room)  picks the next URL of each origin whose politeness
//                          rest is over (crawler/host_politeness.h), after
//                          robots.txt (crawler/robots.h, cached 24 h in the
//                          archive), scope (allow/deny/depth) and the
//                          private-address rule;
//   Fetcher                runs up to `concurrency` transfers at once
//                          (crawler/fetcher.h, libcurl multi);
//   worker pool            decodes, extracts the article and the links, reads
//                          feeds and sitemaps (parser/), behind a bounded queue;
//   CrawlStore             stores each capture with its frontier update in one
//                          write batch (storage/crawl_store.h), so a run killed
//                          at any moment resumes on the next start.
//
// A run: BeginRun (resume an unfinished run, or start a new one and enqueue
// seeds, configured feeds and sitemaps with kForce, and the articles due for
// revisit), then fetch until the frontier is empty, a budget ends, or `stop`
// is set (SIGINT/SIGTERM): no new transfers start, those in flight are
// finished or abandoned, everything fetched is stored, EndRun records the
// summary.
//
// Page rules: a page is an article when the site's article_pattern matches its
// URL or, without a pattern, when the extractor finds one
// (parser::LooksLikeArticle). Articles get versions and a revisit schedule
// (RevisitInterval); pages, feeds and sitemaps are re-read every run. Links are
// followed from pages (not articles' nofollow ones) while depth < max_depth;
// feed and sitemap entries are enqueued at depth 1. Redirect targets go back
// through the frontier (scope, robots and politeness apply to each hop).
//
// Thread safety: Run is called once, from one thread; `stop` may be set from
// any thread or a signal handler; the EventSink is called from the thread
// running Run only.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "core/timestamp.h"
#include "core/url_canonicalizer.h"
#include "crawler/fetcher.h"
#include "crawler/host_politeness.h"
#include "crawler/http_client.h"
#include "parser/xpath_overrides.h"
#include "storage/archive.h"

namespace newsvault::crawler {

// One step of the revisit schedule: while an article's last change is less
// than `age` old, re-fetch it every `interval` (config's "3h:15m").
struct RevisitStep {
  std::chrono::milliseconds age{0};
  std::chrono::milliseconds interval{0};
};

// When an article whose last change was at `last_change` and which was fetched
// at `now` is due again: now + the interval of the first step whose age is
// greater than now - last_change; Timestamp::max() when past the last step
// (never) or when the schedule is empty.
core::Timestamp NextRevisit(const std::vector<RevisitStep>& schedule, core::Timestamp last_change,
                            core::Timestamp now);

struct CrawlSite {
  std::string name;
  std::vector<std::string> seeds;
  std::vector<std::string> feeds;
  std::vector<std::string> sitemaps;
  std::vector<std::string> allow;  // regex sources (ECMAScript); empty = the seeds' origins
  std::vector<std::string> deny;
  std::string article_pattern;  // "" = let the extractor decide
  int max_depth = 3;
  // Per-site XPath overrides of the extractor ([site.extract]); empty = none.
  parser::ExtractOverrides extract;
};

struct CrawlerOptions {
  std::vector<CrawlSite> sites;  // the sites of this run (after --site filtering)
  // The full User-Agent: "newsvault/0.1.0 (+https://example.org/bot)".
  std::string user_agent = "newsvault/0.1.0";
  int concurrency = 32;  // transfers in flight, all hosts together
  PolitenessOptions politeness;
  bool respect_robots = true;
  // false: refuse to connect to private, loopback and link-local addresses.
  bool allow_private_addresses = false;
  int64_t max_pages = 0;                  // fetches this run; 0 = no limit
  std::chrono::milliseconds max_time{0};  // wall clock this run; 0 = no limit
  std::vector<RevisitStep> revisit;       // empty = never revisit
  bool revisit_all = false;               // enqueue every known article now
  int worker_threads = 0;                 // parse threads; 0 = one per core
  size_t max_redirects = 10;              // hops of one chain
  // Fetches of one URL in a run when it fails transiently (5xx, 429, network
  // error, timeout); each waits for the host's backoff or Retry-After. >= 1.
  int max_fetch_attempts = 3;
  FetchOptions fetch;                    // limits, TLS; user_agent is overwritten
  size_t max_decoded_bytes = 64u << 20;  // gzip-bomb cap for the parser's copy
  core::CanonicalizeOptions canonicalize;
  std::chrono::hours robots_cache_ttl{24};
};

// One thing that happened, for logs and the progress line.
struct CrawlEvent {
  enum class Kind {
    kFetched,      // a capture was stored (any status)
    kNotModified,  // a conditional GET answered 304 (also stored)
    kNewArticle,   // first version of an article
    kNewVersion,   // an article changed
    kError,        // a fetch failed without a response, or storing failed
    kSkipped,      // robots.txt, scope, private address, dropped host
    kHostDropped,  // 5 consecutive failures
    kRobots,       // robots.txt fetched (or served from the cache)
  };
  Kind kind = Kind::kFetched;
  std::string url;
  std::string site;
  int status_code = 0;
  std::string detail;  // reason, error message, title, robots decision line
  uint64_t bytes = 0;
};
std::string_view CrawlEventKindName(CrawlEvent::Kind kind);  // "fetched", "not_modified", ...

struct CrawlSummary {
  uint64_t run_id = 0;
  bool resumed = false;
  uint64_t pages_fetched = 0;  // captures stored this run (every hop, robots.txt too)
  uint64_t new_articles = 0;
  uint64_t new_versions = 0;                       // versions >= 2 made this run
  uint64_t not_modified = 0;                       // 304s plus identical payloads of revisits
  uint64_t bytes = 0;                              // response bytes received
  std::map<std::string, uint64_t> errors_by_kind;  // "network", "timeout", "http_5xx", "store"...
  std::map<std::string, uint64_t>
      skipped_by_kind;  // "robots", "private_address", "host_dropped"...
  uint64_t frontier_left = 0;
  std::string stop_reason;  // "frontier empty", "max pages", "max time", "signal"
  std::chrono::milliseconds duration{0};

  bool HadErrors() const { return !errors_by_kind.empty(); }
  std::string ToJson() const;  // one JSON object, stable key names (docs/cli.md)
};

// The progress line's numbers, offered at most a few times a second.
struct CrawlProgress {
  uint64_t pages = 0;
  double pages_per_second = 0;
  uint64_t queued = 0;  // frontier size
  uint64_t in_flight = 0;
  uint64_t errors = 0;
};

class CrawlEventSink {
 public:
  virtual ~CrawlEventSink() = default;
  virtual void OnEvent(const CrawlEvent& event) = 0;
  virtual void OnProgress(const CrawlProgress& progress) = 0;
};

class Crawler {
 public:
  // `fetcher`, `archive` and `clock` must outlive the Crawler.
  Crawler(CrawlerOptions options, Fetcher& fetcher, storage::Archive& archive,
          const core::Clock& clock);
  ~Crawler();

  // Runs one crawl. Errors: InvalidArgument for a bad site (regex that does not
  // compile, no seeds), or the archive's error when storing fails fatally
  // (then what was stored stays stored). Fetch failures are not errors: they
  // are counted in the summary.
  core::Result<CrawlSummary> Run(const std::atomic<bool>& stop, CrawlEventSink& sink);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsvault::crawler
