#include "crawler/worker_pool.h"

#include <algorithm>
#include <utility>

namespace newsvault::crawler {

WorkerPool::WorkerPool(size_t threads, size_t queue_capacity)
    : capacity_(std::max<size_t>(queue_capacity, 1)) {
  threads = std::max<size_t>(threads, 1);
  threads_.reserve(threads);
  for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
}

WorkerPool::~WorkerPool() { Shutdown(); }

bool WorkerPool::Submit(std::function<void()> task) {
  std::unique_lock lock(mutex_);
  room_.wait(lock, [&] { return stopping_ || queue_.size() < capacity_; });
  if (stopping_) return false;
  queue_.push_back(std::move(task));
  ++pending_;
  work_ready_.notify_one();
  return true;
}

bool WorkerPool::TrySubmit(std::function<void()> task) {
  std::lock_guard lock(mutex_);
  if (stopping_ || queue_.size() >= capacity_) return false;
  queue_.push_back(std::move(task));
  ++pending_;
  work_ready_.notify_one();
  return true;
}

bool WorkerPool::HasRoom() const {
  std::lock_guard lock(mutex_);
  return !stopping_ && queue_.size() < capacity_;
}

size_t WorkerPool::Pending() const {
  std::lock_guard lock(mutex_);
  return pending_;
}

void WorkerPool::WaitIdle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] { return pending_ == 0; });
}

void WorkerPool::Shutdown() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  room_.notify_all();
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  threads_.clear();
}

void WorkerPool::Loop() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      // Stopping still drains the queue: every accepted task runs.
      work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    room_.notify_one();
    task();
    {
      std::lock_guard lock(mutex_);
      if (--pending_ == 0) idle_.notify_all();
    }
  }
}

}  // namespace newsvault::crawler
