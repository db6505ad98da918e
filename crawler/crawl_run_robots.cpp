// CrawlRunner and robots.txt: the cache, the fetch (each hop stored as a
// capture), Crawl-delay and Sitemap lines (RFC 9309; crawler/robots_gate.h).
#include <utility>

#include "core/url_canonicalizer.h"
#include "crawler/crawl_run.h"

namespace newsvault::crawler {

core::Result<bool> CrawlRunner::RobotsReady(const std::string& origin) {
  if (!options_.respect_robots) return true;
  switch (robots_.StateOf(origin)) {
    case RobotsState::kKnown:
      return true;
    case RobotsState::kFetching:
      return false;
    case RobotsState::kUnknown:
      break;
  }
  ASSIGN_OR_RETURN(std::optional<storage::RobotsCacheEntry> cached, store_.GetRobots(origin));
  if (cached && robots_.UseCached(origin, *cached, clock_.Now())) {
    Emit(CrawlEvent::Kind::kRobots, origin + "/robots.txt", "", cached->status_code,
         "from the cache");
    std::vector<storage::FrontierEntry> sitemaps;
    RETURN_IF_ERROR(OnRobotsKnown(origin, &sitemaps));
    RETURN_IF_ERROR(Enqueue(sitemaps, storage::EnqueuePolicy::kOncePerRun));
    return true;
  }
  // Fetching robots.txt is a request to the host like any other: it waits
  // for the host's rest and counts toward its politeness.
  if (!scheduler_.Politeness(origin).OnStart()) return false;
  Transfer transfer;
  transfer.robots = true;
  transfer.polite = true;
  transfer.origin = origin;
  transfer.url = robots_.StartFetch(origin);
  SubmitFetch(std::move(transfer), {});
  return false;
}

core::Status CrawlRunner::OnRobotsKnown(const std::string& origin,
                                        std::vector<storage::FrontierEntry>* sitemaps) {
  scheduler_.Politeness(origin).SetCrawlDelay(robots_.CrawlDelaySeconds(origin));
  // Sitemap lines are read once per run and origin (a cached robots.txt too),
  // for every site whose URLs live on the origin.
  if (!robots_sitemaps_done_.insert(origin).second) return core::Status::Ok();
  auto sites = origin_sites_.find(origin);
  if (sites == origin_sites_.end()) return core::Status::Ok();
  for (const std::string& url : robots_.Sitemaps(origin)) {
    core::Result<std::string> canonical = core::Canonicalize(url, options_.canonicalize);
    if (!canonical.ok()) continue;
    for (const std::string& site : sites->second) {
      storage::FrontierEntry entry;
      entry.url = *canonical;
      entry.site = site;
      entry.kind = storage::FrontierKind::kSitemap;
      entry.via = origin + "/robots.txt";
      sitemaps->push_back(std::move(entry));
    }
  }
  return core::Status::Ok();
}

core::Status CrawlRunner::HandleRobotsResult(const Transfer& transfer, FetchResult& result) {
  if (!result.exchange.ok() && result.exchange.error().code() == core::StatusCode::kCancelled) {
    return core::Status::Ok();  // shutting down; the origin stays unknown
  }
  if (!result.exchange.ok() &&
      result.exchange.error().code() == core::StatusCode::kPermissionDenied) {
    // The private-address rule refuses the host: nothing of it can be fetched.
    refused_origins_.insert(transfer.origin);
    Emit(CrawlEvent::Kind::kRobots, transfer.url, "", 0, result.exchange.error().message());
    return core::Status::Ok();
  }
  RobotsStep step = robots_.OnFetched(transfer.origin, result.exchange, clock_.Now());
  if (result.exchange.ok()) {
    const core::HttpExchange& exchange = *result.exchange;
    storage::CrawlUpdate update;
    update.run_id = summary_.run_id;
    if (step.cache_entry) {
      RETURN_IF_ERROR(OnRobotsKnown(transfer.origin, &update.discovered));
      // Cached in the capture's own batch: stored once, even across a kill.
      update.robots_origin = transfer.origin;
      update.robots = *step.cache_entry;
    }
    core::Result<storage::CrawledCaptureOutcome> stored =
        store_.StoreCrawledCapture(exchange, nullptr, update);
    if (!stored.ok()) {
      ++summary_.errors_by_kind["store"];
      return stored.error().WithContext("could not store " + exchange.url);
    }
    scheduler_.OnEnqueued(stored->enqueued);
    ++summary_.pages_fetched;
    const uint64_t bytes = exchange.response_head.size() + exchange.response_body.size();
    summary_.bytes += bytes;
    Emit(CrawlEvent::Kind::kFetched, exchange.url, "", exchange.status_code, "robots.txt", bytes);
  }
  if (step.cache_entry && !result.exchange.ok()) {
    // No capture to ride with (network error): cache the outcome on its own.
    RETURN_IF_ERROR(store_.PutRobots(transfer.origin, *step.cache_entry));
  }
  if (step.unreachable) {
    ++summary_.errors_by_kind["robots_unreachable"];
  }
  Emit(CrawlEvent::Kind::kRobots, transfer.url, "",
       result.exchange.ok() ? result.exchange->status_code : 0, step.detail);
  if (step.next_url) {
    // The gate follows robots.txt redirects itself (RFC 9309 §2.3.1.2); the
    // hops are not frontier items and do not wait for the first host's rest.
    Transfer next;
    next.robots = true;
    next.origin = transfer.origin;
    next.url = *step.next_url;
    SubmitFetch(std::move(next), {});
  }
  return core::Status::Ok();
}

void CrawlRunner::SubmitFetch(Transfer transfer, std::vector<std::string> extra_headers) {
  FetchRequest request;
  request.id = next_transfer_id_++;
  request.url = transfer.url;
  request.options = fetch_options_;
  request.options.extra_headers = std::move(extra_headers);
  transfers_.emplace(request.id, std::move(transfer));
  fetcher_.Submit(std::move(request));
}

}  // namespace newsvault::crawler
