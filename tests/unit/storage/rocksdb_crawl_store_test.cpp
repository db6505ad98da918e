// Tests for the crawl state kept in the RocksDB archive
// (storage/rocksdb_crawl_store through Archive::Crawl()), on a real database
// in a temporary directory.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "storage/crawl_store.h"
#include "storage/rocksdb_archive.h"
#include "tests/support/process.h"
#include "tests/unit/storage/archive_test_util.h"

namespace newsvault::storage {
namespace {

using archive_test::At;
using archive_test::HtmlExchange;
using archive_test::MakeArticle;
using newsvault::testing::TempDir;

FrontierEntry Page(std::string url, int depth = 1) {
  return FrontierEntry{std::move(url), "site", FrontierKind::kPage, depth, 0, ""};
}

FrontierEntry Of(FrontierKind kind, std::string url) {
  return FrontierEntry{std::move(url), "site", kind, 1, 0, ""};
}

std::vector<std::string> Urls(const std::vector<FrontierItem>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) out.push_back(item.entry.url);
  return out;
}

class CrawlStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }
  void Open(OpenOptions options = {}) {
    archive_.reset();
    auto opened = OpenArchive(dir_.path(), options);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    archive_ = std::move(*opened);
  }
  CrawlStore& crawl() { return archive_->Crawl(); }

  std::vector<std::string> Add(const std::vector<FrontierEntry>& entries, uint64_t run,
                               EnqueuePolicy policy = EnqueuePolicy::kOncePerRun) {
    auto added = crawl().Enqueue(entries, run, policy);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? Urls(*added) : std::vector<std::string>{};
  }
  std::vector<FrontierItem> Peek(const std::string& origin, const std::string& after = "",
                                 size_t limit = 100) {
    auto items = crawl().PeekFrontier(origin, after, limit);
    EXPECT_TRUE(items.ok()) << items.status().ToString();
    return items.ok() ? *items : std::vector<FrontierItem>{};
  }
  uint64_t Size() { return *crawl().FrontierSize(); }
  // Fetches the one frontier item of `url` with no capture.
  void Finish(const std::string& url, uint64_t run) {
    for (const FrontierItem& item : Peek(*OriginOf(url))) {
      if (item.entry.url != url) continue;
      CrawlUpdate update;
      update.run_id = run;
      update.done_key = item.key;
      update.done_url = url;
      ASSERT_TRUE(crawl().FinishFetch(update).ok());
      return;
    }
    FAIL() << url << " is not in the frontier";
  }
  // Stores a capture of the frontier item of `url`.
  core::Result<CrawledCaptureOutcome> Capture(const std::string& url, uint64_t run, bool is_article,
                                              std::vector<FrontierEntry> discovered = {}) {
    CrawlUpdate update;
    update.run_id = run;
    update.done_url = url;
    update.is_article = is_article;
    update.discovered = std::move(discovered);
    for (const FrontierItem& item : Peek(*OriginOf(url))) {
      if (item.entry.url == url) update.done_key = item.key;
    }
    core::Article article = MakeArticle("T", "Body");
    return crawl().StoreCrawledCapture(HtmlExchange(url, "<p>x</p>", At(1000 + ++clock_)),
                                       is_article ? &article : nullptr, update);
  }

  TempDir dir_;
  std::unique_ptr<Archive> archive_;
  int clock_ = 0;
};

const std::string kA = "https://a.example";

// Given each state of the dedup rule, Enqueue should add or skip as
// crawl_store.h says.
TEST_F(CrawlStoreTest, EnqueueAppliesTheDedupRule) {
  EXPECT_EQ(Add({Page(kA + "/p")}, 1), std::vector<std::string>{kA + "/p"});  // never seen
  EXPECT_TRUE(Add({Page(kA + "/p")}, 1).empty());                             // queued
  EXPECT_TRUE(Add({Page(kA + "/p")}, 1, EnqueuePolicy::kForce).empty());      // queued, forced
  Finish(kA + "/p", 1);
  EXPECT_TRUE(Add({Page(kA + "/p")}, 1).empty());   // page fetched in this run
  EXPECT_EQ(Add({Page(kA + "/p")}, 2).size(), 1u);  // page fetched in an earlier run
  Finish(kA + "/p", 2);
  EXPECT_EQ(Add({Page(kA + "/p")}, 2, EnqueuePolicy::kForce).size(), 1u);  // forced

  Add({Page(kA + "/article")}, 1);
  ASSERT_TRUE(Capture(kA + "/article", 1, /*is_article=*/true).ok());
  EXPECT_TRUE(Add({Page(kA + "/article")}, 1).empty());  // known article
  EXPECT_TRUE(Add({Page(kA + "/article")}, 9).empty());  // in any later run too
  EXPECT_EQ(Add({Of(FrontierKind::kRevisit, kA + "/article")}, 9, EnqueuePolicy::kForce).size(),
            1u);  // a revisit is forced
}

TEST_F(CrawlStoreTest, DuplicatesWithinOneCallCollapse) {
  EXPECT_EQ(Add({Page(kA + "/x"), Page(kA + "/y"), Page(kA + "/x")}, 1),
            (std::vector<std::string>{kA + "/x", kA + "/y"}));
  EXPECT_EQ(Size(), 2u);
}

TEST_F(CrawlStoreTest, ConcurrentEnqueuesAddAUrlOnce) {
  std::atomic<int> added{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        auto got =
            crawl().Enqueue({Page(kA + "/n" + std::to_string(i))}, 1, EnqueuePolicy::kOncePerRun);
        if (got.ok()) added += static_cast<int>(got->size());
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(added.load(), 50);
  EXPECT_EQ(Size(), 50u);
}

TEST_F(CrawlStoreTest, PeekFrontierGivesFeedsThenRevisitsThenPagesByDepth) {
  Add({Page(kA + "/deep", 3), Page(kA + "/near", 1), Of(FrontierKind::kFeed, kA + "/feed"),
       Of(FrontierKind::kRevisit, kA + "/old"), Of(FrontierKind::kSitemap, kA + "/sitemap.xml"),
       Page(kA + "/near2", 1), Page(kA + "/seed", 0)},
      1, EnqueuePolicy::kForce);
  std::vector<FrontierItem> items = Peek(kA);
  EXPECT_EQ(Urls(items),
            (std::vector<std::string>{kA + "/feed", kA + "/sitemap.xml", kA + "/old", kA + "/seed",
                                      kA + "/near", kA + "/near2", kA + "/deep"}));
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0].origin, kA);
  EXPECT_EQ(items[0].entry.kind, FrontierKind::kFeed);
}

TEST_F(CrawlStoreTest, PeekFrontierPagesWithAfterKeyAndStaysInItsOrigin) {
  for (int i = 0; i < 5; ++i) Add({Page(kA + "/" + std::to_string(i))}, 1);
  Add({Page("https://a.example:8443/other"), Page("https://b.example/other")}, 1);
  std::vector<std::string> seen;
  std::string after;
  for (;;) {
    std::vector<FrontierItem> page = Peek(kA, after, 2);
    if (page.empty()) break;
    EXPECT_LE(page.size(), 2u);
    for (const auto& item : page) seen.push_back(item.entry.url);
    after = page.back().key;
  }
  EXPECT_EQ(seen,
            (std::vector<std::string>{kA + "/0", kA + "/1", kA + "/2", kA + "/3", kA + "/4"}));
}

TEST_F(CrawlStoreTest, FrontierOriginsListsEachOriginWithEntriesOnce) {
  Add({Page("https://b.example/1"), Page(kA + "/1"), Page("https://b.example/2"),
       Page("http://a.example/1"), Page("https://a.example:8443/1"), Page(kA + "/2")},
      1);
  EXPECT_EQ(*crawl().FrontierOrigins(),
            (std::vector<std::string>{"http://a.example", kA, "https://a.example:8443",
                                      "https://b.example"}));
  Finish("http://a.example/1", 1);
  EXPECT_EQ(*crawl().FrontierOrigins(),
            (std::vector<std::string>{kA, "https://a.example:8443", "https://b.example"}));
}

TEST_F(CrawlStoreTest, FrontierSizeIsExactAndSurvivesAReopen) {
  EXPECT_EQ(Size(), 0u);
  Add({Page(kA + "/1"), Page(kA + "/2"), Page(kA + "/3")}, 1);
  EXPECT_EQ(Size(), 3u);
  CrawlUpdate update;
  update.run_id = 1;
  update.done_key = Peek(kA)[0].key;
  update.done_url = kA + "/1";
  ASSERT_TRUE(crawl().FinishFetch(update).ok());
  ASSERT_TRUE(crawl().FinishFetch(update).ok());  // finishing twice counts once
  EXPECT_EQ(Size(), 2u);
  Open();
  EXPECT_EQ(Size(), 2u);
  // The sequence number persisted too: a page added now comes after the old ones.
  Add({Page(kA + "/4")}, 1);
  EXPECT_EQ(Urls(Peek(kA)), (std::vector<std::string>{kA + "/2", kA + "/3", kA + "/4"}));
}

TEST_F(CrawlStoreTest, EnqueueRejectsAUrlWithoutAnOrigin) {
  auto added = crawl().Enqueue({Page(kA + "/ok"), Page("mailto:x@example.com")}, 1,
                               EnqueuePolicy::kOncePerRun);
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.error().code(), core::StatusCode::kInvalidArgument);
  EXPECT_EQ(Size(), 0u) << "nothing of a failed call is written";
}

// Given a capture stored with its crawl update, after a reopen the frontier
// item should be gone and the discovered links, capture and marks present.
TEST_F(CrawlStoreTest, StoreCrawledCaptureWritesCaptureAndBookkeepingTogether) {
  Add({Page(kA + "/front", 0)}, 1);
  auto stored = Capture(kA + "/front", 1, /*is_article=*/false,
                        {Page(kA + "/story", 1), Page("https://b.example/x", 1),
                         Page("javascript:void(0)", 1), Page(kA + "/front", 1)});
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(Urls(stored->enqueued),
            (std::vector<std::string>{kA + "/story", "https://b.example/x"}))
      << "a bad link is skipped, the page itself is already fetched";
  EXPECT_TRUE(stored->stored.new_payload);

  Open();
  EXPECT_EQ(Urls(Peek(kA)), std::vector<std::string>{kA + "/story"});
  EXPECT_EQ(Urls(Peek("https://b.example")), std::vector<std::string>{"https://b.example/x"});
  EXPECT_EQ(Size(), 2u);
  EXPECT_EQ(archive_->Captures(kA + "/front")->size(), 1u);
  EXPECT_EQ(archive_->Stats()->captures, 1u);
  EXPECT_TRUE(Add({Page(kA + "/front")}, 1).empty()) << "marked fetched in run 1";
}

TEST_F(CrawlStoreTest, StoreCrawledCaptureKeepsArticleVersionsAndValidators) {
  Add({Page(kA + "/story")}, 1);
  CrawlUpdate update;
  update.run_id = 1;
  update.done_key = Peek(kA)[0].key;
  update.done_url = kA + "/story";
  update.is_article = true;
  update.validators = Validators{"\"v1\"", "Tue, 04 Feb 2025 10:00:00 GMT"};
  core::Article article = MakeArticle("Title", "Body");
  auto stored =
      crawl().StoreCrawledCapture(HtmlExchange(kA + "/story", "<p>b</p>", At(5)), &article, update);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->stored.version, 1u);
  EXPECT_TRUE(stored->stored.new_version);
  Open();
  auto validators = crawl().GetValidators(kA + "/story");
  ASSERT_TRUE(validators.ok() && validators->has_value());
  EXPECT_EQ((*validators)->etag, "\"v1\"");
  EXPECT_EQ((*validators)->last_modified, "Tue, 04 Feb 2025 10:00:00 GMT");
  EXPECT_FALSE(crawl().GetValidators(kA + "/other")->has_value());
  EXPECT_EQ(archive_->Versions(kA + "/story")->size(), 1u);
}

TEST_F(CrawlStoreTest, BeginRunResumesARunThatNeverEnded) {
  auto first = crawl().BeginRun(At(100));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->id, 1u);
  EXPECT_FALSE(first->resumed);
  Open();  // the process was killed
  auto again = crawl().BeginRun(At(200));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, 1u);
  EXPECT_TRUE(again->resumed);
  EXPECT_EQ(again->started, At(100));
  ASSERT_TRUE(crawl().EndRun(1, At(300), "{\"captures\":0}").ok());
  Open();
  auto next = crawl().BeginRun(At(400));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->id, 2u);
  EXPECT_FALSE(next->resumed);
  EXPECT_EQ(crawl().EndRun(9, At(500), "{}").code(), core::StatusCode::kNotFound);
}

RevisitState Revisit(const std::string& url, core::Timestamp due) {
  return RevisitState{url, "site", At(1), At(2), due};
}

TEST_F(CrawlStoreTest, DueRevisitsComeInDueOrderAndAReplacedDueTimeMoves) {
  auto set = [&](const std::string& url, core::Timestamp due) {
    Add({Page(url)}, 1, EnqueuePolicy::kForce);
    CrawlUpdate update;
    update.run_id = 1;
    update.done_url = url;
    update.done_key = Peek(*OriginOf(url)).front().key;
    update.is_article = true;
    update.revisit = Revisit(url, due);
    ASSERT_TRUE(
        crawl().StoreCrawledCapture(HtmlExchange(url, "b", At(++clock_)), nullptr, update).ok());
  };
  set(kA + "/late", At(3000));
  set(kA + "/early", At(1000));
  set(kA + "/never", core::Timestamp::max());
  set(kA + "/moved", At(500));
  set(kA + "/moved", At(2000));  // replaces the due time 500

  auto due = [&](core::Timestamp now, bool all) {
    std::vector<std::string> out;
    EXPECT_TRUE(crawl()
                    .ForEachDueRevisit(now, all,
                                       [&](const RevisitState& s) {
                                         out.push_back(s.url);
                                         return core::Status::Ok();
                                       })
                    .ok());
    return out;
  };
  EXPECT_EQ(due(At(600), false), std::vector<std::string>{});
  EXPECT_EQ(due(At(2000), false), (std::vector<std::string>{kA + "/early", kA + "/moved"}));
  EXPECT_EQ(due(At(0), true),
            (std::vector<std::string>{kA + "/early", kA + "/moved", kA + "/late"}));
  auto moved = crawl().GetRevisit(kA + "/moved");
  ASSERT_TRUE(moved.ok() && moved->has_value());
  EXPECT_EQ((*moved)->due, At(2000));
  EXPECT_EQ((*crawl().GetRevisit(kA + "/never"))->due, core::Timestamp::max());
  EXPECT_FALSE(crawl().GetRevisit(kA + "/none")->has_value());

  int calls = 0;
  core::Status stopped = crawl().ForEachDueRevisit(At(0), true, [&](const RevisitState&) {
    ++calls;
    return core::Status::Cancelled("enough");
  });
  EXPECT_EQ(stopped.code(), core::StatusCode::kCancelled);
  EXPECT_EQ(calls, 1);
}

TEST_F(CrawlStoreTest, RobotsCacheRoundTripsAcrossAReopen) {
  EXPECT_FALSE(crawl().GetRobots(kA)->has_value());
  RobotsCacheEntry entry{At(77), 200, false, "User-agent: *\nDisallow: /private\n"};
  ASSERT_TRUE(crawl().PutRobots(kA, entry).ok());
  ASSERT_TRUE(crawl().PutRobots("http://b.example", {At(78), 0, true, ""}).ok());
  Open();
  auto got = crawl().GetRobots(kA);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->fetched, At(77));
  EXPECT_EQ((*got)->status_code, 200);
  EXPECT_FALSE((*got)->network_error);
  EXPECT_EQ((*got)->body, entry.body);
  EXPECT_TRUE((*crawl().GetRobots("http://b.example"))->network_error);
}

// Given a robots.txt capture stored with its origin's cache entry, both are
// there together: a kill can never leave the capture without the cache entry
// (which would make the next run fetch and store robots.txt again).
TEST_F(CrawlStoreTest, StoreCrawledCaptureWritesTheRobotsCacheEntryInTheSameBatch) {
  CrawlUpdate update;
  update.run_id = 1;
  update.robots_origin = kA;
  update.robots = RobotsCacheEntry{At(90), 200, false, "User-agent: *\nAllow: /\n"};
  auto stored = crawl().StoreCrawledCapture(
      HtmlExchange(std::string(kA) + "/robots.txt", "User-agent: *\nAllow: /\n", At(90)), nullptr,
      update);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  Open();
  auto got = crawl().GetRobots(kA);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->fetched, At(90));
  EXPECT_EQ((*got)->body, "User-agent: *\nAllow: /\n");
  EXPECT_EQ(archive_->Captures(std::string(kA) + "/robots.txt")->size(), 1u);
}

TEST_F(CrawlStoreTest, ReadOnlyArchiveReadsCrawlStateButRefusesWrites) {
  Add({Page(kA + "/1")}, 1);
  Open({.create_if_missing = false, .read_only = true});
  EXPECT_EQ(Size(), 1u);
  EXPECT_EQ(Urls(Peek(kA)), std::vector<std::string>{kA + "/1"});
  EXPECT_EQ(crawl().Enqueue({Page(kA + "/2")}, 1, EnqueuePolicy::kForce).error().code(),
            core::StatusCode::kInvalidArgument);
  EXPECT_EQ(crawl().BeginRun(At(1)).error().code(), core::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace newsvault::storage
