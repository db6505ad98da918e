// RocksDB crawl store: CrawlStore (storage/crawl_store.h) on the archive's own
// database, so crawl bookkeeping and captures share write batches.
//
// Nothing is kept in memory per URL: the frontier, the seen set, revisits,
// validators, robots and runs live in their column families (docs/storage.md);
// memory holds two counters (frontier size, next sequence number), which are
// also written in every batch that changes them.
//
// Private to the RocksDB adapter files (includes RocksDB through rocksdb_db.h).
//
// Thread safety: as CrawlStore. Every read-check-write (dedup, counters, the
// revisit index) runs under the archive's write mutex, so two threads never
// both add one URL.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "storage/crawl_state_codec.h"
#include "storage/crawl_store.h"
#include "storage/rocksdb_db.h"

namespace newsvault::storage {

class RocksDbCrawlStore final : public CrawlStore {
 public:
  explicit RocksDbCrawlStore(ArchiveDb* db) : db_(db) {}

  // Loads the counters from the meta family (absent: an empty frontier).
  core::Status Init();

  core::Result<CrawlRun> BeginRun(core::Timestamp now) override;
  core::Status EndRun(uint64_t run_id, core::Timestamp now, std::string_view summary_json) override;
  core::Result<std::vector<FrontierItem>> Enqueue(const std::vector<FrontierEntry>& entries,
                                                  uint64_t run_id, EnqueuePolicy policy) override;
  core::Result<std::vector<std::string>> FrontierOrigins() override;
  core::Result<std::vector<FrontierItem>> PeekFrontier(std::string_view origin,
                                                       std::string_view after_key,
                                                       size_t limit) override;
  core::Result<uint64_t> FrontierSize() override;
  core::Result<std::vector<FrontierItem>> FinishFetch(const CrawlUpdate& update) override;
  core::Result<CrawledCaptureOutcome> StoreCrawledCapture(const core::HttpExchange& exchange,
                                                          const core::Article* article,
                                                          const CrawlUpdate& update) override;
  core::Status ForEachDueRevisit(
      core::Timestamp now, bool all,
      const std::function<core::Status(const RevisitState&)>& fn) override;
  core::Result<std::optional<RevisitState>> GetRevisit(std::string_view url) override;
  core::Result<std::optional<Validators>> GetValidators(std::string_view url) override;
  core::Result<std::optional<RobotsCacheEntry>> GetRobots(std::string_view origin) override;
  core::Status PutRobots(std::string_view origin, const RobotsCacheEntry& entry) override;

 private:
  // One batch being built under write_mu: the counters it will leave and the
  // seen states it writes (read before the database, so entries of one call
  // see each other).
  struct Pending {
    rocksdb::WriteBatch batch;
    std::map<std::string, SeenRecord> seen;
    uint64_t frontier_size = 0;
    uint64_t next_sequence = 0;
  };
  Pending StartPending() const;
  core::Result<std::optional<SeenRecord>> LookupSeen(const Pending& p, const std::string& url);
  void SetSeen(Pending* p, const std::string& url, SeenRecord record);
  // Adds the entries that pass the dedup rule. `strict`: an entry without an
  // origin fails the call; otherwise it is skipped (a bad discovered link
  // must not lose the capture it came with).
  core::Status AddEntries(Pending* p, const std::vector<FrontierEntry>& entries, uint64_t run_id,
                          EnqueuePolicy policy, bool strict, std::vector<FrontierItem>* added);
  // The frontier removal and seen mark of a finished fetch, then its discovered links.
  core::Status AddDone(Pending* p, const CrawlUpdate& update, bool is_article,
                       std::vector<FrontierItem>* added);
  core::Status AddRevisit(Pending* p, const RevisitState& state);
  // Writes p (with its counters) and adopts its counters.
  core::Status Commit(Pending* p, std::string_view what);
  // Unsupported for a schema-1 archive opened read-only (no crawl families).
  core::Status Ready();
  core::Result<std::optional<std::string>> Lookup(const char* family, std::string_view key);

  ArchiveDb* db_;
  uint64_t frontier_size_ = 0;  // GUARDED_BY(db_->write_mu)
  uint64_t next_sequence_ = 1;  // GUARDED_BY(db_->write_mu)
};

}  // namespace newsvault::storage
