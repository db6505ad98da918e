#include "storage/rocksdb_crawl_store.h"

#include <memory>
#include <mutex>
#include <utility>

#include "storage/record_codec.h"
#include "storage/rocksdb_capture_batch.h"

namespace newsvault::storage {
namespace {

using core::Result;
using core::Status;

// Meta keys of the frontier counters (8-byte big-endian, as the stats family).
constexpr const char* kFrontierSizeKey = "frontier_size";
constexpr const char* kNextSequenceKey = "frontier_next_sequence";

}  // namespace

Status RocksDbCrawlStore::Init() {
  std::lock_guard<std::mutex> lock(db_->write_mu);
  for (auto [key, field] : {std::pair{kFrontierSizeKey, &frontier_size_},
                            std::pair{kNextSequenceKey, &next_sequence_}}) {
    ASSIGN_OR_RETURN(auto value, Lookup(kMeta, key));
    if (!value) continue;
    auto decoded = DecodeCounter(*value);
    if (!decoded.ok()) return Damaged(db_->path(), std::string("meta counter ") + key);
    *field = *decoded;
  }
  return Status::Ok();
}

Status RocksDbCrawlStore::Ready() {
  if (db_->families().count(kFrontier) != 0) return Status::Ok();
  return Status::Unsupported("archive at " + db_->path() +
                             " has schema 1 and is open read-only: it holds no crawl state yet");
}

Result<std::optional<std::string>> RocksDbCrawlStore::Lookup(const char* family,
                                                             std::string_view key) {
  auto got = db_->Get(family, key);
  if (got.ok()) return std::optional<std::string>(std::move(*got));
  if (got.error().IsNotFound()) return std::optional<std::string>();
  return got.error();
}

RocksDbCrawlStore::Pending RocksDbCrawlStore::StartPending() const {
  Pending p;
  p.frontier_size = frontier_size_;
  p.next_sequence = next_sequence_;
  return p;
}

Result<std::optional<SeenRecord>> RocksDbCrawlStore::LookupSeen(const Pending& p,
                                                                const std::string& url) {
  auto it = p.seen.find(url);
  if (it != p.seen.end()) return std::optional<SeenRecord>(it->second);
  ASSIGN_OR_RETURN(auto value, Lookup(kSeen, url));
  if (!value) return std::optional<SeenRecord>();
  auto decoded = DecodeSeenValue(*value);
  if (!decoded.ok()) return decoded.error().WithContext("archive at " + db_->path());
  return std::optional<SeenRecord>(*decoded);
}

void RocksDbCrawlStore::SetSeen(Pending* p, const std::string& url, SeenRecord record) {
  p->seen[url] = record;
  p->batch.Put(db_->Family(kSeen), url, EncodeSeenValue(record));
}

Status RocksDbCrawlStore::AddEntries(Pending* p, const std::vector<FrontierEntry>& entries,
                                     uint64_t run_id, EnqueuePolicy policy, bool strict,
                                     std::vector<FrontierItem>* added) {
  for (const FrontierEntry& entry : entries) {
    auto origin = OriginOf(entry.url);
    if (!origin.ok()) {
      if (strict) return origin.error();
      continue;
    }
    ASSIGN_OR_RETURN(auto seen, LookupSeen(*p, entry.url));
    if (!ShouldEnqueue(seen, run_id, policy)) continue;
    FrontierItem item;
    item.key =
        EncodeFrontierKey(*origin, FrontierPriority(entry.kind, entry.depth), p->next_sequence++);
    item.origin = std::move(*origin);
    item.entry = entry;
    p->batch.Put(db_->Family(kFrontier), item.key, EncodeFrontierValue(entry));
    ++p->frontier_size;
    SetSeen(p, entry.url, SeenRecord{SeenState::kQueued, run_id});
    added->push_back(std::move(item));
  }
  return Status::Ok();
}

Status RocksDbCrawlStore::AddDone(Pending* p, const CrawlUpdate& update, bool is_article,
                                  std::vector<FrontierItem>* added) {
  if (!update.done_key.empty()) {
    // Only an entry still there counts down: the size stays exact even if a
    // caller finishes one item twice.
    ASSIGN_OR_RETURN(bool present, db_->Exists(kFrontier, update.done_key));
    if (present) {
      p->batch.Delete(db_->Family(kFrontier), update.done_key);
      --p->frontier_size;
    }
  }
  if (!update.done_url.empty()) {
    SetSeen(p, update.done_url,
            SeenRecord{is_article ? SeenState::kArticle : SeenState::kPage, update.run_id});
  }
  return AddEntries(p, update.discovered, update.run_id, EnqueuePolicy::kOncePerRun,
                    /*strict=*/false, added);
}

Status RocksDbCrawlStore::AddRevisit(Pending* p, const RevisitState& state) {
  ASSIGN_OR_RETURN(auto old, GetRevisit(state.url));
  if (old && old->due != core::Timestamp::max()) {
    p->batch.Delete(db_->Family(kRevisitDue), EncodeRevisitDueKey(old->due, state.url));
  }
  p->batch.Put(db_->Family(kRevisits), state.url, EncodeRevisitValue(state));
  if (state.due != core::Timestamp::max()) {
    p->batch.Put(db_->Family(kRevisitDue), EncodeRevisitDueKey(state.due, state.url), "");
  }
  return Status::Ok();
}

Status RocksDbCrawlStore::Commit(Pending* p, std::string_view what) {
  if (p->frontier_size != frontier_size_) {
    p->batch.Put(db_->Family(kMeta), kFrontierSizeKey, EncodeCounter(p->frontier_size));
  }
  if (p->next_sequence != next_sequence_) {
    p->batch.Put(db_->Family(kMeta), kNextSequenceKey, EncodeCounter(p->next_sequence));
  }
  if (p->batch.Count() == 0) return Status::Ok();
  RETURN_IF_ERROR(db_->Write(&p->batch, what));
  frontier_size_ = p->frontier_size;
  next_sequence_ = p->next_sequence;
  return Status::Ok();
}

Result<CrawlRun> RocksDbCrawlStore::BeginRun(core::Timestamp now) {
  RETURN_IF_ERROR(Ready());
  RETURN_IF_ERROR(db_->CheckWritable());
  std::lock_guard<std::mutex> lock(db_->write_mu);
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db()->NewIterator(rocksdb::ReadOptions(), db_->Family(kRuns)));
  it->SeekToLast();
  if (!it->status().ok()) return ReadError(db_->path(), it->status());
  uint64_t next_id = 1;
  if (it->Valid()) {
    auto last = DecodeRun(it->key().ToStringView(), it->value().ToStringView());
    if (!last.ok()) return last.error().WithContext("archive at " + db_->path());
    if (!last->ended) return CrawlRun{last->id, true, last->started};
    next_id = last->id + 1;
  }
  RunRecord run;
  run.id = next_id;
  run.started = now;
  rocksdb::WriteBatch batch;
  batch.Put(db_->Family(kRuns), EncodeRunKey(run.id), EncodeRunValue(run));
  RETURN_IF_ERROR(db_->Write(&batch, "begin a crawl run"));
  return CrawlRun{run.id, false, now};
}

Status RocksDbCrawlStore::EndRun(uint64_t run_id, core::Timestamp now,
                                 std::string_view summary_json) {
  RETURN_IF_ERROR(Ready());
  RETURN_IF_ERROR(db_->CheckWritable());
  std::lock_guard<std::mutex> lock(db_->write_mu);
  std::string key = EncodeRunKey(run_id);
  ASSIGN_OR_RETURN(auto value, Lookup(kRuns, key));
  if (!value) return Status::NotFound("no crawl run " + std::to_string(run_id));
  ASSIGN_OR_RETURN(RunRecord run, DecodeRun(key, *value));
  run.ended = now;
  run.summary_json = std::string(summary_json);
  rocksdb::WriteBatch batch;
  batch.Put(db_->Family(kRuns), key, EncodeRunValue(run));
  return db_->Write(&batch, "end a crawl run");
}

Result<std::vector<FrontierItem>> RocksDbCrawlStore::Enqueue(
    const std::vector<FrontierEntry>& entries, uint64_t run_id, EnqueuePolicy policy) {
  RETURN_IF_ERROR(Ready());
  RETURN_IF_ERROR(db_->CheckWritable());
  std::lock_guard<std::mutex> lock(db_->write_mu);
  Pending p = StartPending();
  std::vector<FrontierItem> added;
  RETURN_IF_ERROR(AddEntries(&p, entries, run_id, policy, /*strict=*/true, &added));
  RETURN_IF_ERROR(Commit(&p, "enqueue URLs"));
  return added;
}

Result<std::vector<std::string>> RocksDbCrawlStore::FrontierOrigins() {
  RETURN_IF_ERROR(Ready());
  std::vector<std::string> out;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db()->NewIterator(rocksdb::ReadOptions(), db_->Family(kFrontier)));
  // One seek per origin: from an origin's first key straight past its range
  // (origin + 0x01 sorts after every "origin 0x00 ..." key).
  for (it->SeekToFirst(); it->Valid();) {
    std::string_view origin;
    if (!DecodeFrontierKeyOrigin(it->key().ToStringView(), &origin)) {
      return Status::Corruption("archive at " + db_->path() + ": damaged frontier key");
    }
    out.emplace_back(origin);
    std::string next = out.back();
    next.push_back('\x01');
    it->Seek(next);
  }
  if (!it->status().ok()) return ReadError(db_->path(), it->status());
  return out;
}

Result<std::vector<FrontierItem>> RocksDbCrawlStore::PeekFrontier(std::string_view origin,
                                                                  std::string_view after_key,
                                                                  size_t limit) {
  RETURN_IF_ERROR(Ready());
  std::vector<FrontierItem> out;
  std::string prefix = FrontierOriginPrefix(origin);
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db()->NewIterator(rocksdb::ReadOptions(), db_->Family(kFrontier)));
  // A bounded seek: start at the origin's range or just past `after_key`.
  if (after_key <= std::string_view(prefix)) {
    it->Seek(prefix);
  } else {
    it->Seek(after_key);
    if (it->Valid() && it->key().ToStringView() == after_key) it->Next();
  }
  for (; it->Valid() && out.size() < limit && it->key().starts_with(prefix); it->Next()) {
    ASSIGN_OR_RETURN(FrontierEntry entry, DecodeFrontierValue(it->value().ToStringView()));
    out.push_back(FrontierItem{it->key().ToString(), std::string(origin), std::move(entry)});
  }
  if (!it->status().ok()) return ReadError(db_->path(), it->status());
  return out;
}

Result<uint64_t> RocksDbCrawlStore::FrontierSize() {
  RETURN_IF_ERROR(Ready());
  std::lock_guard<std::mutex> lock(db_->write_mu);
  return frontier_size_;
}

Result<std::vector<FrontierItem>> RocksDbCrawlStore::FinishFetch(const CrawlUpdate& update) {
  RETURN_IF_ERROR(Ready());
  RETURN_IF_ERROR(db_->CheckWritable());
  std::lock_guard<std::mutex> lock(db_->write_mu);
  Pending p = StartPending();
  std::vector<FrontierItem> added;
  RETURN_IF_ERROR(AddDone(&p, update, /*is_article=*/false, &added));
  RETURN_IF_ERROR(Commit(&p, "finish a fetch"));
  return added;
}

Result<CrawledCaptureOutcome> RocksDbCrawlStore::StoreCrawledCapture(
    const core::HttpExchange& exchange, const core::Article* article, const CrawlUpdate& update) {
  RETURN_IF_ERROR(Ready());
  RETURN_IF_ERROR(db_->CheckWritable());
  std::lock_guard<std::mutex> lock(db_->write_mu);
  Pending p = StartPending();
  ASSIGN_OR_RETURN(CaptureWrite capture, AddCaptureToBatch(*db_, exchange, article, &p.batch));
  CrawledCaptureOutcome out;
  out.stored = capture.outcome;
  RETURN_IF_ERROR(AddDone(&p, update, update.is_article, &out.enqueued));
  if (update.revisit) RETURN_IF_ERROR(AddRevisit(&p, *update.revisit));
  if (update.validators && !update.done_url.empty()) {
    p.batch.Put(db_->Family(kValidators), update.done_url,
                EncodeValidatorsValue(*update.validators));
  }
  if (update.robots && !update.robots_origin.empty()) {
    p.batch.Put(db_->Family(kRobots), update.robots_origin, EncodeRobotsValue(*update.robots));
  }
  RETURN_IF_ERROR(Commit(&p, "store capture"));
  db_->counters = capture.counters;
  return out;
}

Status RocksDbCrawlStore::ForEachDueRevisit(core::Timestamp now, bool all,
                                            const std::function<Status(const RevisitState&)>& fn) {
  RETURN_IF_ERROR(Ready());
  // No lock while fn runs: it may enqueue. The iterator reads a snapshot.
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db()->NewIterator(rocksdb::ReadOptions(), db_->Family(kRevisitDue)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    core::Timestamp due{};
    std::string_view url;
    if (!DecodeRevisitDueKey(it->key().ToStringView(), &due, &url)) {
      return Status::Corruption("archive at " + db_->path() + ": damaged revisit_due key");
    }
    if (!all && due > now) break;
    ASSIGN_OR_RETURN(auto state, GetRevisit(url));
    if (!state) {
      return Status::Corruption("archive at " + db_->path() +
                                ": revisit_due entry without revisit");
    }
    RETURN_IF_ERROR(fn(*state));
  }
  if (!it->status().ok()) return ReadError(db_->path(), it->status());
  return Status::Ok();
}

Result<std::optional<RevisitState>> RocksDbCrawlStore::GetRevisit(std::string_view url) {
  RETURN_IF_ERROR(Ready());
  ASSIGN_OR_RETURN(auto value, Lookup(kRevisits, url));
  if (!value) return std::optional<RevisitState>();
  ASSIGN_OR_RETURN(RevisitState state, DecodeRevisitValue(url, *value));
  return std::optional<RevisitState>(std::move(state));
}

Result<std::optional<Validators>> RocksDbCrawlStore::GetValidators(std::string_view url) {
  RETURN_IF_ERROR(Ready());
  ASSIGN_OR_RETURN(auto value, Lookup(kValidators, url));
  if (!value) return std::optional<Validators>();
  ASSIGN_OR_RETURN(Validators v, DecodeValidatorsValue(*value));
  return std::optional<Validators>(std::move(v));
}

Result<std::optional<RobotsCacheEntry>> RocksDbCrawlStore::GetRobots(std::string_view origin) {
  RETURN_IF_ERROR(Ready());
  ASSIGN_OR_RETURN(auto value, Lookup(kRobots, origin));
  if (!value) return std::optional<RobotsCacheEntry>();
  ASSIGN_OR_RETURN(RobotsCacheEntry e, DecodeRobotsValue(*value));
  return std::optional<RobotsCacheEntry>(std::move(e));
}

Status RocksDbCrawlStore::PutRobots(std::string_view origin, const RobotsCacheEntry& entry) {
  RETURN_IF_ERROR(Ready());
  RETURN_IF_ERROR(db_->CheckWritable());
  std::lock_guard<std::mutex> lock(db_->write_mu);
  rocksdb::WriteBatch batch;
  batch.Put(db_->Family(kRobots), origin, EncodeRobotsValue(entry));
  return db_->Write(&batch, "store robots.txt");
}

}  // namespace newsvault::storage
