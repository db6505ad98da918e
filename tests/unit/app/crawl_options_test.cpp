// The crawl config and the `crawl` flags become the crawler's options
// (app/crawl_options.h).
#include "app/crawl_options.h"

#include <string>

#include <gtest/gtest.h>

namespace newsvault::app {
namespace {

using std::chrono::milliseconds;

constexpr std::string_view kConfig = R"toml(
[archive]
path = "/srv/news"

[crawl]
user_agent = "vaultbot"
contact = "https://example.org/bot"
concurrency = 7
connections_per_host = 2
min_delay = "250ms"
delay_factor = 1.5
max_delay = "9s"
respect_robots = false
allow_private_addresses = true
max_pages = 500
max_time = "10m"
revisit = ["1h:5m", "1d:2h"]

[[site]]
name = "alpha"
seeds = ["https://alpha.example/"]
feeds = ["https://alpha.example/rss"]
sitemaps = ["https://alpha.example/sitemap.xml"]
allow = ['^https://alpha\.example/news/']
deny = ['\.pdf$']
article_pattern = '/\d{4}/'
max_depth = 5

[[site]]
name = "beta"
seeds = ["https://beta.example/"]

[[site]]
name = "gamma"
seeds = ["https://gamma.example/"]
)toml";

config::CrawlConfig Config(std::string_view text = kConfig) {
  core::Result<config::CrawlConfig> c = config::ParseCrawlConfig(text, "test.toml");
  EXPECT_TRUE(c.ok()) << c.error().message();
  return *c;
}

TEST(CrawlUserAgent, CarriesProductVersionAndContact) {
  EXPECT_EQ(CrawlUserAgent("newsvault", "0.1.0", "https://example.org/bot"),
            "newsvault/0.1.0 (+https://example.org/bot)");
  EXPECT_EQ(CrawlUserAgent("newsvault", "0.1.0", ""), "newsvault/0.1.0");
}

TEST(MakeCrawlerOptions, MapsEveryCrawlKeyOntoTheCrawler) {
  core::Result<crawler::CrawlerOptions> o = MakeCrawlerOptions(Config(), {}, "9.8.7");
  ASSERT_TRUE(o.ok()) << o.error().message();
  EXPECT_EQ(o->user_agent, "vaultbot/9.8.7 (+https://example.org/bot)");
  EXPECT_EQ(o->fetch.user_agent, o->user_agent);
  EXPECT_EQ(o->concurrency, 7);
  EXPECT_EQ(o->politeness.connections_per_host, 2);
  EXPECT_EQ(o->politeness.min_delay, milliseconds(250));
  EXPECT_DOUBLE_EQ(o->politeness.delay_factor, 1.5);
  EXPECT_EQ(o->politeness.max_delay, milliseconds(9'000));
  EXPECT_FALSE(o->respect_robots);
  EXPECT_TRUE(o->allow_private_addresses);
  EXPECT_EQ(o->max_pages, 500);
  EXPECT_EQ(o->max_time, milliseconds(600'000));
  ASSERT_EQ(o->revisit.size(), 2u);
  EXPECT_EQ(o->revisit[0].age, milliseconds(3'600'000));
  EXPECT_EQ(o->revisit[0].interval, milliseconds(300'000));
  EXPECT_EQ(o->revisit[1].age, milliseconds(86'400'000));
  EXPECT_EQ(o->revisit[1].interval, milliseconds(7'200'000));
  EXPECT_FALSE(o->revisit_all);
}

TEST(MakeCrawlerOptions, CopiesEachSiteInFileOrder) {
  core::Result<crawler::CrawlerOptions> o = MakeCrawlerOptions(Config(), {}, "1");
  ASSERT_TRUE(o.ok());
  ASSERT_EQ(o->sites.size(), 3u);
  const crawler::CrawlSite& alpha = o->sites[0];
  EXPECT_EQ(alpha.name, "alpha");
  EXPECT_EQ(alpha.seeds, std::vector<std::string>{"https://alpha.example/"});
  EXPECT_EQ(alpha.feeds, std::vector<std::string>{"https://alpha.example/rss"});
  EXPECT_EQ(alpha.sitemaps, std::vector<std::string>{"https://alpha.example/sitemap.xml"});
  EXPECT_EQ(alpha.allow, std::vector<std::string>{R"(^https://alpha\.example/news/)"});
  EXPECT_EQ(alpha.deny, std::vector<std::string>{R"(\.pdf$)"});
  EXPECT_EQ(alpha.article_pattern, R"(/\d{4}/)");
  EXPECT_EQ(alpha.max_depth, 5);
  EXPECT_EQ(o->sites[1].name, "beta");
  EXPECT_EQ(o->sites[2].name, "gamma");
  // The config's default scope: the seed's origin.
  EXPECT_EQ(o->sites[1].allow, config::DefaultAllowPatterns({"https://beta.example/"}));
}

TEST(MakeCrawlerOptions, FlagsOverrideTheBudgetsAndAskForEveryRevisit) {
  CrawlFlags flags;
  flags.max_pages = 0;
  flags.max_time = milliseconds(90'000);
  flags.revisit_all = true;
  core::Result<crawler::CrawlerOptions> o = MakeCrawlerOptions(Config(), flags, "1");
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->max_pages, 0);
  EXPECT_EQ(o->max_time, milliseconds(90'000));
  EXPECT_TRUE(o->revisit_all);
}

TEST(MakeCrawlerOptions, SiteFlagsSelectSitesKeepingFileOrder) {
  CrawlFlags flags;
  flags.sites = {"gamma", "alpha"};
  core::Result<crawler::CrawlerOptions> o = MakeCrawlerOptions(Config(), flags, "1");
  ASSERT_TRUE(o.ok());
  ASSERT_EQ(o->sites.size(), 2u);
  EXPECT_EQ(o->sites[0].name, "alpha");
  EXPECT_EQ(o->sites[1].name, "gamma");
}

TEST(MakeCrawlerOptions, UnknownSiteIsAnErrorNamingTheKnownSites) {
  CrawlFlags flags;
  flags.sites = {"alpha", "delta"};
  core::Result<crawler::CrawlerOptions> o = MakeCrawlerOptions(Config(), flags, "1");
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.error().code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(o.error().message().find("\"delta\""), std::string::npos) << o.error().message();
  EXPECT_NE(o.error().message().find("known sites: alpha, beta, gamma"), std::string::npos)
      << o.error().message();
}

TEST(MakeCrawlerOptions, ConfigDefaultsGiveTheIssueDefaults) {
  // Given a config with only a site, we should crawl with the documented
  // defaults: 1 s apart, 32 transfers, robots obeyed, private addresses refused.
  core::Result<crawler::CrawlerOptions> o = MakeCrawlerOptions(
      Config("[[site]]\nname = \"x\"\nseeds = [\"https://x.example/\"]\n"), {}, "0.1.0");
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->user_agent, "newsvault/0.1.0");
  EXPECT_EQ(o->concurrency, 32);
  EXPECT_EQ(o->politeness.connections_per_host, 1);
  EXPECT_EQ(o->politeness.min_delay, milliseconds(1'000));
  EXPECT_TRUE(o->respect_robots);
  EXPECT_FALSE(o->allow_private_addresses);
  EXPECT_EQ(o->max_pages, 0);
  EXPECT_EQ(o->revisit.size(), config::DefaultRevisitSchedule().size());
}

}  // namespace
}  // namespace newsvault::app
