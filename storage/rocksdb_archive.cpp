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

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include "core/clock.h"
#include "storage/archive_dir.h"
#include "storage/capture_builder.h"
#include "storage/record_codec.h"

namespace newsvault::storage {
namespace {

namespace fs = std::filesystem;
using core::Result;
using core::Status;

constexpr const char* kMeta = "meta";
constexpr const char* kCaptures = "captures";
constexpr const char* kPayloads = "payloads";
constexpr const char* kVersions = "versions";
constexpr const char* kUrls = "urls";
constexpr const char* kStats = "stats";
// Later schemas add frontier, hosts, robots and runs (docs/storage.md).
constexpr const char* kFamilies[] = {kMeta, kCaptures, kPayloads, kVersions, kUrls, kStats};

constexpr const char* kSchemaKey = "schema_version";

// --- RocksDB handles, owned from birth -------------------------------------

struct DbDeleter {
  void operator()(rocksdb::DB* db) const { delete db; }
};
using DbPtr = std::unique_ptr<rocksdb::DB, DbDeleter>;

struct FamilyDeleter {
  rocksdb::DB* db = nullptr;
  void operator()(rocksdb::ColumnFamilyHandle* h) const {
    db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  }
};
using FamilyPtr = std::unique_ptr<rocksdb::ColumnFamilyHandle, FamilyDeleter>;

// An open database and its column family handles. Members are destroyed in
// reverse order: the handles before the database, as RocksDB requires.
struct OpenDb {
  DbPtr db;
  std::map<std::string, FamilyPtr> families;
};

// --- options -----------------------------------------------------------

rocksdb::CompressionType PickCompression(bool strong) {
  auto supported = rocksdb::GetSupportedCompressions();
  auto has = [&](rocksdb::CompressionType t) {
    return std::find(supported.begin(), supported.end(), t) != supported.end();
  };
  if (strong && has(rocksdb::kZSTD)) return rocksdb::kZSTD;
  if (has(rocksdb::kLZ4Compression)) return rocksdb::kLZ4Compression;
  if (has(rocksdb::kSnappyCompression)) return rocksdb::kSnappyCompression;
  return rocksdb::kNoCompression;
}

rocksdb::DBOptions MakeDbOptions(bool create) {
  rocksdb::DBOptions o;
  o.create_if_missing = create;
  o.create_missing_column_families = create;
  // Why quiet: RocksDB's LOG is for RocksDB developers; keep warnings only,
  // and few files of them, in the archive directory.
  o.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  o.keep_log_file_num = 2;
  o.max_log_file_size = 1 << 20;
  o.stats_dump_period_sec = 0;
  o.stats_persist_period_sec = 0;
  return o;
}

rocksdb::ColumnFamilyOptions MakeFamilyOptions(const std::string& name) {
  static const std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(32 << 20);
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  // Every store does point lookups (capture key taken? payload known?).
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  o.compression = PickCompression(false);
  o.bottommost_compression = PickCompression(true);
  if (name == kPayloads) {
    // Entity bodies are large and written once: keep big ones in blob files so
    // compaction does not copy them again and again.
    o.enable_blob_files = true;
    o.min_blob_size = 64 << 10;
    o.blob_compression_type = PickCompression(false);
  }
  return o;
}

// --- errors ------------------------------------------------------------

std::string Reason(const rocksdb::Status& s) {
  std::string out = s.getState() != nullptr ? s.getState() : s.ToString();
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

bool IsLockError(const rocksdb::Status& s) {
  if (!s.IsIOError()) return false;
  std::string m = s.ToString();
  // fcntl(F_SETLK) failing (another process), or RocksDB's own table of locks
  // this process holds (a second open here, or a forked child of the holder).
  return m.find("While lock file") != std::string::npos ||
         m.find("lock hold by current process") != std::string::npos;
}

Status Busy(const std::string& path) {
  return Status::Busy("archive at " + path + " is in use by another newsvault process");
}

Status Damaged(const std::string& path, const std::string& reason) {
  return Status::Corruption("archive at " + path +
                            " is damaged or not a newsvault archive: " + reason);
}

Status OpenError(const std::string& path, const rocksdb::Status& s) {
  if (IsLockError(s)) return Busy(path);
  std::string reason = Reason(s);
  if (s.IsIOError() && reason.find("No such file") == std::string::npos) {
    return Status::IoError("cannot open archive at " + path + ": " + reason);
  }
  return Damaged(path, reason);
}

Status ReadError(const std::string& path, const rocksdb::Status& s) {
  if (s.IsCorruption()) return Status::Corruption("archive at " + path + ": " + Reason(s));
  return Status::IoError("archive at " + path + ": " + Reason(s));
}

// --- opening -------------------------------------------------------------

Result<OpenDb> OpenFamilies(const std::string& path, bool create,
                            const std::vector<std::string>& names) {
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const auto& name : names) descriptors.emplace_back(name, MakeFamilyOptions(name));
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(MakeDbOptions(create), path, descriptors, &handles, &raw);
  OpenDb out;
  out.db.reset(raw);
  for (auto* h : handles) out.families[h->GetName()] = FamilyPtr(h, FamilyDeleter{raw});
  if (!s.ok()) return OpenError(path, s);
  return out;
}

rocksdb::WriteOptions SyncWrite() {
  rocksdb::WriteOptions w;
  w.sync = true;  // acknowledged means on disk
  return w;
}

class RocksDbArchive final : public Archive {
 public:
  RocksDbArchive(std::string path, bool read_only, OpenDb db)
      : path_(std::move(path)), read_only_(read_only), db_(std::move(db)) {}

  // Reads the schema, initialises a new archive, loads the counters.
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

 private:
  rocksdb::ColumnFamilyHandle* Family(const char* name) { return db_.families.at(name).get(); }
  // NotFound, the value, or a read error.
  Result<std::string> Get(const char* family, const rocksdb::Slice& key);
  Result<bool> Exists(const char* family, const rocksdb::Slice& key);
  // Calls fn(key, value) for every key starting with `prefix`, in order.
  Status ScanPrefix(const char* family, const std::string& prefix,
                    const std::function<Status(std::string_view, std::string_view)>& fn);

  const std::string path_;
  const bool read_only_;
  OpenDb db_;
  std::mutex write_mu_;
  ArchiveStats counters_;  // GUARDED_BY(write_mu_); mirrors the stats family; no disk_bytes
};

Result<std::string> RocksDbArchive::Get(const char* family, const rocksdb::Slice& key) {
  std::string value;
  rocksdb::Status s = db_.db->Get(rocksdb::ReadOptions(), Family(family), key, &value);
  if (s.IsNotFound()) return Status::NotFound(std::string(family) + " key not found");
  if (!s.ok()) return ReadError(path_, s);
  return value;
}

Result<bool> RocksDbArchive::Exists(const char* family, const rocksdb::Slice& key) {
  std::string ignored;
  if (!db_.db->KeyMayExist(rocksdb::ReadOptions(), Family(family), key, &ignored)) return false;
  auto got = Get(family, key);
  if (got.ok()) return true;
  if (got.error().IsNotFound()) return false;
  return got.error();
}

Status RocksDbArchive::ScanPrefix(
    const char* family, const std::string& prefix,
    const std::function<Status(std::string_view, std::string_view)>& fn) {
  std::unique_ptr<rocksdb::Iterator> it(
      db_.db->NewIterator(rocksdb::ReadOptions(), Family(family)));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    RETURN_IF_ERROR(fn(it->key().ToStringView(), it->value().ToStringView()));
  }
  if (!it->status().ok()) return ReadError(path_, it->status());
  return Status::Ok();
}

Status RocksDbArchive::Init() {
  auto schema = Get(kMeta, kSchemaKey);
  if (!schema.ok() && !schema.error().IsNotFound()) return schema.error();
  if (!schema.ok()) {
    // No schema: a new archive, or a creation interrupted before the meta
    // write. Anything stored since would mean the meta record was lost.
    bool has_captures = false;
    if (db_.families.count(kCaptures) != 0) {
      std::unique_ptr<rocksdb::Iterator> it(
          db_.db->NewIterator(rocksdb::ReadOptions(), Family(kCaptures)));
      it->SeekToFirst();
      has_captures = it->Valid() || !it->status().ok();
    }
    if (has_captures || read_only_) return Damaged(path_, "no schema version in the meta family");
  } else {
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
  }

  for (const char* name : kFamilies) {
    if (db_.families.count(name) != 0) continue;
    if (read_only_) return Damaged(path_, std::string("missing column family ") + name);
    rocksdb::ColumnFamilyHandle* h = nullptr;
    rocksdb::Status s = db_.db->CreateColumnFamily(MakeFamilyOptions(name), name, &h);
    if (!s.ok()) return OpenError(path_, s);
    db_.families[name] = FamilyPtr(h, FamilyDeleter{db_.db.get()});
  }

  if (!schema.ok()) {
    rocksdb::WriteBatch batch;
    batch.Put(Family(kMeta), kSchemaKey, std::to_string(kArchiveSchemaVersion));
    batch.Put(Family(kMeta), "created_at",
              core::FormatWarcDate(core::SystemClock::Default().Now()));
    batch.Put(Family(kMeta), "software", std::string("newsvault/") + NEWSVAULT_VERSION);
    rocksdb::Status s = db_.db->Write(SyncWrite(), &batch);
    if (!s.ok()) return ReadError(path_, s);
  }

  for (auto [name, field] : CounterFields(&counters_)) {
    auto value = Get(kStats, name);
    if (!value.ok() && value.error().IsNotFound()) continue;
    if (!value.ok()) return value.error();
    auto decoded = DecodeCounter(*value);
    if (!decoded.ok()) return Damaged(path_, std::string("stats counter ") + name);
    *field = *decoded;
  }
  return Status::Ok();
}

Result<StoreOutcome> RocksDbArchive::StoreCapture(const core::HttpExchange& exchange,
                                                  const core::Article* article) {
  if (read_only_) return Status::InvalidArgument("archive at " + path_ + " is open read-only");
  PreparedCapture prepared = PrepareCapture(exchange);
  CaptureRecord& record = prepared.record;

  std::lock_guard<std::mutex> lock(write_mu_);
  UrlRecord url;
  auto stored_url = Get(kUrls, record.urlkey);
  if (stored_url.ok()) {
    auto decoded = DecodeUrlValue(*stored_url);
    if (!decoded.ok()) return decoded.error().WithContext("archive at " + path_);
    url = std::move(*decoded);
  } else if (!stored_url.error().IsNotFound()) {
    return stored_url.error();
  }

  // Two exchanges of one urlkey in the same microsecond both stay: the later
  // one moves on by 1 µs until its key is free.
  std::string key = EncodeCaptureKey(record.urlkey, record.time);
  for (;;) {
    ASSIGN_OR_RETURN(bool taken, Exists(kCaptures, key));
    if (!taken) break;
    record.time += std::chrono::microseconds(1);
    key = EncodeCaptureKey(record.urlkey, record.time);
  }

  ASSIGN_OR_RETURN(bool payload_known, Exists(kPayloads, record.payload_digest));
  record.payload_was_new = !payload_known;

  std::optional<ArticleVersionRecord> new_version;
  if (article != nullptr) {
    VersionDecision decision = DecideVersion(url, *article);
    record.version = decision.number;
    if (decision.is_new) {
      new_version = ArticleVersionRecord{decision.number, record.time,
                                         std::move(decision.text_digest), *article};
    }
  }

  ArchiveStats counters = counters_;
  if (url.captures == 0) ++counters.urls;
  ++counters.captures;
  counters.captured_bytes += record.payload_size;
  if (payload_known) {
    ++counters.revisits;
  } else {
    ++counters.payloads;
    counters.payload_bytes += record.payload_size;
  }
  CountCapture(record, &url);
  if (new_version) {
    ++counters.versions;
    CountVersion(*new_version, &url);
  }

  rocksdb::WriteBatch batch;
  batch.Put(Family(kCaptures), key, EncodeCaptureValue(record));
  if (!payload_known) batch.Put(Family(kPayloads), record.payload_digest, prepared.entity);
  if (new_version) {
    batch.Put(Family(kVersions), EncodeVersionKey(record.urlkey, new_version->number),
              EncodeVersionValue(*new_version));
  }
  batch.Put(Family(kUrls), record.urlkey, EncodeUrlValue(url));
  for (auto [name, field] : CounterFields(&counters)) {
    batch.Put(Family(kStats), name, EncodeCounter(*field));
  }
  rocksdb::Status s = db_.db->Write(SyncWrite(), &batch);
  if (!s.ok()) {
    return Status::IoError("archive at " + path_ + ": cannot store capture: " + Reason(s));
  }
  counters_ = counters;

  StoreOutcome outcome;
  outcome.time = record.time;
  outcome.new_payload = !payload_known;
  outcome.version = record.version;
  outcome.new_version = new_version.has_value();
  return outcome;
}

Result<std::vector<CaptureRecord>> RocksDbArchive::Captures(std::string_view url) {
  std::vector<CaptureRecord> out;
  RETURN_IF_ERROR(ScanPrefix(kCaptures, CaptureKeyPrefix(StorageUrlKey(url)),
                             [&](std::string_view key, std::string_view value) {
                               ASSIGN_OR_RETURN(CaptureRecord r, DecodeCapture(key, value));
                               out.push_back(std::move(r));
                               return Status::Ok();
                             }));
  return out;
}

Result<std::vector<ArticleVersionRecord>> RocksDbArchive::Versions(std::string_view url) {
  std::vector<ArticleVersionRecord> out;
  RETURN_IF_ERROR(ScanPrefix(kVersions, CaptureKeyPrefix(StorageUrlKey(url)),
                             [&](std::string_view key, std::string_view value) {
                               ASSIGN_OR_RETURN(ArticleVersionRecord v, DecodeVersion(key, value));
                               out.push_back(std::move(v));
                               return Status::Ok();
                             }));
  return out;
}

Result<std::string> RocksDbArchive::Payload(std::string_view digest) {
  auto value = Get(kPayloads, rocksdb::Slice(digest.data(), digest.size()));
  if (!value.ok() && value.error().IsNotFound()) {
    return Status::NotFound("payload " + std::string(digest) + " is not in archive at " + path_);
  }
  return value;
}

Result<std::vector<UrlSummary>> RocksDbArchive::ListUrls() {
  std::vector<UrlSummary> out;
  RETURN_IF_ERROR(ScanPrefix(kUrls, "", [&](std::string_view key, std::string_view value) {
    ASSIGN_OR_RETURN(UrlRecord r, DecodeUrlValue(value));
    out.push_back(ToSummary(std::string(key), r));
    return Status::Ok();
  }));
  return out;
}

Status RocksDbArchive::ForEachCapture(const CaptureFilter& filter,
                                      const std::function<Status(const CaptureRecord&)>& fn) {
  std::unique_ptr<rocksdb::Iterator> it(
      db_.db->NewIterator(rocksdb::ReadOptions(), Family(kCaptures)));
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
    std::lock_guard<std::mutex> lock(write_mu_);
    stats = counters_;
  }
  stats.disk_bytes = DirectoryBytes(path_);
  return stats;
}

Result<std::unique_ptr<Archive>> OpenExisting(const std::string& path, bool read_only) {
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
  return std::unique_ptr<Archive>(std::move(archive));
}

Result<std::unique_ptr<Archive>> CreateNew(const std::string& path) {
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
  return std::unique_ptr<Archive>(std::move(archive));
}

}  // namespace

Result<std::unique_ptr<Archive>> OpenRocksDbArchive(const std::string& path,
                                                    const OpenOptions& options) {
  if (path.empty()) return Status::InvalidArgument("archive path is empty");
  ASSIGN_OR_RETURN(ArchivePathState state, InspectArchivePath(path));
  switch (state) {
    case ArchivePathState::kDatabase:
      return OpenExisting(path, options.read_only);
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
  return CreateNew(path);
}

Status OverwriteSchemaVersionForTesting(const std::string& path, std::string_view value) {
  std::vector<std::string> names;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(MakeDbOptions(false), path, &names);
  if (!s.ok()) return OpenError(path, s);
  ASSIGN_OR_RETURN(OpenDb db, OpenFamilies(path, false, names));
  s = db.db->Put(SyncWrite(), db.families.at(kMeta).get(), kSchemaKey,
                 rocksdb::Slice(value.data(), value.size()));
  if (!s.ok()) return ReadError(path, s);
  return Status::Ok();
}

}  // namespace newsvault::storage
