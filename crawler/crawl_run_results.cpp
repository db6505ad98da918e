// CrawlRunner's side of worker results: counting, events and progress (all
// on the scheduler thread; workers only queue their results). See crawl_run.h.
#include <utility>

#include "crawler/crawl_run.h"

namespace newsvault::crawler {

using storage::FrontierKind;

bool CrawlRunner::CompletionsPending() {
  std::lock_guard lock(completions_mutex_);
  return !completions_.empty();
}

void CrawlRunner::DrainCompletions() {
  std::deque<CrawlPageResult> done;
  {
    std::lock_guard lock(completions_mutex_);
    done.swap(completions_);
  }
  for (CrawlPageResult& result : done) HandleCompletion(result);
}

void CrawlRunner::HandleCompletion(CrawlPageResult& done) {
  const storage::FrontierEntry& entry = done.item.entry;
  scheduler_.OnItemDone(done.item.origin, done.item.key);
  summary_.bytes += done.bytes;
  if (!done.stored.ok()) {
    ++summary_.errors_by_kind["store"];
    Emit(CrawlEvent::Kind::kError, done.url, entry.site, done.status_code,
         done.stored.error().ToString());
    // The archive refused a write: stop rather than fetch what cannot be kept.
    if (fatal_.ok()) fatal_ = done.stored.error();
    stopping_ = hard_stop_ = true;
    return;
  }
  const storage::CrawledCaptureOutcome& outcome = *done.stored;
  scheduler_.OnEnqueued(outcome.enqueued);
  ++summary_.pages_fetched;
  std::string detail = done.title;
  for (const std::string& note : done.notes) detail += (detail.empty() ? "" : "; ") + note;
  if (done.disposition == FrontierDisposition::kRetry) {
    // Still in the frontier: read it again once the host's rest is over.
    scheduler_.Rewind(done.item.origin);
    Emit(CrawlEvent::Kind::kFetched, done.url, entry.site, done.status_code, "will retry",
         done.bytes);
    return;
  }
  Emit(CrawlEvent::Kind::kFetched, done.url, entry.site, done.status_code, detail, done.bytes);
  if (done.status_code >= 500 || done.status_code == 429) {
    ++summary_.errors_by_kind[done.status_code == 429 ? "http_429" : "http_5xx"];
  }
  if (done.status_code == 304) {
    ++summary_.not_modified;
    Emit(CrawlEvent::Kind::kNotModified, done.url, entry.site, 304, "");
  } else if (done.has_article && outcome.stored.new_version) {
    const bool first = outcome.stored.version <= 1;
    ++(first ? summary_.new_articles : summary_.new_versions);
    Emit(first ? CrawlEvent::Kind::kNewArticle : CrawlEvent::Kind::kNewVersion, done.url,
         entry.site, done.status_code,
         done.title + " (version " + std::to_string(outcome.stored.version) + ")");
  } else if (done.has_article && entry.kind == FrontierKind::kRevisit) {
    ++summary_.not_modified;
    Emit(CrawlEvent::Kind::kNotModified, done.url, entry.site, done.status_code,
         "unchanged since version " + std::to_string(outcome.stored.version));
  }
}

void CrawlRunner::MaybeProgress(bool force) {
  const core::Timestamp now = clock_.Now();
  if (!force && now - last_progress_ < kProgressInterval) return;
  last_progress_ = now;
  CrawlProgress progress;
  progress.pages = summary_.pages_fetched;
  const double seconds = std::chrono::duration<double>(now - started_).count();
  progress.pages_per_second =
      seconds > 0 ? static_cast<double>(summary_.pages_fetched) / seconds : 0.0;
  progress.queued = store_.FrontierSize().value_or(0);
  progress.in_flight = transfers_.size();
  for (const auto& [kind, count] : summary_.errors_by_kind) progress.errors += count;
  sink_.OnProgress(progress);
}

void CrawlRunner::Emit(CrawlEvent::Kind kind, std::string url, std::string site, int status,
                       std::string detail, uint64_t bytes) {
  CrawlEvent event;
  event.kind = kind;
  event.url = std::move(url);
  event.site = std::move(site);
  event.status_code = status;
  event.detail = std::move(detail);
  event.bytes = bytes;
  sink_.OnEvent(event);
}

}  // namespace newsvault::crawler
