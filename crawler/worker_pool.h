// WorkerPool: N threads running tasks from one bounded queue (DESIGN §2
// "Parsing runs on a worker pool ... behind bounded queues").
//
// Back-pressure, not unbounded buffering: Submit blocks while `queue_capacity`
// tasks are waiting, so a producer faster than the workers is slowed down to
// their pace; TrySubmit refuses instead of blocking. The crawler's scheduler
// also checks HasRoom() before starting transfers, so it never holds more
// fetched bodies than the queue plus the transfers in flight.
//
// Tasks must not throw (no exceptions cross rooms); a task that does
// terminates the process, like any other bug.
//
// Thread safety: every method may be called from any thread except that
// Shutdown (and the destructor) must not be called from a task.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace newsvault::crawler {

class WorkerPool {
 public:
  // `threads` >= 1 (0 is read as 1); `queue_capacity` >= 1 (0 is read as 1).
  WorkerPool(size_t threads, size_t queue_capacity);
  // Shutdown().
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task`, waiting while the queue is full. Returns false (and drops
  // the task) after Shutdown.
  bool Submit(std::function<void()> task);
  // Queues `task` only when there is room now.
  bool TrySubmit(std::function<void()> task);
  // True when a Submit would not block.
  bool HasRoom() const;
  // Tasks queued or running.
  size_t Pending() const;
  // Blocks until no task is queued or running.
  void WaitIdle();
  // Runs every queued task, then stops and joins the threads. Idempotent.
  void Shutdown();

 private:
  void Loop();

  const size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable work_ready_;       // a task was queued or shutdown began
  std::condition_variable room_;             // a task left the queue
  std::condition_variable idle_;             // pending_ reached 0
  std::deque<std::function<void()>> queue_;  // GUARDED_BY(mutex_)
  size_t pending_ = 0;                       // GUARDED_BY(mutex_): queued + running
  bool stopping_ = false;                    // GUARDED_BY(mutex_)
  std::vector<std::thread> threads_;
};

}  // namespace newsvault::crawler
