// CrawlRunner: one crawl run, from BeginRun to EndRun (crawler/crawler.h has
// the rules; DESIGN §2 the pipeline). Private to the crawler room.
//
// One scheduler thread (the caller's) runs the loop:
//   1. worker completions -> counters, events, newly enqueued work;
//   2. budgets and the stop flag;
//   3. start transfers for origins whose rest is over, up to `concurrency`
//      in flight and while the worker queue has room (back-pressure): first
//      the origin's robots.txt (RobotsGate, cached 24 h in the archive), then
//      its next frontier item if scope and robots.txt allow it;
//   4. Fetcher::WaitForResults until the next origin is ready (<= 100 ms);
//      each result updates the host's politeness and goes to a worker
//      (CrawlPageTask: read, extract, store with the frontier update).
// Items refused by scope or robots.txt are removed with
// CrawlStore::FinishFetch. A transient failure (5xx, 429, network error,
// timeout) leaves the item in the frontier (a 5xx capture is stored without
// frontier update) and the origin's frontier is re-read, so the item is
// fetched again once the host's backoff or Retry-After is over, up to
// CrawlerOptions::max_fetch_attempts times; then it is finished like any other (stored with
// its update, or FinishFetch): not retried in this run, since the dedup rule
// forbids re-adding it, but a seed, feed or sitemap that leads to it again in
// a later run brings it back. Transfers abandoned at shutdown stay in the
// frontier for the next run, as do the items of a host dropped after
// repeated failures.
// On stop (signal or max time): no new transfers; those in flight get a
// grace period, then are cancelled; the workers drain; EndRun keeps the
// summary. A fatal store error ends the run without EndRun (the next run
// resumes it) and is returned.
//
// Thread safety: Run is called once, on one thread. Workers only run
// RunCrawlPageTask and hand results back through a mutex-guarded queue.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "crawler/crawl_page_task.h"
#include "crawler/crawl_scheduler.h"
#include "crawler/crawl_scope.h"
#include "crawler/crawler.h"
#include "crawler/fetcher.h"
#include "crawler/page_processor.h"
#include "crawler/robots_gate.h"
#include "crawler/worker_pool.h"
#include "storage/archive.h"
#include "storage/crawl_store.h"

namespace newsvault::crawler {

// How long transfers in flight may finish after a stop before they are cancelled.
inline constexpr std::chrono::milliseconds kStopGrace{5'000};
// Longest wait for fetch results, so completions, budgets and the stop flag
// are looked at often.
inline constexpr std::chrono::milliseconds kMaxWait{100};
// Progress is offered at most this often.
inline constexpr std::chrono::milliseconds kProgressInterval{250};

class CrawlRunner {
 public:
  CrawlRunner(const CrawlerOptions& options, Fetcher& fetcher, storage::Archive& archive,
              const core::Clock& clock, const std::atomic<bool>& stop, CrawlEventSink& sink);
  ~CrawlRunner();

  core::Result<CrawlSummary> Run();

 private:
  struct Transfer {
    bool robots = false;  // a robots.txt hop, not a frontier item
    bool polite = false;  // counted by the origin's HostPoliteness (OnStart was called)
    std::string origin;
    storage::FrontierItem item;  // when !robots
    std::string url;
  };

  // Setup (crawl_run_setup.cpp).
  core::Status BuildScopes();
  // Canonicalises the site's feeds, sitemaps and seeds into configured_
  // (before BeginRun, so a bad URL never leaves a run begun and unseeded).
  core::Status PrepareConfigured(const CrawlSite& site);
  core::Status Seed(bool resumed);
  core::Status EnqueueDueRevisits(bool all);
  core::Status Enqueue(const std::vector<storage::FrontierEntry>& entries,
                       storage::EnqueuePolicy policy);
  const CrawlScope* ScopeOf(const std::string& site) const;

  // Robots (crawl_run_robots.cpp).
  // Returns true when the origin's items may be looked at now (robots known,
  // or not respected); otherwise starts what is needed (cache or fetch).
  core::Result<bool> RobotsReady(const std::string& origin);
  core::Status OnRobotsKnown(const std::string& origin,
                             std::vector<storage::FrontierEntry>* sitemaps);
  core::Status HandleRobotsResult(const Transfer& transfer, FetchResult& result);
  void SubmitFetch(Transfer transfer, std::vector<std::string> extra_headers);

  // The loop (crawl_run.cpp).
  core::Status StartTransfers();
  core::Status StartOrigin(const std::string& origin);
  core::Status HandleFetchResult(FetchResult result);
  // Whether a transient failure of `item` is to be retried (counts the attempt).
  FrontierDisposition RetryOrGiveUp(const storage::FrontierItem& item);
  core::Status FinishWithoutCapture(const storage::FrontierItem& item);
  core::Status Skip(const storage::FrontierItem& item, const std::string& kind,
                    const std::string& detail);
  bool CompletionsPending();
  void DrainCompletions();
  void HandleCompletion(CrawlPageResult& done);
  void CheckBudgets();
  void FinishInFlight();
  void MaybeProgress(bool force);
  void Emit(CrawlEvent::Kind kind, std::string url, std::string site, int status,
            std::string detail, uint64_t bytes = 0);
  size_t InFlight() const { return transfers_.size(); }

  const CrawlerOptions& options_;
  Fetcher& fetcher_;
  storage::Archive& archive_;
  storage::CrawlStore& store_;
  const core::Clock& clock_;
  const std::atomic<bool>& stop_;
  CrawlEventSink& sink_;

  PageProcessorOptions processor_options_;
  FetchOptions fetch_options_;
  std::map<std::string, CrawlScope, std::less<>> scopes_;
  std::vector<storage::FrontierEntry> configured_;  // every site's feeds, sitemaps, seeds
  CrawlScheduler scheduler_;
  RobotsGate robots_;
  // Sites whose items were seen on an origin: robots.txt Sitemap lines are
  // enqueued for them.
  std::map<std::string, std::set<std::string>, std::less<>> origin_sites_;
  std::set<std::string, std::less<>> robots_sitemaps_done_;  // origins
  std::set<std::string, std::less<>> dropped_reported_;      // origins
  // Origins whose robots.txt fetch the private-address rule refused.
  std::set<std::string, std::less<>> refused_origins_;

  CrawlPageContext page_context_;
  std::unique_ptr<WorkerPool> pool_;
  std::mutex completions_mutex_;
  std::deque<CrawlPageResult> completions_;  // GUARDED_BY(completions_mutex_)

  std::map<uint64_t, Transfer> transfers_;
  // Failed attempts per frontier key, while an item is being retried.
  std::map<std::string, int, std::less<>> attempts_;
  uint64_t next_transfer_id_ = 1;
  int64_t fetches_started_ = 0;

  CrawlSummary summary_;
  core::Timestamp started_{};
  bool stopping_ = false;   // no new transfers
  bool hard_stop_ = false;  // signal or max time: in-flight ones get a grace, then cancel
  core::Status fatal_;      // a store failure that ends the run
  core::Timestamp last_progress_{};
};

}  // namespace newsvault::crawler
