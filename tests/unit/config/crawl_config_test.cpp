#include "config/crawl_config.h"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <string>

#include "tests/support/test_paths.h"

namespace newsvault::config {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

std::string Fixture(const std::string& name) {
  return std::string(testing::kFixturesDir) + "/config/" + name;
}

CrawlConfig MustLoad(const std::string& path) {
  core::Result<CrawlConfig> config = LoadCrawlConfig(path);
  EXPECT_TRUE(config.ok()) << config.status().ToString();
  return config.ok() ? *config : CrawlConfig{};
}

CrawlConfig MustParse(std::string_view text) {
  core::Result<CrawlConfig> config = ParseCrawlConfig(text, "test.toml");
  EXPECT_TRUE(config.ok()) << config.status().ToString();
  return config.ok() ? *config : CrawlConfig{};
}

// Given the sample TOML from the crawler issue, we should read exactly the
// values it spells out (scripts and cron jobs rely on these names).
TEST(CrawlConfig, ReadsTheIssueSample) {
  CrawlConfig config = MustLoad(Fixture("issue_sample.toml"));
  EXPECT_EQ(config.archive.path, "newsvault-data");
  const CrawlOptions& crawl = config.crawl;
  EXPECT_EQ(crawl.user_agent, "newsvault");
  EXPECT_EQ(crawl.contact, "https://example.org/bot");
  EXPECT_EQ(crawl.concurrency, 32);
  EXPECT_EQ(crawl.connections_per_host, 1);
  EXPECT_EQ(crawl.min_delay, seconds(1));
  EXPECT_DOUBLE_EQ(crawl.delay_factor, 2.0);
  EXPECT_EQ(crawl.max_delay, seconds(30));
  EXPECT_TRUE(crawl.respect_robots);
  EXPECT_FALSE(crawl.allow_private_addresses);
  EXPECT_EQ(crawl.max_pages, 0);
  EXPECT_EQ(crawl.max_time, milliseconds(0));
  const std::vector<RevisitStep> revisit = {{hours(3), minutes(15)},
                                            {hours(24), hours(1)},
                                            {hours(24 * 7), hours(3)},
                                            {hours(24 * 30), hours(24 * 3)}};
  EXPECT_EQ(crawl.revisit, revisit);
  ASSERT_EQ(config.sites.size(), 1u);
  const SiteConfig& site = config.sites[0];
  EXPECT_EQ(site.name, "example");
  EXPECT_EQ(site.seeds, std::vector<std::string>{"https://example.com/"});
  EXPECT_TRUE(site.feeds.empty());
  EXPECT_TRUE(site.sitemaps.empty());
  EXPECT_EQ(site.allow, std::vector<std::string>{R"(^https://example\.com/)"});
  EXPECT_TRUE(site.deny.empty());
  EXPECT_EQ(site.article_pattern, "");
  EXPECT_EQ(site.max_depth, 3);
}

// Given a file that sets every key to something unusual, we should read each one.
TEST(CrawlConfig, ReadsEveryKeyWhenSet) {
  CrawlConfig config = MustLoad(Fixture("custom.toml"));
  EXPECT_EQ(config.archive.path, "/var/lib/newsvault");
  const CrawlOptions& crawl = config.crawl;
  EXPECT_EQ(crawl.user_agent, "mybot");
  EXPECT_EQ(crawl.contact, "mailto:ops@example.org");
  EXPECT_EQ(crawl.concurrency, 8);
  EXPECT_EQ(crawl.connections_per_host, 2);
  EXPECT_EQ(crawl.min_delay, milliseconds(500));
  EXPECT_DOUBLE_EQ(crawl.delay_factor, 1.5);
  EXPECT_EQ(crawl.max_delay, seconds(90));
  EXPECT_FALSE(crawl.respect_robots);
  EXPECT_TRUE(crawl.allow_private_addresses);
  EXPECT_EQ(crawl.max_pages, 1000);
  EXPECT_EQ(crawl.max_time, minutes(90));
  const std::vector<RevisitStep> revisit = {{hours(1), minutes(5)}, {hours(48), hours(6)}};
  EXPECT_EQ(crawl.revisit, revisit);

  ASSERT_EQ(config.sites.size(), 2u);
  const SiteConfig& first = config.sites[0];
  EXPECT_EQ(first.name, "first");
  EXPECT_EQ(first.seeds, (std::vector<std::string>{"https://news.example.com/",
                                                   "http://example.net:8080/world/"}));
  EXPECT_EQ(first.feeds, std::vector<std::string>{"https://news.example.com/rss.xml"});
  EXPECT_EQ(first.sitemaps, std::vector<std::string>{"https://news.example.com/sitemap.xml"});
  EXPECT_EQ(first.allow,
            std::vector<std::string>{R"(^https://news\.example\.com/(world|politics)/)"});
  EXPECT_EQ(first.deny, (std::vector<std::string>{R"(\?page=\d+$)", "/tag/"}));
  EXPECT_EQ(first.article_pattern, R"(/\d{4}/\d{2}/\d{2}/)");
  EXPECT_EQ(first.max_depth, 0);
  EXPECT_EQ(config.sites[1].name, "second");
}

// Given only a site's name and seeds, every other key should take its documented default.
TEST(CrawlConfig, FillsDefaultsForMissingKeys) {
  CrawlConfig config = MustLoad(Fixture("minimal.toml"));
  const CrawlOptions defaults;
  EXPECT_EQ(config.archive.path, "newsvault-data");
  EXPECT_EQ(config.crawl.user_agent, "newsvault");
  EXPECT_EQ(config.crawl.contact, "");
  EXPECT_EQ(config.crawl.concurrency, 32);
  EXPECT_EQ(config.crawl.connections_per_host, 1);
  EXPECT_EQ(config.crawl.min_delay, seconds(1));
  EXPECT_DOUBLE_EQ(config.crawl.delay_factor, 2.0);
  EXPECT_EQ(config.crawl.max_delay, seconds(30));
  EXPECT_TRUE(config.crawl.respect_robots);
  EXPECT_FALSE(config.crawl.allow_private_addresses);
  EXPECT_EQ(config.crawl.max_pages, 0);
  EXPECT_EQ(config.crawl.max_time, milliseconds(0));
  EXPECT_EQ(config.crawl.revisit, DefaultRevisitSchedule());
  ASSERT_EQ(config.sites.size(), 1u);
  const SiteConfig& site = config.sites[0];
  EXPECT_TRUE(site.feeds.empty());
  EXPECT_TRUE(site.sitemaps.empty());
  EXPECT_TRUE(site.deny.empty());
  EXPECT_EQ(site.article_pattern, "");
  EXPECT_EQ(site.max_depth, 3);
  // allow defaults to the seeds' origins: two distinct ones among three seeds.
  EXPECT_EQ(site.allow, (std::vector<std::string>{R"(^https://example\.com/)",
                                                  R"(^http://example\.com:8080/)"}));
}

// The issue's documented default schedule: 15 min while < 3 h, 1 h while < 1 day,
// 3 h while < 7 days, 3 days while < 30 days.
TEST(CrawlConfig, DefaultRevisitScheduleIsTheDocumentedOne) {
  CrawlConfig config = MustParse(R"(
    [crawl]
    revisit = ["3h:15m", "1d:1h", "7d:3h", "30d:3d"]
  )");
  EXPECT_EQ(DefaultRevisitSchedule(), config.crawl.revisit);
  EXPECT_EQ(CrawlOptions{}.revisit, config.crawl.revisit);
}

TEST(CrawlConfig, AnEmptyDocumentIsAllDefaultsAndNoSites) {
  CrawlConfig config = MustParse("");
  EXPECT_EQ(config.archive.path, "newsvault-data");
  EXPECT_EQ(config.crawl.concurrency, 32);
  EXPECT_TRUE(config.sites.empty());
}

TEST(CrawlConfig, AnEmptyRevisitListMeansNeverRevisit) {
  CrawlConfig config = MustParse("[crawl]\nrevisit = []\n");
  EXPECT_TRUE(config.crawl.revisit.empty());
}

TEST(CrawlConfig, AcceptsAnIntegerDelayFactorAndZeroFactor) {
  EXPECT_DOUBLE_EQ(MustParse("[crawl]\ndelay_factor = 3\n").crawl.delay_factor, 3.0);
  EXPECT_DOUBLE_EQ(MustParse("[crawl]\ndelay_factor = 0\n").crawl.delay_factor, 0.0);
}

TEST(CrawlConfig, AcceptsEqualMinAndMaxDelay) {
  CrawlConfig config = MustParse("[crawl]\nmin_delay = \"0s\"\nmax_delay = \"0s\"\n");
  EXPECT_EQ(config.crawl.min_delay, milliseconds(0));
  EXPECT_EQ(config.crawl.max_delay, milliseconds(0));
}

// Given an explicit empty allow list, we should fall back to the seeds' hosts
// rather than leave the site with nothing in scope.
TEST(CrawlConfig, AnEmptyAllowListMeansTheSeedsHosts) {
  CrawlConfig config = MustParse(R"(
    [[site]]
    name = "s"
    seeds = ["https://www.example.com/a/b?c=d"]
    allow = []
  )");
  ASSERT_EQ(config.sites.size(), 1u);
  EXPECT_EQ(config.sites[0].allow, std::vector<std::string>{R"(^https://www\.example\.com/)"});
}

// Given seeds, the default allow patterns should match their own hosts and not
// lookalikes that a naive, unescaped or unanchored pattern would let in.
TEST(DefaultAllowPatterns, MatchesTheSeedHostsOnly) {
  const std::vector<std::string> patterns =
      DefaultAllowPatterns({"https://example.com/news/", "not a url", "http://[::1]:8080/"});
  ASSERT_EQ(patterns.size(), 2u);
  auto allowed = [&](const std::string& url) {
    for (const std::string& p : patterns) {
      if (std::regex_search(url, std::regex(p, std::regex::ECMAScript))) return true;
    }
    return false;
  };
  EXPECT_TRUE(allowed("https://example.com/news/story.html"));
  EXPECT_TRUE(allowed("https://example.com/"));
  EXPECT_TRUE(allowed("http://[::1]:8080/x"));
  EXPECT_FALSE(allowed("https://exampleXcom/"));
  EXPECT_FALSE(allowed("https://example.com.evil.test/"));
  EXPECT_FALSE(allowed("https://evil.test/?u=https://example.com/"));
  EXPECT_FALSE(allowed("http://example.com/"));  // another scheme is another origin
}

// Given the commented example in config/examples, it should load: it is what
// users copy, so it must never rot.
TEST(CrawlConfig, TheBundledNewsSitesExampleLoads) {
  CrawlConfig config =
      MustLoad(std::string(testing::kSourceDir) + "/config/examples/news-sites.toml");
  EXPECT_GE(config.sites.size(), 2u);
  for (const SiteConfig& site : config.sites) {
    EXPECT_FALSE(site.name.empty());
    EXPECT_FALSE(site.seeds.empty()) << site.name;
    EXPECT_FALSE(site.allow.empty()) << site.name;
  }
}

TEST(LoadCrawlConfig, AMissingFileIsNotFound) {
  core::Result<CrawlConfig> config = LoadCrawlConfig(Fixture("no-such-file.toml"));
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().code(), core::StatusCode::kNotFound);
  EXPECT_NE(config.error().message().find("no-such-file.toml"), std::string::npos);
}

TEST(LoadCrawlConfig, ADirectoryIsNotAConfigFile) {
  core::Result<CrawlConfig> config =
      LoadCrawlConfig(std::string(testing::kFixturesDir) + "/config");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().code(), core::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace newsvault::config
