#include "storage/rocksdb_db.h"

#include <algorithm>
#include <utility>

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>

namespace newsvault::storage {
namespace {

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

}  // namespace

using core::Result;
using core::Status;

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
  // One budget for the memtables of all families together, instead of 64 MiB
  // per family: a crawl writes the frontier, seen, captures and payload
  // families at once, and their memtables would otherwise add up to
  // hundreds of MiB. Past it the biggest memtable is flushed.
  o.db_write_buffer_size = kMemtableBudgetBytes;
  return o;
}

rocksdb::ColumnFamilyOptions MakeFamilyOptions(const std::string& name) {
  static const std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(32 << 20);
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  // Every family serves point lookups (capture key taken? payload known? URL
  // seen?), and most of them miss: the `seen` check of each discovered link
  // above all. A bloom filter answers most misses without reading a block.
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

rocksdb::WriteOptions SyncWrite() {
  rocksdb::WriteOptions w;
  w.sync = true;  // acknowledged means on disk
  return w;
}

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

Result<std::string> ArchiveDb::Get(const char* family, const rocksdb::Slice& key) {
  std::string value;
  rocksdb::Status s = db_.db->Get(rocksdb::ReadOptions(), Family(family), key, &value);
  if (s.IsNotFound()) return Status::NotFound(std::string(family) + " key not found");
  if (!s.ok()) return ReadError(path_, s);
  return value;
}

Result<bool> ArchiveDb::Exists(const char* family, const rocksdb::Slice& key) {
  // The bloom filter answers most misses; a hit pins the block holding the
  // value instead of copying it (a payload can be megabytes). RocksDB 7.8 has
  // no key-only point lookup, so a payload kept in a blob file is still read.
  std::string ignored;
  bool value_found = false;
  if (!db_.db->KeyMayExist(rocksdb::ReadOptions(), Family(family), key, &ignored, &value_found)) {
    return false;
  }
  if (value_found) return true;
  rocksdb::PinnableSlice pinned;
  rocksdb::Status s = db_.db->Get(rocksdb::ReadOptions(), Family(family), key, &pinned);
  if (s.IsNotFound()) return false;
  if (!s.ok()) return ReadError(path_, s);
  return true;
}

Status ArchiveDb::ScanPrefix(const char* family, const std::string& prefix,
                             const std::function<Status(std::string_view, std::string_view)>& fn) {
  std::unique_ptr<rocksdb::Iterator> it(
      db_.db->NewIterator(rocksdb::ReadOptions(), Family(family)));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    RETURN_IF_ERROR(fn(it->key().ToStringView(), it->value().ToStringView()));
  }
  if (!it->status().ok()) return ReadError(path_, it->status());
  return Status::Ok();
}

Status ArchiveDb::Write(rocksdb::WriteBatch* batch, std::string_view what) {
  rocksdb::Status s;
  if (syncer_ == nullptr) {
    s = db_.db->Write(SyncWrite(), batch);
  } else {
    s = syncer_->Error();
    if (!s.ok()) {
      return Status::IoError("archive at " + path_ + ": cannot " + std::string(what) +
                             ": an earlier sync of the write-ahead log failed: " + Reason(s));
    }
    // sync=false: the batch is in the log file (the page cache) on return,
    // which is what SIGKILL-safety needs; the syncer makes it power-safe.
    s = db_.db->Write(rocksdb::WriteOptions(), batch);
    if (s.ok()) syncer_->MarkWritten();
  }
  if (!s.ok()) {
    return Status::IoError("archive at " + path_ + ": cannot " + std::string(what) + ": " +
                           Reason(s));
  }
  return Status::Ok();
}

void ArchiveDb::StartGroupCommit(std::chrono::milliseconds interval) {
  syncer_ = std::make_unique<WalSyncer>(db_.db.get(), interval);
}

Status ArchiveDb::CheckWritable() const {
  if (read_only_) return Status::InvalidArgument("archive at " + path_ + " is open read-only");
  return Status::Ok();
}

}  // namespace newsvault::storage
