// CrawlScheduler: the per-origin side of a crawl run — which origin may start
// a transfer now and which frontier item it is (DESIGN §2 "Scheduler").
//
// For each origin (scheme://host:port, storage::OriginOf) it keeps the
// host's politeness (crawler/host_politeness.h), a short buffer of frontier
// items read ahead from the CrawlStore (PeekFrontier, kPeekBatch at a time,
// after a cursor key) and the keys of items in flight. Nothing else of the
// frontier is in memory, so memory grows with origins, not URLs.
//
// New items enqueued by workers are announced with OnEnqueued: an origin
// learns it has work again, and when a new key sorts before its cursor (a
// feed entry outranks the pages already buffered) the buffer is re-read
// from the start. Items in flight are never handed out twice.
//
// Robots.txt and scope are the crawler's business (crawler.cpp); this type
// only knows "origin, item, politeness".
//
// Thread safety: none; the scheduler thread owns it.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "core/timestamp.h"
#include "crawler/host_politeness.h"
#include "storage/crawl_store.h"

namespace newsvault::crawler {

// Frontier items read ahead per origin: enough to keep a host busy between
// refills, few enough that memory stays bounded by hosts.
inline constexpr size_t kPeekBatch = 8;

class CrawlScheduler {
 public:
  // `store` and `clock` must outlive the scheduler.
  CrawlScheduler(storage::CrawlStore& store, PolitenessOptions politeness,
                 const core::Clock& clock);

  // Registers every origin that has frontier entries (a resumed run, or after seeding).
  core::Status LoadOrigins();
  // Tells the scheduler these items were added to the frontier.
  void OnEnqueued(const std::vector<storage::FrontierItem>& items);

  // The origins that have work (buffered or maybe in the store) and are not
  // dropped, ready ones (CanStart now) first, then by NextAllowed.
  std::vector<std::string> OriginsWithWork() const;
  // The origin's next item without taking it; nullopt when its frontier is
  // empty (after reading the store).
  core::Result<std::optional<storage::FrontierItem>> PeekNext(std::string_view origin);
  // Takes the item PeekNext returned: it is in flight until OnItemDone.
  void TakeNext(std::string_view origin);
  // Passes over the item PeekNext returned without taking it: it stays in
  // the store for a later run (another site's item in a `--site` run) and
  // costs this run no memory. A Rewind reads it again.
  void PassOver(std::string_view origin);
  void OnItemDone(std::string_view origin, std::string_view key);
  // Reads the origin's frontier again from its first key: an item that was
  // taken but left in the store (a retry) comes back.
  void Rewind(std::string_view origin);

  // The origin's politeness state (created on first use).
  HostPoliteness& Politeness(std::string_view origin);
  // True when some origin may still produce work: buffered or unread items
  // on a host that is not dropped.
  bool HasWork() const;
  // The earliest NextAllowed over origins with work and a free connection;
  // Timestamp::max() when none.
  core::Timestamp NextWake() const;
  size_t InFlightItems() const;

 private:
  struct Origin {
    explicit Origin(const PolitenessOptions& options, const core::Clock& clock)
        : politeness(options, clock) {}
    HostPoliteness politeness;
    std::deque<storage::FrontierItem> buffer;
    std::string cursor;     // the last key read into the buffer
    bool exhausted = true;  // the store has nothing after cursor (until OnEnqueued)
    std::set<std::string, std::less<>> in_flight;
  };
  Origin& Get(std::string_view origin);
  bool HasWork(const Origin& origin) const {
    return !origin.politeness.IsDropped() && (!origin.buffer.empty() || !origin.exhausted);
  }
  core::Status Refill(Origin& origin, std::string_view name);

  storage::CrawlStore& store_;
  PolitenessOptions politeness_options_;
  const core::Clock& clock_;
  std::map<std::string, std::unique_ptr<Origin>, std::less<>> origins_;
};

}  // namespace newsvault::crawler
