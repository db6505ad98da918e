#include "storage/rocksdb_wal_syncer.h"

namespace newsvault::storage {

WalSyncer::WalSyncer(rocksdb::DB* db, std::chrono::milliseconds interval)
    : db_(db), interval_(interval), thread_([this] { Run(); }) {}

WalSyncer::~WalSyncer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  // The writes of the last interval: a clean close leaves nothing unsynced.
  SyncIfDirty();
}

rocksdb::Status WalSyncer::Error() const {
  std::lock_guard<std::mutex> lock(mu_);
  return error_;
}

void WalSyncer::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    if (wake_.wait_for(lock, interval_, [this] { return stop_; })) break;
    // Not under mu_: an fsync can take a while, and Error() must not wait for it.
    lock.unlock();
    SyncIfDirty();
    lock.lock();
  }
}

void WalSyncer::SyncIfDirty() {
  // A write that returned before this exchange is in the log file already
  // (manual_wal_flush is off), so the sync below covers it; one returning
  // after it sets the flag again for the next round.
  if (!dirty_.exchange(false, std::memory_order_acq_rel)) return;
  rocksdb::Status s = db_->SyncWAL();
  if (s.ok()) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (error_.ok()) error_ = s;
}

}  // namespace newsvault::storage
