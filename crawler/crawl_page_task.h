// CrawlPageTask: what a worker thread does with one fetched exchange of a
// frontier item — read it (PageProcessor), work out the article's revisit
// state, and store capture and crawl bookkeeping in one write batch
// (CrawlStore::StoreCrawledCapture), so a killed run never stores a capture
// twice nor loses what it discovered.
//
// Revisit state (issue 3 item 7): last_change is the capture time of the
// article's latest new version. Whether this capture makes a new version is
// the archive's decision (normalised text digest, storage/capture_builder), but
// the state must go into the same batch, so it is predicted here the same way:
// the text digest differs from the latest stored version's, or there is none.
// An unchanged article keeps its previous last_change (CrawlStore::GetRevisit).
// due = NextRevisit(schedule, last_change, now).
//
// With FrontierDisposition::kRetry the capture is stored alone (no frontier
// update): the item stays in the frontier to be fetched again.
//
// Thread safety: RunCrawlPageTask may run on many threads at once; the
// context's members are read-only or thread-safe (Archive, CrawlStore).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/http_exchange.h"
#include "core/status.h"
#include "crawler/crawl_scope.h"
#include "crawler/crawler.h"
#include "crawler/page_processor.h"
#include "storage/archive.h"
#include "storage/crawl_store.h"

namespace newsvault::crawler {

struct CrawlPageContext {
  storage::Archive* archive = nullptr;
  storage::CrawlStore* store = nullptr;
  const PageProcessorOptions* processor = nullptr;
  const std::vector<RevisitStep>* revisit = nullptr;
  uint64_t run_id = 0;
};

// How the capture relates to its frontier item.
enum class FrontierDisposition {
  kDone,   // the item is answered: removed, URL marked fetched, links enqueued
  kRetry,  // a transient failure (5xx, 429): the capture is stored, the item stays
};

// What the scheduler thread needs back to count, log and schedule.
struct CrawlPageResult {
  storage::FrontierItem item;
  std::string url;  // the exchange's URL
  int status_code = 0;
  uint64_t bytes = 0;  // response head + body as received
  FrontierDisposition disposition = FrontierDisposition::kDone;
  bool has_article = false;  // an extracted article went with the capture
  std::string title;
  std::vector<std::string> notes;
  // The capture and what it enqueued, or why storing failed.
  core::Result<storage::CrawledCaptureOutcome> stored = core::Status::Internal("not stored yet");
};

CrawlPageResult RunCrawlPageTask(const CrawlPageContext& context, const CrawlScope& scope,
                                 const storage::FrontierItem& item,
                                 const core::HttpExchange& exchange, core::Timestamp now,
                                 FrontierDisposition disposition = FrontierDisposition::kDone);

}  // namespace newsvault::crawler
