// The crawl engine (crawler::Crawler, real CurlMultiFetcher, real RocksDB)
// against the three-host NewsFixtureSite (tests/support/news_fixture_site.h):
// everything is judged from the servers' request logs and the archive. The
// CLI-level tests of the same fixture (SIGKILL resume, per-host spacing) live
// in the `newsvault crawl` tests; these check the engine API's counts.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/url.h"
#include "crawler/crawler.h"
#include "crawler/curl_multi_fetcher.h"
#include "storage/archive.h"
#include "tests/support/news_fixture_site.h"
#include "tests/support/process.h"

namespace newsvault::crawler {
namespace {

using std::chrono::milliseconds;

class NullSink : public CrawlEventSink {
 public:
  void OnEvent(const CrawlEvent&) override {}
  void OnProgress(const CrawlProgress&) override {}
};

class CrawlerFixtureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto archive = storage::OpenArchive(dir_.Join("archive"));
    ASSERT_TRUE(archive.ok()) << archive.error().ToString();
    archive_ = std::move(archive).value();
  }

  CrawlerOptions Options() const {
    CrawlerOptions options;
    for (int host = 0; host < site_.HostCount(); ++host) {
      CrawlSite crawl_site;
      crawl_site.name = site_.hosts()[static_cast<size_t>(host)].name;
      crawl_site.seeds = {site_.Url(host, "/")};
      crawl_site.max_depth = 3;
      options.sites.push_back(crawl_site);
    }
    options.user_agent = "newsvault/0.1.0 (+https://example.org/bot)";
    options.concurrency = 8;
    options.politeness.min_delay = milliseconds(20);
    options.politeness.delay_factor = 0;
    options.politeness.max_delay = milliseconds(100);
    options.allow_private_addresses = true;
    options.revisit = {{std::chrono::hours(3), std::chrono::minutes(15)}};
    options.worker_threads = 2;
    return options;
  }

  CrawlSummary Crawl(const CrawlerOptions& options) {
    CurlMultiFetcher fetcher;
    Crawler crawler(options, fetcher, *archive_, core::SystemClock::Default());
    std::atomic<bool> stop{false};
    NullSink sink;
    auto summary = crawler.Run(stop, sink);
    EXPECT_TRUE(summary.ok()) << summary.error().ToString();
    return summary.ok() ? *summary : CrawlSummary{};
  }

  // Requests per "address path?query".
  std::map<std::string, int> Counts() const {
    std::map<std::string, int> counts;
    for (const testing::FixtureRequest& request : site_.Requests()) {
      ++counts[request.address + " " + request.target];
    }
    return counts;
  }
  static std::string KeyOf(const std::string& url) {
    const core::Url parsed = core::Url::Parse(url).value();
    return parsed.host() + " " + parsed.path();
  }

  testing::NewsFixtureSite site_;
  testing::TempDir dir_;
  std::unique_ptr<storage::Archive> archive_;
};

TEST_F(CrawlerFixtureTest, EveryArticleIsStoredOnceAndNothingDisallowedIsAsked) {
  const CrawlSummary summary = Crawl(Options());
  EXPECT_EQ(summary.stop_reason, "frontier empty") << summary.ToJson();
  const std::vector<std::string> articles = site_.ArticleUrls();
  EXPECT_EQ(summary.new_articles, articles.size()) << summary.ToJson();
  const std::map<std::string, int> counts = Counts();
  const std::vector<std::string> flaky = site_.ArticleUrls(testing::FixtureListing::kFlaky);
  for (const std::string& url : articles) {
    auto versions = archive_->Versions(url);
    ASSERT_TRUE(versions.ok());
    EXPECT_EQ(versions->size(), 1u) << url;
    const bool is_flaky = std::find(flaky.begin(), flaky.end(), url) != flaky.end();
    // The flaky one answers 503 + Retry-After first, then 200.
    EXPECT_EQ(counts.count(KeyOf(url)) ? counts.at(KeyOf(url)) : 0, is_flaky ? 2 : 1) << url;
  }
  int calendar = 0;
  for (const testing::FixtureRequest& request : site_.Requests()) {
    EXPECT_NE(request.path.rfind("/private/", 0), 0u) << request.address << request.target;
    if (request.path.rfind("/calendar", 0) == 0) ++calendar;
  }
  // The calendar trap is cut by max_depth (3 hops from the front page).
  EXPECT_GT(calendar, 0);
  EXPECT_LE(calendar, 3);
}

TEST_F(CrawlerFixtureTest, RevisitAllAsksConditionallyAndVersionsOnlyTheChangedArticle) {
  Crawl(Options());
  const std::vector<std::string> articles = site_.ArticleUrls();
  ASSERT_FALSE(articles.empty());
  ASSERT_TRUE(site_.SetArticleBody(articles[0],
                                   "An entirely rewritten first paragraph that "
                                   "says something new about the story.\n\nAnd a "
                                   "second paragraph with more of the update."));
  site_.ClearLog();
  CrawlerOptions options = Options();
  options.revisit_all = true;
  const CrawlSummary summary = Crawl(options);
  EXPECT_EQ(summary.new_versions, 1u) << summary.ToJson();
  EXPECT_EQ(summary.new_articles, 0u) << summary.ToJson();
  EXPECT_EQ(summary.not_modified, articles.size() - 1) << summary.ToJson();
  auto changed = archive_->Versions(articles[0]);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->size(), 2u);
  // Revisits carry the validators the server sent (RFC 9110 §13.1.2).
  int conditional = 0;
  for (const testing::FixtureRequest& request : site_.Requests()) {
    for (const std::string& url : articles) {
      if (KeyOf(url) == request.address + " " + request.path && !request.if_none_match.empty()) {
        ++conditional;
      }
    }
  }
  EXPECT_EQ(conditional, static_cast<int>(articles.size()));
}

}  // namespace
}  // namespace newsvault::crawler
