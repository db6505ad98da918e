// WorkerPool: bounded queue with back-pressure.
#include "crawler/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

namespace newsvault::crawler {
namespace {

TEST(WorkerPool, RunsEveryTaskOnItsThreads) {
  std::atomic<int> done{0};
  {
    WorkerPool pool(3, 4);
    for (int i = 0; i < 100; ++i) ASSERT_TRUE(pool.Submit([&] { ++done; }));
    pool.WaitIdle();
    EXPECT_EQ(done.load(), 100);
    EXPECT_EQ(pool.Pending(), 0u);
  }
}

TEST(WorkerPool, FullQueueRefusesTrySubmitAndBlocksSubmit) {
  // Given one worker stuck on a task and a queue of two, we should refuse a
  // third queued task and block a producer until the worker moves on.
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::promise<void> running;
  WorkerPool pool(1, 2);
  ASSERT_TRUE(pool.Submit([&] {
    running.set_value();
    gate.wait();
  }));
  running.get_future().wait();  // the worker holds the first task
  ASSERT_TRUE(pool.Submit([] {}));
  ASSERT_TRUE(pool.Submit([] {}));
  EXPECT_FALSE(pool.HasRoom());
  EXPECT_FALSE(pool.TrySubmit([] {}));
  EXPECT_EQ(pool.Pending(), 3u);

  std::atomic<bool> submitted{false};
  std::thread producer([&] {
    EXPECT_TRUE(pool.Submit([] {}));
    submitted = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(submitted.load()) << "Submit should wait for room";
  release.set_value();
  producer.join();
  EXPECT_TRUE(submitted.load());
  pool.WaitIdle();
  EXPECT_TRUE(pool.HasRoom());
}

TEST(WorkerPool, ShutdownRunsQueuedTasksThenRefusesNewOnes) {
  std::atomic<int> done{0};
  WorkerPool pool(1, 8);
  for (int i = 0; i < 8; ++i) ASSERT_TRUE(pool.Submit([&] { ++done; }));
  pool.Shutdown();
  EXPECT_EQ(done.load(), 8);
  EXPECT_FALSE(pool.Submit([&] { ++done; }));
  EXPECT_FALSE(pool.TrySubmit([&] { ++done; }));
  EXPECT_EQ(done.load(), 8);
}

}  // namespace
}  // namespace newsvault::crawler
