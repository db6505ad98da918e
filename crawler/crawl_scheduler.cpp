#include "crawler/crawl_scheduler.h"

#include <algorithm>
#include <utility>

namespace newsvault::crawler {

CrawlScheduler::CrawlScheduler(storage::CrawlStore& store, PolitenessOptions politeness,
                               const core::Clock& clock)
    : store_(store), politeness_options_(std::move(politeness)), clock_(clock) {}

CrawlScheduler::Origin& CrawlScheduler::Get(std::string_view origin) {
  auto it = origins_.find(origin);
  if (it == origins_.end()) {
    it =
        origins_.emplace(std::string(origin), std::make_unique<Origin>(politeness_options_, clock_))
            .first;
  }
  return *it->second;
}

core::Status CrawlScheduler::LoadOrigins() {
  ASSIGN_OR_RETURN(std::vector<std::string> origins, store_.FrontierOrigins());
  for (const std::string& name : origins) {
    Origin& origin = Get(name);
    origin.exhausted = false;
  }
  return core::Status::Ok();
}

void CrawlScheduler::OnEnqueued(const std::vector<storage::FrontierItem>& items) {
  for (const storage::FrontierItem& item : items) {
    Origin& origin = Get(item.origin);
    if (item.key < origin.cursor) {
      // It sorts before what was read: read the origin again from its first
      // key (items in flight are skipped, items done are gone from the store).
      origin.buffer.clear();
      origin.cursor.clear();
    }
    origin.exhausted = false;
  }
}

core::Status CrawlScheduler::Refill(Origin& origin, std::string_view name) {
  while (origin.buffer.empty() && !origin.exhausted) {
    ASSIGN_OR_RETURN(std::vector<storage::FrontierItem> items,
                     store_.PeekFrontier(name, origin.cursor, kPeekBatch));
    if (items.size() < kPeekBatch) origin.exhausted = true;
    if (!items.empty()) origin.cursor = items.back().key;
    for (storage::FrontierItem& item : items) {
      if (origin.in_flight.count(item.key) == 0) origin.buffer.push_back(std::move(item));
    }
  }
  return core::Status::Ok();
}

std::vector<std::string> CrawlScheduler::OriginsWithWork() const {
  std::vector<std::pair<core::Timestamp, const std::string*>> ranked;
  for (const auto& [name, origin] : origins_) {
    if (!HasWork(*origin)) continue;
    const core::Timestamp when =
        origin->politeness.CanStart() ? core::Timestamp::min() : origin->politeness.NextAllowed();
    ranked.emplace_back(when, &name);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  out.reserve(ranked.size());
  for (const auto& entry : ranked) out.push_back(*entry.second);
  return out;
}

core::Result<std::optional<storage::FrontierItem>> CrawlScheduler::PeekNext(std::string_view name) {
  Origin& origin = Get(name);
  RETURN_IF_ERROR(Refill(origin, name));
  if (origin.buffer.empty()) return std::optional<storage::FrontierItem>();
  return std::optional<storage::FrontierItem>(origin.buffer.front());
}

void CrawlScheduler::TakeNext(std::string_view name) {
  Origin& origin = Get(name);
  if (origin.buffer.empty()) return;
  origin.in_flight.insert(origin.buffer.front().key);
  origin.buffer.pop_front();
}

void CrawlScheduler::PassOver(std::string_view name) {
  Origin& origin = Get(name);
  if (!origin.buffer.empty()) origin.buffer.pop_front();
}

void CrawlScheduler::OnItemDone(std::string_view name, std::string_view key) {
  Origin& origin = Get(name);
  if (auto it = origin.in_flight.find(key); it != origin.in_flight.end()) {
    origin.in_flight.erase(it);
  }
}

void CrawlScheduler::Rewind(std::string_view name) {
  Origin& origin = Get(name);
  origin.buffer.clear();
  origin.cursor.clear();
  origin.exhausted = false;
}

HostPoliteness& CrawlScheduler::Politeness(std::string_view origin) {
  return Get(origin).politeness;
}

bool CrawlScheduler::HasWork() const {
  return std::any_of(origins_.begin(), origins_.end(),
                     [&](const auto& entry) { return HasWork(*entry.second); });
}

core::Timestamp CrawlScheduler::NextWake() const {
  core::Timestamp next = core::Timestamp::max();
  for (const auto& [name, origin] : origins_) {
    if (!HasWork(*origin)) continue;
    if (origin->politeness.InFlight() >= politeness_options_.connections_per_host) continue;
    next = std::min(next, origin->politeness.NextAllowed());
  }
  return next;
}

size_t CrawlScheduler::InFlightItems() const {
  size_t n = 0;
  for (const auto& [name, origin] : origins_) n += origin->in_flight.size();
  return n;
}

}  // namespace newsvault::crawler
