#include "crawler/crawl_run.h"

#include <algorithm>
#include <thread>
#include <utility>

namespace newsvault::crawler {
namespace {

using storage::FrontierKind;

// The error kind a failed fetch is counted under in the summary.
std::string ErrorKind(const core::Status& status) {
  switch (status.code()) {
    case core::StatusCode::kTimeout:
      return "timeout";
    case core::StatusCode::kNetworkError:
      return "network";
    default:
      return std::string(core::StatusCodeName(status.code()));
  }
}

// Configured entries are in scope by definition (a seed outside `allow` is
// still a seed); discovered pages and revisits must be in scope.
bool NeedsScopeCheck(const storage::FrontierEntry& entry) {
  if (entry.kind == FrontierKind::kFeed || entry.kind == FrontierKind::kSitemap) return false;
  return !(entry.kind == FrontierKind::kPage && entry.depth == 0 && entry.via.empty());
}

}  // namespace

core::Result<CrawlSummary> CrawlRunner::Run() {
  started_ = clock_.Now();
  last_progress_ = started_;
  RETURN_IF_ERROR(BuildScopes());
  ASSIGN_OR_RETURN(storage::CrawlRun run, store_.BeginRun(started_));
  summary_.run_id = run.id;
  summary_.resumed = run.resumed;
  page_context_ = {&archive_, &store_, &processor_options_, &options_.revisit, run.id};
  const size_t threads = options_.worker_threads > 0
                             ? static_cast<size_t>(options_.worker_threads)
                             : std::max<size_t>(1, std::thread::hardware_concurrency());
  pool_ = std::make_unique<WorkerPool>(threads, std::max<size_t>(4, 2 * threads));
  RETURN_IF_ERROR(Seed(run.resumed));
  RETURN_IF_ERROR(scheduler_.LoadOrigins());

  for (;;) {
    DrainCompletions();
    CheckBudgets();
    if (!stopping_) {
      if (core::Status started = StartTransfers(); !started.ok()) {
        fatal_ = started;
        stopping_ = hard_stop_ = true;
      }
    }
    if (hard_stop_) break;
    if (transfers_.empty() && pool_->Pending() == 0 && !CompletionsPending() &&
        (stopping_ || !scheduler_.HasWork())) {
      break;
    }
    const core::Timestamp now = clock_.Now();
    const core::Timestamp wake = scheduler_.NextWake();
    std::chrono::milliseconds timeout = kMaxWait;
    // With every transfer slot or the worker queue full, only a result (or a
    // worker's Wake) can let more start.
    const bool saturated =
        InFlight() >= static_cast<size_t>(std::max(options_.concurrency, 1)) || !pool_->HasRoom();
    if (!saturated && wake < now + kMaxWait) {
      timeout = std::chrono::duration_cast<std::chrono::milliseconds>(wake - now);
    }
    // Never spin: an origin may be "ready" yet waiting for its robots.txt.
    timeout = std::clamp(timeout, std::chrono::milliseconds{5}, kMaxWait);
    for (FetchResult& result : fetcher_.WaitForResults(timeout)) {
      if (core::Status handled = HandleFetchResult(std::move(result)); !handled.ok()) {
        if (fatal_.ok()) fatal_ = handled;
        stopping_ = hard_stop_ = true;
      }
    }
    MaybeProgress(false);
  }
  FinishInFlight();
  if (!fatal_.ok()) return fatal_;  // the run stays open; the next one resumes it

  summary_.frontier_left = store_.FrontierSize().value_or(0);
  if (summary_.stop_reason.empty()) {
    summary_.stop_reason = summary_.frontier_left == 0 ? "frontier empty" : "hosts unavailable";
  }
  const core::Timestamp ended = clock_.Now();
  summary_.duration = std::chrono::duration_cast<std::chrono::milliseconds>(ended - started_);
  RETURN_IF_ERROR(store_.EndRun(summary_.run_id, ended, summary_.ToJson()));
  MaybeProgress(true);
  return summary_;
}

void CrawlRunner::CheckBudgets() {
  if (hard_stop_) return;
  if (stop_.load()) {
    stopping_ = hard_stop_ = true;
    summary_.stop_reason = "signal";
    return;
  }
  if (options_.max_time.count() > 0 && clock_.Now() - started_ >= options_.max_time) {
    stopping_ = hard_stop_ = true;
    summary_.stop_reason = "max time";
    return;
  }
  if (!stopping_ && options_.max_pages > 0 && fetches_started_ >= options_.max_pages) {
    // Transfers in flight finish normally.
    stopping_ = true;
    summary_.stop_reason = "max pages";
  }
}

core::Status CrawlRunner::StartTransfers() {
  const size_t concurrency = static_cast<size_t>(std::max(options_.concurrency, 1));
  for (const std::string& origin : scheduler_.OriginsWithWork()) {
    if (InFlight() >= concurrency || !pool_->HasRoom()) break;
    if (options_.max_pages > 0 && fetches_started_ >= options_.max_pages) break;
    if (!scheduler_.Politeness(origin).CanStart()) continue;
    RETURN_IF_ERROR(StartOrigin(origin));
  }
  return core::Status::Ok();
}

core::Status CrawlRunner::Skip(const storage::FrontierItem& item, const std::string& kind,
                               const std::string& detail) {
  scheduler_.TakeNext(item.origin);
  RETURN_IF_ERROR(FinishWithoutCapture(item));
  ++summary_.skipped_by_kind[kind];
  Emit(CrawlEvent::Kind::kSkipped, item.entry.url, item.entry.site, 0, kind + ": " + detail);
  return core::Status::Ok();
}

core::Status CrawlRunner::StartOrigin(const std::string& origin) {
  ASSIGN_OR_RETURN(std::optional<storage::FrontierItem> first, scheduler_.PeekNext(origin));
  if (!first) return core::Status::Ok();
  origin_sites_[origin].insert(first->entry.site);
  if (refused_origins_.count(origin) == 0) {
    ASSIGN_OR_RETURN(bool ready, RobotsReady(origin));
    if (!ready) return core::Status::Ok();
  }
  HostPoliteness& politeness = scheduler_.Politeness(origin);
  if (!politeness.CanStart()) return core::Status::Ok();
  for (;;) {
    ASSIGN_OR_RETURN(std::optional<storage::FrontierItem> next, scheduler_.PeekNext(origin));
    if (!next) return core::Status::Ok();
    const storage::FrontierItem item = std::move(next).value();
    const storage::FrontierEntry& entry = item.entry;
    const CrawlScope* scope = ScopeOf(entry.site);
    if (scope == nullptr) {
      // Another site's item (a run resumed with --site): left in the
      // frontier for that site's next run, and not held in this one.
      scheduler_.PassOver(origin);
      continue;
    }
    origin_sites_[origin].insert(entry.site);
    if (refused_origins_.count(origin) != 0) {
      RETURN_IF_ERROR(Skip(item, "private_address", "the host's address is private"));
      continue;
    }
    if (NeedsScopeCheck(entry) && !scope->InScope(entry.url)) {
      RETURN_IF_ERROR(Skip(item, "scope", "outside the site's allow/deny patterns"));
      continue;
    }
    if (options_.respect_robots) {
      const RobotsDecision decision = robots_.Decide(origin, entry.url);
      if (!decision.allowed) {
        RETURN_IF_ERROR(Skip(item, "robots",
                             decision.rule.empty()
                                 ? decision.reason
                                 : "line " + std::to_string(decision.line) + " " + decision.rule));
        continue;
      }
    }
    if (!politeness.OnStart()) return core::Status::Ok();
    scheduler_.TakeNext(origin);
    std::vector<std::string> headers;
    if (entry.kind != FrontierKind::kPage) {
      // Feeds, sitemaps and revisits are asked conditionally (RFC 9110 §13.1.1,
      // §13.1.3): an unchanged one costs a 304.
      ASSIGN_OR_RETURN(std::optional<storage::Validators> validators,
                       store_.GetValidators(entry.url));
      if (validators && !validators->etag.empty()) {
        headers.push_back("If-None-Match: " + validators->etag);
      }
      if (validators && !validators->last_modified.empty()) {
        headers.push_back("If-Modified-Since: " + validators->last_modified);
      }
    }
    Transfer transfer;
    transfer.polite = true;
    transfer.origin = origin;
    transfer.item = item;
    transfer.url = entry.url;
    SubmitFetch(std::move(transfer), std::move(headers));
    ++fetches_started_;
    return core::Status::Ok();
  }
}

core::Status CrawlRunner::FinishWithoutCapture(const storage::FrontierItem& item) {
  storage::CrawlUpdate update;
  update.run_id = summary_.run_id;
  update.done_key = item.key;
  update.done_url = item.entry.url;
  ASSIGN_OR_RETURN(std::vector<storage::FrontierItem> added, store_.FinishFetch(update));
  scheduler_.OnItemDone(item.origin, item.key);
  scheduler_.OnEnqueued(added);
  return core::Status::Ok();
}

core::Status CrawlRunner::HandleFetchResult(FetchResult result) {
  auto found = transfers_.find(result.id);
  if (found == transfers_.end()) return core::Status::Ok();
  const Transfer transfer = std::move(found->second);
  transfers_.erase(found);
  const core::Status error = result.exchange.status();
  const bool cancelled = error.code() == core::StatusCode::kCancelled;

  if (transfer.polite) {
    HostPoliteness& politeness = scheduler_.Politeness(transfer.origin);
    FetchOutcome outcome;
    if (result.exchange.ok()) {
      outcome.status_code = result.exchange->status_code;
      outcome.response_time = result.exchange->total_time;
      if (auto retry_after = result.exchange->Header("Retry-After")) {
        outcome.retry_after = std::string(*retry_after);
      }
    } else {
      // A refused private address or a cancelled transfer says nothing about
      // the host's health.
      outcome.network_error = !cancelled && error.code() != core::StatusCode::kPermissionDenied;
    }
    politeness.OnFinish(outcome);
    if (politeness.IsDropped() && dropped_reported_.insert(transfer.origin).second) {
      ++summary_.skipped_by_kind["host_dropped"];
      Emit(CrawlEvent::Kind::kHostDropped, transfer.origin, "", 0,
           std::to_string(politeness.ConsecutiveFailures()) +
               " failures in a row: no more requests this run");
    }
  }
  if (transfer.robots) return HandleRobotsResult(transfer, result);

  const storage::FrontierItem& item = transfer.item;
  if (!result.exchange.ok()) {
    if (cancelled) {
      // Abandoned at shutdown: it stays in the frontier for the next run.
      scheduler_.OnItemDone(item.origin, item.key);
      return core::Status::Ok();
    }
    if (error.code() == core::StatusCode::kPermissionDenied) {
      RETURN_IF_ERROR(FinishWithoutCapture(item));
      ++summary_.skipped_by_kind["private_address"];
      Emit(CrawlEvent::Kind::kSkipped, item.entry.url, item.entry.site, 0,
           "private_address: " + error.message());
      return core::Status::Ok();
    }
    if (RetryOrGiveUp(item) == FrontierDisposition::kRetry) {
      scheduler_.OnItemDone(item.origin, item.key);
      scheduler_.Rewind(item.origin);
      Emit(CrawlEvent::Kind::kError, item.entry.url, item.entry.site, 0,
           error.ToString() + " (will retry)");
      return core::Status::Ok();
    }
    RETURN_IF_ERROR(FinishWithoutCapture(item));
    ++summary_.errors_by_kind[ErrorKind(error)];
    Emit(CrawlEvent::Kind::kError, item.entry.url, item.entry.site, 0, error.ToString());
    return core::Status::Ok();
  }

  const int status = result.exchange->status_code;
  FrontierDisposition disposition = FrontierDisposition::kDone;
  if (status >= 500 || status == 429) {
    disposition = RetryOrGiveUp(item);
  } else {
    attempts_.erase(item.key);
  }
  const CrawlScope* scope = ScopeOf(item.entry.site);
  auto exchange = std::make_shared<const core::HttpExchange>(std::move(result.exchange).value());
  // Submit blocks while the queue is full: back-pressure on the fetch loop.
  pool_->Submit([this, scope, item, exchange, disposition] {
    CrawlPageResult done =
        RunCrawlPageTask(page_context_, *scope, item, *exchange, clock_.Now(), disposition);
    {
      std::lock_guard lock(completions_mutex_);
      completions_.push_back(std::move(done));
    }
    fetcher_.Wake();
  });
  return core::Status::Ok();
}

FrontierDisposition CrawlRunner::RetryOrGiveUp(const storage::FrontierItem& item) {
  // A dropped host's items wait in the frontier for the next run.
  if (scheduler_.Politeness(item.origin).IsDropped()) {
    attempts_.erase(item.key);
    return FrontierDisposition::kRetry;
  }
  if (++attempts_[item.key] < options_.max_fetch_attempts) return FrontierDisposition::kRetry;
  attempts_.erase(item.key);
  return FrontierDisposition::kDone;
}

void CrawlRunner::FinishInFlight() {
  // After a hard stop, transfers in flight get a grace period, then are
  // abandoned; what was fetched is still read and stored.
  const core::Timestamp deadline = clock_.Now() + kStopGrace;
  bool cancelled = false;
  int idle_rounds = 0;
  while (!transfers_.empty()) {
    if (!cancelled && (clock_.Now() >= deadline || !fatal_.ok())) {
      fetcher_.CancelAll();
      cancelled = true;
    }
    std::vector<FetchResult> results = fetcher_.WaitForResults(kMaxWait);
    // A fetcher that lost track of transfers must not hang the shutdown.
    if (results.empty() && cancelled && ++idle_rounds > 50) break;
    for (FetchResult& result : results) {
      if (core::Status handled = HandleFetchResult(std::move(result)); !handled.ok()) {
        if (fatal_.ok()) fatal_ = handled;
      }
    }
    DrainCompletions();
  }
  pool_->WaitIdle();
  DrainCompletions();
}

}  // namespace newsvault::crawler
