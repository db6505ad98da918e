// CrawlStore: the crawl state kept in the archive (DESIGN §3 "Frontier / hosts
// / robots cache / crawl runs"), so that a crawl killed at any moment resumes
// where it stopped and the crawler's memory is bounded by hosts, not URLs.
//
// Key spaces (each its own RocksDB column family; docs/storage.md has the
// encodings):
//  - frontier: URLs waiting to be fetched, grouped by origin, in priority order
//    within an origin (feeds and sitemaps, then revisits, then pages by depth,
//    then discovery order);
//  - seen: one entry per canonical URL ever enqueued, for exact dedup;
//  - revisits: per article URL, when it last changed and when it is due again
//    (with an index by due time);
//  - validators: the ETag / Last-Modified last served for a URL (conditional GET);
//  - robots: the robots.txt fetch outcome per origin (cache, 24 h);
//  - runs: one record per crawl run.
//
// Atomicity: StoreCrawledCapture writes the capture (as Archive::StoreCapture
// does) and the crawl bookkeeping of the fetch (frontier entry removed, URL
// marked fetched, discovered URLs enqueued, revisit and validators updated) in
// ONE write batch (fsynced as OpenOptions::durability says). So after SIGKILL
// either all of it happened or none of it: a capture is never stored twice and
// a discovered URL never lost.
//
// Dedup rule (per canonical URL; R is the current run id). A URL offered to
// Enqueue is added when:
//   - it was never seen; or
//   - it was fetched as a non-article page (a section front, listing, feed,
//     sitemap, redirect, error) in a run before R: those are re-read every run;
//   - or the policy is kForce and the URL is not already waiting in the frontier
//     (seeds, feeds and sitemaps at the start of a run; articles due for revisit).
// It is skipped when it is waiting in the frontier, when it was fetched as a
// non-article page in run R, or when it is a known article (articles are
// re-fetched only through revisits, i.e. kForce).
//
// Thread safety: all methods may be called from several threads; writes are
// serialised with the archive's own writes.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/article.h"
#include "core/http_exchange.h"
#include "core/status.h"
#include "core/timestamp.h"
#include "storage/archive.h"

namespace newsvault::storage {

// How the fetched response is to be read.
enum class FrontierKind : uint8_t {
  kPage = 0,     // HTML page: seed, discovered link, or a redirect target of one
  kFeed = 1,     // RSS/Atom feed
  kSitemap = 2,  // sitemap, sitemap index, .xml.gz or text sitemap
  kRevisit = 3,  // a known article re-fetched on the revisit schedule
};
std::string_view FrontierKindName(FrontierKind kind);  // "page", "feed", "sitemap", "revisit"

struct FrontierEntry {
  std::string url;   // canonical absolute http(s) URL (core/url_canonicalizer.h)
  std::string site;  // the [[site]] name it belongs to
  FrontierKind kind = FrontierKind::kPage;
  int depth = 0;          // link hops from a seed (feeds/sitemaps entries: 1)
  int redirect_hops = 0;  // redirects followed to reach this URL (a chain is capped)
  std::string via;        // the URL whose page, feed, sitemap or redirect led here; "" for seeds
};

// The origin a URL's politeness, robots.txt and frontier group belong to:
// "scheme://host[:port]" lowercase, default port dropped ("https://example.com",
// "http://127.0.0.2:8080"). InvalidArgument for a URL that does not parse.
core::Result<std::string> OriginOf(std::string_view url);

// One frontier entry as stored. `key` is opaque; it orders entries within an
// origin and identifies the entry to FinishFetch / StoreCrawledCapture.
struct FrontierItem {
  std::string key;
  std::string origin;
  FrontierEntry entry;
};

enum class EnqueuePolicy {
  kOncePerRun,  // discovered links, feed and sitemap entries (see the dedup rule)
  kForce,       // seeds, configured feeds and sitemaps, revisits
};

// The validators a server sent with its last 200 for a URL.
struct Validators {
  std::string etag;           // ETag header value as sent, quotes kept; "" when none
  std::string last_modified;  // Last-Modified header value as sent; "" when none
};

// An article's revisit bookkeeping.
struct RevisitState {
  std::string url;  // canonical
  std::string site;
  core::Timestamp last_change{};  // capture time of the latest new version
  core::Timestamp last_fetch{};   // capture time of the latest capture
  // When it should be fetched again; Timestamp::max() = never (past the schedule).
  core::Timestamp due{};
};

struct RobotsCacheEntry {
  core::Timestamp fetched{};
  int status_code = 0;  // of the last hop; 0 after a network error
  bool network_error = false;
  std::string body;  // decoded robots.txt body (at most 500 KiB)
};

// The crawl bookkeeping that goes into the same write batch as a capture.
struct CrawlUpdate {
  uint64_t run_id = 0;
  // The frontier item this exchange answers; removed. Empty for a fetch that
  // had no frontier item (robots.txt).
  std::string done_key;
  // The canonical URL of that item; marked fetched in run_id, as an article
  // when `is_article`, else as a page.
  std::string done_url;
  bool is_article = false;
  // Enqueued with kOncePerRun (redirect targets, links, feed/sitemap entries).
  std::vector<FrontierEntry> discovered;
  // Set for an article: its new revisit state (replaces the old one and its
  // due-time index entry).
  std::optional<RevisitState> revisit;
  // Set when the response carried validators worth keeping (2xx with ETag or
  // Last-Modified); replaces those stored for done_url.
  std::optional<Validators> validators;
  // Set for a robots.txt fetch that settled its origin's rules: the cache entry
  // for `robots_origin`, written with the capture so a kill between the two
  // cannot make the next run fetch and store robots.txt again.
  std::string robots_origin;
  std::optional<RobotsCacheEntry> robots;
};

struct CrawledCaptureOutcome {
  StoreOutcome stored;
  std::vector<FrontierItem> enqueued;  // the discovered entries actually added
};

struct CrawlRun {
  uint64_t id = 0;       // 1, 2, ...
  bool resumed = false;  // true: an earlier process started this run and never ended it
  core::Timestamp started{};
};

class CrawlStore {
 public:
  virtual ~CrawlStore() = default;

  // Starts a run, or resumes the latest one when it was never ended (the
  // previous process was killed). A resumed run keeps its id and its frontier;
  // the caller then does not re-seed.
  virtual core::Result<CrawlRun> BeginRun(core::Timestamp now) = 0;
  // Marks the run ended and keeps `summary_json` (one JSON object) with it.
  // Frontier entries left (budget or signal) stay for the next run.
  virtual core::Status EndRun(uint64_t run_id, core::Timestamp now,
                              std::string_view summary_json) = 0;

  // Applies the dedup rule to each entry (in order; duplicates within the call
  // collapse) and returns the items actually added, with their keys.
  virtual core::Result<std::vector<FrontierItem>> Enqueue(const std::vector<FrontierEntry>& entries,
                                                          uint64_t run_id,
                                                          EnqueuePolicy policy) = 0;
  // Every origin with at least one frontier entry (O(origins) seeks, not a full scan).
  virtual core::Result<std::vector<std::string>> FrontierOrigins() = 0;
  // Up to `limit` items of `origin` in priority order, with keys greater than
  // `after_key` ("" = from the first).
  virtual core::Result<std::vector<FrontierItem>> PeekFrontier(std::string_view origin,
                                                               std::string_view after_key,
                                                               size_t limit) = 0;
  // Number of frontier entries (exact; maintained as a counter).
  virtual core::Result<uint64_t> FrontierSize() = 0;

  // Removes a frontier item that produced no capture (out of scope, refused by
  // robots.txt or by the private-address rule, network error, dropped host) and
  // marks done_url fetched-as-page in the run, in one write. `update.discovered`
  // may be non-empty (nothing else of `update` but run_id/done_key/done_url is used).
  virtual core::Result<std::vector<FrontierItem>> FinishFetch(const CrawlUpdate& update) = 0;

  // Archive::StoreCapture plus `update`, in one write batch (see above).
  virtual core::Result<CrawledCaptureOutcome> StoreCrawledCapture(
      const core::HttpExchange& exchange, const core::Article* article,
      const CrawlUpdate& update) = 0;

  // Calls fn for each article whose due time is <= `now`, in due order (pass
  // Timestamp::max() - 1 µs, or use `all`, for every article that has a due
  // time). A non-OK status from fn stops the scan and is returned.
  virtual core::Status ForEachDueRevisit(
      core::Timestamp now, bool all,
      const std::function<core::Status(const RevisitState&)>& fn) = 0;
  virtual core::Result<std::optional<RevisitState>> GetRevisit(std::string_view url) = 0;
  virtual core::Result<std::optional<Validators>> GetValidators(std::string_view url) = 0;

  virtual core::Result<std::optional<RobotsCacheEntry>> GetRobots(std::string_view origin) = 0;
  virtual core::Status PutRobots(std::string_view origin, const RobotsCacheEntry& entry) = 0;
};

}  // namespace newsvault::storage
