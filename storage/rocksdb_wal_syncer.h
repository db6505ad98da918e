// WalSyncer: the background thread of OpenOptions::Durability::kGroupCommit,
// which fsyncs the archive's write-ahead log every interval, so that writes
// made with sync=false reach the disk in groups (one fsync for many captures)
// instead of one fsync each.
//
// Private to the RocksDB adapter files (includes RocksDB headers).
//
// Thread safety: MarkWritten and Error may be called from any thread. The
// destructor stops the thread, then syncs once more; the database must
// outlive the WalSyncer.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <rocksdb/db.h>

namespace newsvault::storage {

class WalSyncer {
 public:
  WalSyncer(rocksdb::DB* db, std::chrono::milliseconds interval);
  ~WalSyncer();
  WalSyncer(const WalSyncer&) = delete;
  WalSyncer& operator=(const WalSyncer&) = delete;

  // Called after each write returned: the next round has something to sync.
  void MarkWritten() { dirty_.store(true, std::memory_order_release); }
  // The first failed sync; OK while every sync succeeded.
  rocksdb::Status Error() const;

 private:
  void Run();
  // Fsyncs the log if anything was written since the last sync.
  void SyncIfDirty();

  rocksdb::DB* const db_;
  const std::chrono::milliseconds interval_;
  std::atomic<bool> dirty_{false};
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;      // GUARDED_BY(mu_)
  rocksdb::Status error_;  // GUARDED_BY(mu_)
  std::thread thread_;     // last: starts once the members it uses exist
};

}  // namespace newsvault::storage
