// Tests for OpenOptions::Durability::kGroupCommit (storage/archive.h): writes
// go unsynced and a background thread fsyncs the write-ahead log; the archive
// must read back the same as with synced writes, from several threads, and
// close promptly whatever the interval.
#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "storage/archive.h"
#include "storage/crawl_store.h"
#include "tests/support/process.h"
#include "tests/unit/storage/archive_test_util.h"

namespace newsvault::storage {
namespace {

using archive_test::At;
using archive_test::HtmlExchange;
using archive_test::MakeArticle;
using newsvault::testing::TempDir;

OpenOptions GroupCommit(std::chrono::milliseconds interval = std::chrono::milliseconds(200)) {
  OpenOptions options;
  options.durability = Durability::kGroupCommit;
  options.group_commit_interval = interval;
  return options;
}

std::unique_ptr<Archive> MustOpen(const std::string& path, const OpenOptions& options) {
  auto opened = OpenArchive(path, options);
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  return opened.ok() ? std::move(*opened) : nullptr;
}

std::string StoryUrl(int i) { return "https://news.example/story/" + std::to_string(i); }

// Stores capture `i` through the crawl store, discovering two links.
void StoreCrawled(Archive& archive, int i) {
  CrawlUpdate update;
  update.run_id = 1;
  update.done_url = StoryUrl(i);
  update.is_article = true;
  for (int k = 0; k < 2; ++k) {
    update.discovered.push_back(
        FrontierEntry{"https://news.example/link/" + std::to_string(i) + "/" + std::to_string(k),
                      "site", FrontierKind::kPage, 1, 0, ""});
  }
  core::Article article = MakeArticle("Story " + std::to_string(i), "Body " + std::to_string(i));
  auto stored = archive.Crawl().StoreCrawledCapture(
      HtmlExchange(StoryUrl(i), "<p>story " + std::to_string(i) + "</p>", At(1'000'000 + i)),
      &article, update);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->enqueued.size(), 2u);
}

// Given captures and crawl bookkeeping written in group-commit mode, after
// close and reopen we should read every one of them back.
TEST(GroupCommit, WritesAreReadableAfterCloseAndReopen) {
  TempDir dir;
  const std::string path = dir.Join("db");
  {
    auto archive = MustOpen(path, GroupCommit());
    ASSERT_NE(archive, nullptr);
    for (int i = 0; i < 20; ++i) StoreCrawled(*archive, i);
    auto plain = archive->StoreCapture(
        HtmlExchange("https://news.example/plain", "<p>plain</p>", At(5'000'000)), nullptr);
    ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  }
  auto archive = MustOpen(path, {.create_if_missing = false});
  ASSERT_NE(archive, nullptr);
  auto stats = archive->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->captures, 21u);
  EXPECT_EQ(stats->versions, 20u);
  for (int i = 0; i < 20; ++i) {
    auto versions = archive->Versions(StoryUrl(i));
    ASSERT_TRUE(versions.ok());
    ASSERT_EQ(versions->size(), 1u) << StoryUrl(i);
    EXPECT_EQ((*versions)[0].article.title, "Story " + std::to_string(i));
  }
  EXPECT_EQ(*archive->Crawl().FrontierSize(), 40u);
  auto frontier = archive->Crawl().PeekFrontier("https://news.example", "", 100);
  ASSERT_TRUE(frontier.ok());
  EXPECT_EQ(frontier->size(), 40u);
}

// Given a group-commit archive reopened in group-commit mode (the next crawl
// run), we should append to what the first open stored.
TEST(GroupCommit, ReopenedArchiveKeepsGrowing) {
  TempDir dir;
  const std::string path = dir.Join("db");
  for (int round = 0; round < 3; ++round) {
    auto archive = MustOpen(path, GroupCommit());
    ASSERT_NE(archive, nullptr);
    for (int i = 0; i < 5; ++i) StoreCrawled(*archive, round * 5 + i);
  }
  auto archive = MustOpen(path, {.create_if_missing = false, .read_only = true});
  ASSERT_NE(archive, nullptr);
  EXPECT_EQ(archive->Stats()->captures, 15u);
  EXPECT_EQ(*archive->Crawl().FrontierSize(), 30u);
}

// Given several threads storing at once (the crawler's workers), every
// capture should be stored exactly once and the counters agree.
TEST(GroupCommit, ConcurrentWritersLoseNothing) {
  TempDir dir;
  const std::string path = dir.Join("db");
  constexpr int kThreads = 4;
  constexpr int kEach = 25;
  {
    auto archive = MustOpen(path, GroupCommit(std::chrono::milliseconds(5)));
    ASSERT_NE(archive, nullptr);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&archive, t] {
        for (int i = 0; i < kEach; ++i) StoreCrawled(*archive, t * kEach + i);
      });
    }
    for (auto& thread : threads) thread.join();
  }
  auto archive = MustOpen(path, {.create_if_missing = false});
  ASSERT_NE(archive, nullptr);
  EXPECT_EQ(archive->Stats()->captures, static_cast<uint64_t>(kThreads * kEach));
  std::set<std::string> urls;
  ASSERT_TRUE(archive
                  ->ForEachCapture({},
                                   [&](const CaptureRecord& c) {
                                     EXPECT_TRUE(urls.insert(c.url).second) << c.url;
                                     return core::Status::Ok();
                                   })
                  .ok());
  EXPECT_EQ(urls.size(), static_cast<size_t>(kThreads * kEach));
  EXPECT_EQ(*archive->Crawl().FrontierSize(), static_cast<uint64_t>(2 * kThreads * kEach));
}

// Given a long interval, closing should not wait for the next round: the
// background thread is woken and the last writes are synced at once.
TEST(GroupCommit, CloseDoesNotWaitForTheInterval) {
  TempDir dir;
  const std::string path = dir.Join("db");
  auto archive = MustOpen(path, GroupCommit(std::chrono::hours(1)));
  ASSERT_NE(archive, nullptr);
  StoreCrawled(*archive, 1);
  auto start = std::chrono::steady_clock::now();
  archive.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  auto reopened = MustOpen(path, {.create_if_missing = false});
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->Stats()->captures, 1u);
}

// Given group commit asked for on a read-only open, we should open normally
// (there is nothing to sync) and still refuse writes.
TEST(GroupCommit, IsIgnoredWhenReadOnly) {
  TempDir dir;
  const std::string path = dir.Join("db");
  { ASSERT_NE(MustOpen(path, {}), nullptr); }
  OpenOptions options = GroupCommit();
  options.read_only = true;
  auto archive = MustOpen(path, options);
  ASSERT_NE(archive, nullptr);
  auto stored = archive->StoreCapture(
      HtmlExchange("https://news.example/x", "<p>x</p>", At(1'000'000)), nullptr);
  ASSERT_FALSE(stored.ok());
  EXPECT_EQ(stored.status().code(), core::StatusCode::kInvalidArgument)
      << stored.status().ToString();
}

}  // namespace
}  // namespace newsvault::storage
