// RocksDB plumbing shared by the archive and its crawl store: owned handles,
// family names and options, error mapping, and ArchiveDb, the one open
// database both write through.
//
// Private to the storage room's RocksDB adapter files (rocksdb_*.cpp): it is
// the only header that includes RocksDB headers, so nothing outside those
// files sees RocksDB types.
//
// Thread safety: ArchiveDb's reads may run concurrently; every write (and
// every read-check-write) holds write_mu. StartGroupCommit is called once,
// before the ArchiveDb is shared.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "core/status.h"
#include "storage/archive.h"
#include "storage/rocksdb_wal_syncer.h"

namespace newsvault::storage {

// Column families (docs/storage.md has every key and value encoding).
inline constexpr const char* kMeta = "meta";
inline constexpr const char* kCaptures = "captures";
inline constexpr const char* kPayloads = "payloads";
inline constexpr const char* kVersions = "versions";
inline constexpr const char* kUrls = "urls";
inline constexpr const char* kStats = "stats";
// Schema 2: the crawl state (storage/crawl_store.h).
inline constexpr const char* kFrontier = "frontier";
inline constexpr const char* kSeen = "seen";
inline constexpr const char* kRevisits = "revisits";
inline constexpr const char* kRevisitDue = "revisit_due";
inline constexpr const char* kValidators = "validators";
inline constexpr const char* kRobots = "robots";
inline constexpr const char* kRuns = "runs";
// Schema 2: the digests of stored payloads, so telling a revisit from a new
// payload never reads a payload value.
inline constexpr const char* kPayloadIndex = "payload_index";
// The families schema 2 added, and all of them.
inline constexpr const char* kSchema2Families[] = {kFrontier,   kSeen,   kRevisits, kRevisitDue,
                                                   kValidators, kRobots, kRuns,     kPayloadIndex};
inline constexpr const char* kFamilies[] = {
    kMeta, kCaptures, kPayloads,   kVersions,   kUrls,   kStats, kFrontier,
    kSeen, kRevisits, kRevisitDue, kValidators, kRobots, kRuns,  kPayloadIndex};

// The memtables of all families together stay under this (DBOptions::
// db_write_buffer_size); see MakeDbOptions.
inline constexpr size_t kMemtableBudgetBytes = 48u << 20;

// The meta family's key of the schema version (decimal text).
inline constexpr const char* kSchemaKey = "schema_version";

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

rocksdb::DBOptions MakeDbOptions(bool create);
rocksdb::ColumnFamilyOptions MakeFamilyOptions(const std::string& name);
rocksdb::WriteOptions SyncWrite();

// Error mapping; every message names the archive path.
std::string Reason(const rocksdb::Status& s);
bool IsLockError(const rocksdb::Status& s);
core::Status Busy(const std::string& path);
core::Status Damaged(const std::string& path, const std::string& reason);
core::Status OpenError(const std::string& path, const rocksdb::Status& s);
core::Status ReadError(const std::string& path, const rocksdb::Status& s);

core::Result<OpenDb> OpenFamilies(const std::string& path, bool create,
                                  const std::vector<std::string>& names);

// The open archive database, shared by RocksDbArchive and RocksDbCrawlStore.
class ArchiveDb {
 public:
  ArchiveDb(std::string path, bool read_only, OpenDb db)
      : path_(std::move(path)), read_only_(read_only), db_(std::move(db)) {}

  const std::string& path() const { return path_; }
  bool read_only() const { return read_only_; }
  rocksdb::DB* db() { return db_.db.get(); }
  std::map<std::string, FamilyPtr>& families() { return db_.families; }
  rocksdb::ColumnFamilyHandle* Family(const char* name) { return db_.families.at(name).get(); }

  // NotFound, the value, or a read error.
  core::Result<std::string> Get(const char* family, const rocksdb::Slice& key);
  // Whether `key` exists, without copying its value (payloads can be large).
  core::Result<bool> Exists(const char* family, const rocksdb::Slice& key);
  // Calls fn(key, value) for every key starting with `prefix`, in order.
  core::Status ScanPrefix(
      const char* family, const std::string& prefix,
      const std::function<core::Status(std::string_view, std::string_view)>& fn);
  // Writes `batch`, synced unless group commit is on; `what` names the
  // operation in the error. With group commit, a failed background sync
  // fails every later write (the archive's durability is then unknown).
  core::Status Write(rocksdb::WriteBatch* batch, std::string_view what);
  // From now on writes go unsynced and a WalSyncer fsyncs the log every
  // `interval` (OpenOptions::Durability::kGroupCommit).
  void StartGroupCommit(std::chrono::milliseconds interval);
  // InvalidArgument when open read-only.
  core::Status CheckWritable() const;

  std::mutex write_mu;
  ArchiveStats counters;  // GUARDED_BY(write_mu); mirrors the stats family; no disk_bytes

 private:
  const std::string path_;
  const bool read_only_;
  OpenDb db_;
  // After db_: destroyed (thread stopped, last sync done) before the database.
  std::unique_ptr<WalSyncer> syncer_;
};

}  // namespace newsvault::storage
