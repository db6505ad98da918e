#include "storage/rocksdb_archive.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "core/clock.h"
#include "storage/archive_dir.h"
#include "storage/capture_builder.h"
#include "storage/crawl_store.h"
#include "storage/record_codec.h"
#include "storage/rocksdb_capture_batch.h"
#include "storage/rocksdb_crawl_store.h"
#include "storage/rocksdb_db.h"

namespace newsvault::storage {
namespace {

namespace fs = std::filesystem;
using core::Result;
using core::Status;

// The families schema 2 added (the crawl state, the payload index).
bool IsSchema2Family(std::string_view name) {
  for (const char* crawl : kSchema2Families) {
    if (name == crawl) return true;
  }
  return false;
}

class RocksDbArchive final : public Archive {
 public:
  RocksDbArchive(std::string path, bool read_only, OpenDb db)
      : db_(std::move(path), read_only, std::move(db)), crawl_(&db_) {}

  // Reads the schema, initialises a new archive or upgrades an older one,
  // loads the counters.
  Status Init();

  Result<StoreOutcome> StoreCapture(const core::HttpExchange& exchange,
                                    const core::Article* article) override;
  Result<std::vector<CaptureRecord>> Captures(std::string_view url) override;
  Result<std::vector<ArticleVersionRecord>> Versions(std::string_view url) override;
  Result<std::string> Payload(std::string_view digest) override;
  Result<std::vector<UrlSummary>> ListUrls() override;
  Status ForEachCapture(const CaptureFilter& filter,
                        const std::function<Status(const CaptureRecord&)>& fn) override;
  Result<ArchiveStats> Stats() override;
  CrawlStore& Crawl() override { return crawl_; }

  // OpenOptions::durability: called after Init, whose writes stay synced.
  void StartGroupCommit(std::chrono::milliseconds interval) { db_.StartGroupCommit(interval); }

 private:
  // The schema version stored in meta; nullopt for a new archive.
  Result<std::optional<int>> ReadSchema();
  Status CreateMissingFamilies();

  ArchiveDb db_;
  RocksDbCrawlStore crawl_;  // uses db_
  const std::string& path_ = db_.path();
};

Result<std::optional<int>> RocksDbArchive::ReadSchema() {
  auto schema = db_.Get(kMeta, kSchemaKey);
  if (!schema.ok() && !schema.error().IsNotFound()) return schema.error();
  if (!schema.ok()) {
    // No schema: a new archive, or a creation interrupted before the meta
    // write. Anything stored since would mean the meta record was lost.
    bool has_captures = false;
    if (db_.families().count(kCaptures) != 0) {
      std::unique_ptr<rocksdb::Iterator> it(
          db_.db()->NewIterator(rocksdb::ReadOptions(), db_.Family(kCaptures)));
      it->SeekToFirst();
      has_captures = it->Valid() || !it->status().ok();
    }
    if (has_captures || db_.read_only()) {
      return Damaged(path_, "no schema version in the meta family");
    }
    return std::optional<int>();
  }
  int version = 0;
  try {
    size_t used = 0;
    version = std::stoi(*schema, &used);
    if (used != schema->size()) version = 0;
  } catch (const std::exception&) {
    version = 0;
  }
  if (version > kArchiveSchemaVersion) {
    return Status::Unsupported("archive at " + path_ +
                               " was written by a newer newsvault (schema " +
                               std::to_string(version) + ", this build reads up to " +
                               std::to_string(kArchiveSchemaVersion) + ")");
  }
  if (version < 1) return Damaged(path_, "unreadable schema version '" + *schema + "'");
  return std::optional<int>(version);
}

Status RocksDbArchive::CreateMissingFamilies() {
  for (const char* name : kFamilies) {
    if (db_.families().count(name) != 0) continue;
    rocksdb::ColumnFamilyHandle* h = nullptr;
    rocksdb::Status s = db_.db()->CreateColumnFamily(MakeFamilyOptions(name), name, &h);
    if (!s.ok()) return OpenError(path_, s);
    db_.families()[name] = FamilyPtr(h, FamilyDeleter{db_.db()});
  }
  return Status::Ok();
}

Status RocksDbArchive::Init() {
  ASSIGN_OR_RETURN(std::optional<int> schema, ReadSchema());
  if (db_.read_only()) {
    // A read-only open changes nothing: an older schema is read as it is,
    // without the crawl state it lacks.
    for (const char* name : kFamilies) {
      if (db_.families().count(name) != 0) continue;
      if (schema && *schema < 2 && IsSchema2Family(name)) continue;
      return Damaged(path_, std::string("missing column family ") + name);
    }
  } else {
    RETURN_IF_ERROR(CreateMissingFamilies());
  }

  if (!db_.read_only() && (!schema || *schema < kArchiveSchemaVersion)) {
    // New archive, or the in-place upgrade from schema 1 (docs/storage.md):
    // the crawl families exist now and are empty, which is schema 2's state
    // before any crawl.
    rocksdb::WriteBatch batch;
    batch.Put(db_.Family(kMeta), kSchemaKey, std::to_string(kArchiveSchemaVersion));
    if (!schema) {
      batch.Put(db_.Family(kMeta), "created_at",
                core::FormatWarcDate(core::SystemClock::Default().Now()));
      batch.Put(db_.Family(kMeta), "software", std::string("newsvault/") + NEWSVAULT_VERSION);
    }
    RETURN_IF_ERROR(db_.Write(&batch, "write the schema version"));
  }

  for (auto [name, field] : CounterFields(&db_.counters)) {
    auto value = db_.Get(kStats, name);
    if (!value.ok() && value.error().IsNotFound()) continue;
    if (!value.ok()) return value.error();
    auto decoded = DecodeCounter(*value);
    if (!decoded.ok()) return Damaged(path_, std::string("stats counter ") + name);
    *field = *decoded;
  }
  if (db_.families().count(kFrontier) != 0) RETURN_IF_ERROR(crawl_.Init());
  return Status::Ok();
}

Result<StoreOutcome> RocksDbArchive::StoreCapture(const core::HttpExchange& exchange,
                                                  const core::Article* article) {
  RETURN_IF_ERROR(db_.CheckWritable());
  std::lock_guard<std::mutex> lock(db_.write_mu);
  rocksdb::WriteBatch batch;
  ASSIGN_OR_RETURN(CaptureWrite capture, AddCaptureToBatch(db_, exchange, article, &batch));
  RETURN_IF_ERROR(db_.Write(&batch, "store capture"));
  db_.counters = capture.counters;
  return capture.outcome;
}

Result<std::vector<CaptureRecord>> RocksDbArchive::Captures(std::string_view url) {
  std::vector<CaptureRecord> out;
  RETURN_IF_ERROR(db_.ScanPrefix(kCaptures, CaptureKeyPrefix(StorageUrlKey(url)),
                                 [&](std::string_view key, std::string_view value) {
                                   ASSIGN_OR_RETURN(CaptureRecord r, DecodeCapture(key, value));
                                   out.push_back(std::move(r));
                                   return Status::Ok();
                                 }));
  return out;
}

Result<std::vector<ArticleVersionRecord>> RocksDbArchive::Versions(std::string_view url) {
  std::vector<ArticleVersionRecord> out;
  RETURN_IF_ERROR(db_.ScanPrefix(kVersions, CaptureKeyPrefix(StorageUrlKey(url)),
                                 [&](std::string_view key, std::string_view value) {
                                   ASSIGN_OR_RETURN(ArticleVersionRecord v,
                                                    DecodeVersion(key, value));
                                   out.push_back(std::move(v));
                                   return Status::Ok();
                                 }));
  return out;
}

Result<std::string> RocksDbArchive::Payload(std::string_view digest) {
  auto value = db_.Get(kPayloads, rocksdb::Slice(digest.data(), digest.size()));
  if (!value.ok() && value.error().IsNotFound()) {
    return Status::NotFound("payload " + std::string(digest) + " is not in archive at " + path_);
  }
  return value;
}

Result<std::vector<UrlSummary>> RocksDbArchive::ListUrls() {
  std::vector<UrlSummary> out;
  RETURN_IF_ERROR(db_.ScanPrefix(kUrls, "", [&](std::string_view key, std::string_view value) {
    ASSIGN_OR_RETURN(UrlRecord r, DecodeUrlValue(value));
    out.push_back(ToSummary(std::string(key), r));
    return Status::Ok();
  }));
  return out;
}

Status RocksDbArchive::ForEachCapture(const CaptureFilter& filter,
                                      const std::function<Status(const CaptureRecord&)>& fn) {
  std::unique_ptr<rocksdb::Iterator> it(
      db_.db()->NewIterator(rocksdb::ReadOptions(), db_.Family(kCaptures)));
  it->Seek(filter.urlkey_prefix);
  while (it->Valid() && it->key().starts_with(filter.urlkey_prefix)) {
    std::string_view urlkey;
    core::Timestamp t{};
    if (!DecodeCaptureKey(it->key().ToStringView(), &urlkey, &t)) {
      return Status::Corruption("archive at " + path_ + ": damaged capture key");
    }
    // Keys sort by (urlkey, time): skip straight to the window, or past the
    // urlkey (its 0x00 separator + 1) once beyond it.
    if (filter.since && t < *filter.since) {
      it->Seek(EncodeCaptureKey(urlkey, *filter.since));
      continue;
    }
    if (filter.until && t >= *filter.until) {
      std::string next(urlkey);
      next.push_back('\x01');
      it->Seek(next);
      continue;
    }
    ASSIGN_OR_RETURN(CaptureRecord r,
                     DecodeCapture(it->key().ToStringView(), it->value().ToStringView()));
    RETURN_IF_ERROR(fn(r));
    it->Next();
  }
  if (!it->status().ok()) return ReadError(path_, it->status());
  return Status::Ok();
}

Result<ArchiveStats> RocksDbArchive::Stats() {
  ArchiveStats stats;
  {
    std::lock_guard<std::mutex> lock(db_.write_mu);
    stats = db_.counters;
  }
  stats.disk_bytes = DirectoryBytes(path_);
  return stats;
}

// Turns group commit on for a writable archive that asked for it.
void ApplyDurability(RocksDbArchive& archive, const OpenOptions& options) {
  if (options.read_only || options.durability != Durability::kGroupCommit) return;
  // A zero or negative interval would spin; 1 ms is as often as makes sense.
  archive.StartGroupCommit(std::max(options.group_commit_interval, std::chrono::milliseconds(1)));
}

Result<std::unique_ptr<Archive>> OpenExisting(const std::string& path, const OpenOptions& options) {
  const bool read_only = options.read_only;
  std::vector<std::string> names;
  rocksdb::Status listed = rocksdb::DB::ListColumnFamilies(MakeDbOptions(false), path, &names);
  if (!listed.ok()) {
    // The holder may be rewriting the MANIFEST we just failed to read: say
    // Busy if the lock is taken rather than blaming the files.
    rocksdb::DB* raw = nullptr;
    rocksdb::Status probe =
        rocksdb::DB::Open(rocksdb::Options(MakeDbOptions(false), {}), path, &raw);
    DbPtr probe_db(raw);
    if (IsLockError(probe)) return Busy(path);
    return OpenError(path, listed);
  }
  if (std::find(names.begin(), names.end(), kMeta) == names.end()) {
    return Damaged(path, "it has no meta column family");
  }
  ASSIGN_OR_RETURN(OpenDb db, OpenFamilies(path, false, names));
  auto archive = std::make_unique<RocksDbArchive>(path, read_only, std::move(db));
  RETURN_IF_ERROR(archive->Init());
  ApplyDurability(*archive, options);
  return std::unique_ptr<Archive>(std::move(archive));
}

Result<std::unique_ptr<Archive>> CreateNew(const std::string& path, const OpenOptions& options) {
  fs::path created = FirstMissingAncestor(path);
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) return Status::IoError("cannot create archive at " + path + ": " + ec.message());
  std::vector<std::string> names = {rocksdb::kDefaultColumnFamilyName};
  names.insert(names.end(), std::begin(kFamilies), std::end(kFamilies));
  auto db = OpenFamilies(path, true, names);
  Status status = db.status();
  std::unique_ptr<RocksDbArchive> archive;
  if (db.ok()) {
    archive = std::make_unique<RocksDbArchive>(path, false, std::move(*db));
    status = archive->Init();
  }
  if (!status.ok()) {
    archive.reset();
    // A failed open leaves no directory behind that it made itself; one made
    // by another process that won the race (Busy) is theirs.
    if (!created.empty() && !status.IsBusy()) fs::remove_all(created, ec);
    return status;
  }
  ApplyDurability(*archive, options);
  return std::unique_ptr<Archive>(std::move(archive));
}

}  // namespace

Result<std::unique_ptr<Archive>> OpenRocksDbArchive(const std::string& path,
                                                    const OpenOptions& options) {
  if (path.empty()) return Status::InvalidArgument("archive path is empty");
  ASSIGN_OR_RETURN(ArchivePathState state, InspectArchivePath(path));
  switch (state) {
    case ArchivePathState::kDatabase:
      return OpenExisting(path, options);
    case ArchivePathState::kNotDirectory:
      return Damaged(path, "it is not a directory");
    case ArchivePathState::kForeign:
      return Damaged(path, "the directory holds other files and no RocksDB CURRENT file");
    case ArchivePathState::kMissing:
    case ArchivePathState::kEmpty:
      break;
  }
  if (!options.create_if_missing || options.read_only) {
    return Status::NotFound("no archive at " + path);
  }
  return CreateNew(path, options);
}

}  // namespace newsvault::storage
