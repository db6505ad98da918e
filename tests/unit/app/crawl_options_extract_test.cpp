// [site.extract] in the crawl config reaches the crawler's per-site options
// (app/crawl_options.h), so crawled pages are extracted with the overrides.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app/crawl_options.h"

namespace newsvault::app {
namespace {

TEST(MakeCrawlerOptions, CarriesEachSitesExtractOverrides) {
  core::Result<config::CrawlConfig> config = config::ParseCrawlConfig(
      "[[site]]\n"
      "name = \"plain\"\n"
      "seeds = [\"https://plain.example/\"]\n"
      "[[site]]\n"
      "name = \"custom\"\n"
      "seeds = [\"https://custom.example/\"]\n"
      "[site.extract]\n"
      "body = \"//div[@class='text']\"\n"
      "title = \"//p[@class='head']\"\n"
      "published = \"//time/@datetime\"\n"
      "authors = \"//span[@class='pen']\"\n"
      "drop = [\"//aside\", \"//div[@class='rail']\"]\n",
      "sites.toml");
  ASSERT_TRUE(config.ok()) << config.error().message();
  core::Result<crawler::CrawlerOptions> options = MakeCrawlerOptions(*config, {}, "1.0");
  ASSERT_TRUE(options.ok()) << options.error().message();
  ASSERT_EQ(options->sites.size(), 2u);
  EXPECT_TRUE(options->sites[0].extract.empty());
  const parser::ExtractOverrides& extract = options->sites[1].extract;
  EXPECT_EQ(extract.body, "//div[@class='text']");
  EXPECT_EQ(extract.title, "//p[@class='head']");
  EXPECT_EQ(extract.published, "//time/@datetime");
  EXPECT_EQ(extract.authors, "//span[@class='pen']");
  EXPECT_EQ(extract.drop, (std::vector<std::string>{"//aside", "//div[@class='rail']"}));
}

}  // namespace
}  // namespace newsvault::app
