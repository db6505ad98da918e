// FakeCrawlStore: an in-memory CrawlStore frontier for scheduler tests. Only
// the frontier methods work (Enqueue with "never seen" dedup, FrontierOrigins,
// PeekFrontier, FrontierSize, FinishFetch); the rest answer Unsupported.
// Keys sort in enqueue order within an origin, unless a test gives its own
// key prefix (AddWithKey) to model priorities.
//
// Thread safety: none; single-threaded tests only.
#pragma once

#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "storage/crawl_store.h"

namespace newsvault::crawler::testing_fakes {

class FakeCrawlStore final : public storage::CrawlStore {
 public:
  // Adds an entry under an explicit key (no dedup), as the store's priority order would.
  storage::FrontierItem AddWithKey(const std::string& key, const std::string& url) {
    storage::FrontierItem item;
    item.key = key;
    item.origin = storage::OriginOf(url).value();
    item.entry.url = url;
    item.entry.site = "s";
    frontier_[item.origin][key] = item;
    seen_.insert(url);
    return item;
  }

  core::Result<storage::CrawlRun> BeginRun(core::Timestamp now) override {
    return storage::CrawlRun{1, false, now};
  }
  core::Status EndRun(uint64_t, core::Timestamp, std::string_view) override {
    return core::Status::Ok();
  }
  core::Result<std::vector<storage::FrontierItem>> Enqueue(
      const std::vector<storage::FrontierEntry>& entries, uint64_t,
      storage::EnqueuePolicy) override {
    std::vector<storage::FrontierItem> added;
    for (const storage::FrontierEntry& entry : entries) {
      if (!seen_.insert(entry.url).second) continue;
      char key[16];
      std::snprintf(key, sizeof key, "m%08d", next_++);
      storage::FrontierItem item;
      item.key = key;
      item.origin = storage::OriginOf(entry.url).value();
      item.entry = entry;
      frontier_[item.origin][item.key] = item;
      added.push_back(item);
    }
    return added;
  }
  core::Result<std::vector<std::string>> FrontierOrigins() override {
    std::vector<std::string> out;
    for (const auto& [origin, items] : frontier_) {
      if (!items.empty()) out.push_back(origin);
    }
    return out;
  }
  core::Result<std::vector<storage::FrontierItem>> PeekFrontier(std::string_view origin,
                                                                std::string_view after_key,
                                                                size_t limit) override {
    ++peeks;
    std::vector<storage::FrontierItem> out;
    auto it = frontier_.find(std::string(origin));
    if (it == frontier_.end()) return out;
    for (auto item = it->second.upper_bound(std::string(after_key));
         item != it->second.end() && out.size() < limit; ++item) {
      out.push_back(item->second);
    }
    return out;
  }
  core::Result<uint64_t> FrontierSize() override {
    uint64_t n = 0;
    for (const auto& [origin, items] : frontier_) n += items.size();
    return n;
  }
  core::Result<std::vector<storage::FrontierItem>> FinishFetch(
      const storage::CrawlUpdate& update) override {
    for (auto& [origin, items] : frontier_) items.erase(update.done_key);
    return std::vector<storage::FrontierItem>{};
  }
  core::Result<storage::CrawledCaptureOutcome> StoreCrawledCapture(
      const core::HttpExchange&, const core::Article*, const storage::CrawlUpdate&) override {
    return core::Status::Unsupported("fake");
  }
  core::Status ForEachDueRevisit(
      core::Timestamp, bool,
      const std::function<core::Status(const storage::RevisitState&)>&) override {
    return core::Status::Unsupported("fake");
  }
  core::Result<std::optional<storage::RevisitState>> GetRevisit(std::string_view) override {
    return core::Status::Unsupported("fake");
  }
  core::Result<std::optional<storage::Validators>> GetValidators(std::string_view) override {
    return core::Status::Unsupported("fake");
  }
  core::Result<std::optional<storage::RobotsCacheEntry>> GetRobots(std::string_view) override {
    return core::Status::Unsupported("fake");
  }
  core::Status PutRobots(std::string_view, const storage::RobotsCacheEntry&) override {
    return core::Status::Unsupported("fake");
  }

  int peeks = 0;

 private:
  std::map<std::string, std::map<std::string, storage::FrontierItem>> frontier_;
  std::set<std::string> seen_;
  int next_ = 0;
};

}  // namespace newsvault::crawler::testing_fakes
