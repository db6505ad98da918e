// CrawlScheduler: per-origin read-ahead of the frontier and politeness.
#include "crawler/crawl_scheduler.h"

#include <gtest/gtest.h>

#include "tests/unit/crawler/fake_crawl_store.h"

namespace newsvault::crawler {
namespace {

using testing_fakes::FakeCrawlStore;

const core::Timestamp kStart = core::FromMicros(1'738'663'872'000'000);

PolitenessOptions Polite() {
  PolitenessOptions options;
  options.min_delay = std::chrono::milliseconds(1'000);
  options.delay_factor = 0;
  return options;
}

std::vector<storage::FrontierEntry> Pages(const std::string& origin, int n) {
  std::vector<storage::FrontierEntry> entries;
  for (int i = 0; i < n; ++i) {
    storage::FrontierEntry entry;
    entry.url = origin + "/p" + std::to_string(i);
    entry.site = "s";
    entries.push_back(entry);
  }
  return entries;
}

// Takes every item of `origin` the scheduler hands out, in order.
std::vector<std::string> Drain(CrawlScheduler& scheduler, const std::string& origin) {
  std::vector<std::string> urls;
  for (;;) {
    auto next = scheduler.PeekNext(origin);
    EXPECT_TRUE(next.ok());
    if (!next.ok() || !*next) return urls;
    urls.push_back((*next)->entry.url);
    scheduler.TakeNext(origin);
  }
}

TEST(CrawlScheduler, HandsOutEveryItemOnceInKeyOrderReadingAheadInBatches) {
  // Given more items than one read-ahead batch, we should see them all, in
  // order, with the store read in batches rather than all at once.
  FakeCrawlStore store;
  core::FakeClock clock(kStart);
  ASSERT_TRUE(store.Enqueue(Pages("http://a.test", 20), 1, storage::EnqueuePolicy::kForce).ok());
  CrawlScheduler scheduler(store, Polite(), clock);
  ASSERT_TRUE(scheduler.LoadOrigins().ok());
  EXPECT_EQ(scheduler.OriginsWithWork(), std::vector<std::string>{"http://a.test"});
  const std::vector<std::string> urls = Drain(scheduler, "http://a.test");
  ASSERT_EQ(urls.size(), 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(urls[i], "http://a.test/p" + std::to_string(i));
  EXPECT_GE(store.peeks, 3);  // 20 items in batches of kPeekBatch (8)
  EXPECT_EQ(scheduler.InFlightItems(), 20u);
  EXPECT_FALSE(scheduler.HasWork());
}

TEST(CrawlScheduler, PassedOverItemsAreNeitherInFlightNorHandedOutAgain) {
  // Given another site's items in a --site run, we should pass over them
  // without holding their keys: nothing in flight, no work left.
  FakeCrawlStore store;
  core::FakeClock clock(kStart);
  ASSERT_TRUE(store.Enqueue(Pages("http://a.test", 20), 1, storage::EnqueuePolicy::kForce).ok());
  CrawlScheduler scheduler(store, Polite(), clock);
  ASSERT_TRUE(scheduler.LoadOrigins().ok());
  int passed = 0;
  for (;;) {
    auto next = scheduler.PeekNext("http://a.test");
    ASSERT_TRUE(next.ok());
    if (!*next) break;
    scheduler.PassOver("http://a.test");
    ++passed;
  }
  EXPECT_EQ(passed, 20);
  EXPECT_EQ(scheduler.InFlightItems(), 0u);
  EXPECT_FALSE(scheduler.HasWork());
  EXPECT_EQ(store.FrontierSize().value(), 20u);  // still there for their site's run
  // A rewind reads them again (they were never taken).
  scheduler.Rewind("http://a.test");
  EXPECT_EQ(Drain(scheduler, "http://a.test").size(), 20u);
}

TEST(CrawlScheduler, NewItemSortingBeforeTheCursorComesNext) {
  // Given buffered pages, a feed enqueued with a key that sorts first (the
  // store's priority order), we should hand out the feed before the pages.
  FakeCrawlStore store;
  core::FakeClock clock(kStart);
  for (int i = 0; i < 3; ++i)
    store.AddWithKey("p" + std::to_string(i), "http://a.test/p" + std::to_string(i));
  CrawlScheduler scheduler(store, Polite(), clock);
  ASSERT_TRUE(scheduler.LoadOrigins().ok());
  ASSERT_EQ((*scheduler.PeekNext("http://a.test"))->entry.url, "http://a.test/p0");
  scheduler.TakeNext("http://a.test");
  scheduler.OnEnqueued({store.AddWithKey("f0", "http://a.test/feed")});
  EXPECT_EQ(
      Drain(scheduler, "http://a.test"),
      (std::vector<std::string>{"http://a.test/feed", "http://a.test/p1", "http://a.test/p2"}));
}

TEST(CrawlScheduler, RewindNeverHandsOutAnItemInFlight) {
  FakeCrawlStore store;
  core::FakeClock clock(kStart);
  ASSERT_TRUE(store.Enqueue(Pages("http://a.test", 3), 1, storage::EnqueuePolicy::kForce).ok());
  CrawlScheduler scheduler(store, Polite(), clock);
  ASSERT_TRUE(scheduler.LoadOrigins().ok());
  auto first = *scheduler.PeekNext("http://a.test");
  scheduler.TakeNext("http://a.test");
  scheduler.Rewind("http://a.test");
  EXPECT_EQ(Drain(scheduler, "http://a.test"),
            (std::vector<std::string>{"http://a.test/p1", "http://a.test/p2"}));
  // Once done but left in the store (a retry), it comes back after a rewind.
  scheduler.OnItemDone("http://a.test", first->key);
  scheduler.Rewind("http://a.test");
  EXPECT_EQ(Drain(scheduler, "http://a.test"), std::vector<std::string>{"http://a.test/p0"});
}

TEST(CrawlScheduler, ReadyOriginsComeFirstThenByRestEnd) {
  // Given two hosts, one resting after a request, we should offer the other
  // first and wake when the rest ends.
  FakeCrawlStore store;
  core::FakeClock clock(kStart);
  ASSERT_TRUE(store.Enqueue(Pages("http://a.test", 2), 1, storage::EnqueuePolicy::kForce).ok());
  ASSERT_TRUE(store.Enqueue(Pages("http://b.test", 2), 1, storage::EnqueuePolicy::kForce).ok());
  CrawlScheduler scheduler(store, Polite(), clock);
  ASSERT_TRUE(scheduler.LoadOrigins().ok());
  HostPoliteness& a = scheduler.Politeness("http://a.test");
  ASSERT_TRUE(a.OnStart());
  a.OnFinish({false, 200, std::chrono::microseconds(1'000), std::nullopt});
  EXPECT_EQ(scheduler.OriginsWithWork(),
            (std::vector<std::string>{"http://b.test", "http://a.test"}));
  EXPECT_LE(scheduler.NextWake(), clock.Now());  // b may start now
  ASSERT_TRUE(scheduler.Politeness("http://b.test").OnStart());
  EXPECT_EQ(scheduler.NextWake(), kStart + std::chrono::seconds(1));  // a's rest; b is busy
}

TEST(CrawlScheduler, DroppedHostHasNoWorkButKeepsItsItems) {
  FakeCrawlStore store;
  core::FakeClock clock(kStart);
  ASSERT_TRUE(store.Enqueue(Pages("http://a.test", 2), 1, storage::EnqueuePolicy::kForce).ok());
  PolitenessOptions options = Polite();
  options.max_consecutive_failures = 1;
  CrawlScheduler scheduler(store, options, clock);
  ASSERT_TRUE(scheduler.LoadOrigins().ok());
  HostPoliteness& a = scheduler.Politeness("http://a.test");
  ASSERT_TRUE(a.OnStart());
  a.OnFinish({true, 0, std::chrono::microseconds(0), std::nullopt});
  EXPECT_TRUE(a.IsDropped());
  EXPECT_FALSE(scheduler.HasWork());
  EXPECT_TRUE(scheduler.OriginsWithWork().empty());
  EXPECT_EQ(scheduler.NextWake(), core::Timestamp::max());
  EXPECT_EQ(*store.FrontierSize(), 2u);
}

}  // namespace
}  // namespace newsvault::crawler
