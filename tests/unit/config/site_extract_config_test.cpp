// [site.extract]: per-site XPath overrides in the crawl config, parsed and
// validated at load time (config/crawl_config.h, config/xpath_syntax.h).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/crawl_config.h"
#include "config/xpath_syntax.h"

namespace newsvault::config {
namespace {

constexpr const char* kSiteHead =
    "[[site]]\n"
    "name = \"harbour\"\n"
    "seeds = [\"https://harbour.example/\"]\n";

std::string ErrorOf(const std::string& text) {
  core::Result<CrawlConfig> config = ParseCrawlConfig(text, "sites.toml");
  if (config.ok()) return "(parsed without error)";
  EXPECT_EQ(config.error().code(), core::StatusCode::kInvalidArgument);
  return config.error().message();
}

TEST(SiteExtractConfig, ValidTableIsParsed) {
  const std::string text = std::string(kSiteHead) +
                           "[site.extract]\n"
                           "body = \"//div[@class='story-text']\"\n"
                           "title = \"//p[@class='display-head']\"\n"
                           "published = \"//span[@class='stamp']/@data-time\"\n"
                           "authors = \"//span[@class='pen']\"\n"
                           "drop = [\"//div[@class='more-box']\", \"//aside\"]\n";
  core::Result<CrawlConfig> config = ParseCrawlConfig(text, "sites.toml");
  ASSERT_TRUE(config.ok()) << config.error().message();
  ASSERT_EQ(config.value().sites.size(), 1u);
  const SiteExtract& extract = config.value().sites[0].extract;
  EXPECT_EQ(extract.body, "//div[@class='story-text']");
  EXPECT_EQ(extract.title, "//p[@class='display-head']");
  EXPECT_EQ(extract.published, "//span[@class='stamp']/@data-time");
  EXPECT_EQ(extract.authors, "//span[@class='pen']");
  EXPECT_EQ(extract.drop, (std::vector<std::string>{"//div[@class='more-box']", "//aside"}));
}

TEST(SiteExtractConfig, AbsentTableMeansNoOverrides) {
  core::Result<CrawlConfig> config = ParseCrawlConfig(kSiteHead, "sites.toml");
  ASSERT_TRUE(config.ok()) << config.error().message();
  EXPECT_EQ(config.value().sites[0].extract, SiteExtract{});
}

TEST(SiteExtractConfig, BadXPathNamesFileLineAndKey) {
  const std::string text = std::string(kSiteHead) +
                           "[site.extract]\n"
                           "body = \"//div\"\n"
                           "title = \"//h1[\"\n";
  const std::string error = ErrorOf(text);
  EXPECT_EQ(error.rfind("sites.toml:6: [site.extract] 'harbour' title: invalid XPath '//h1[': ", 0),
            0u)
      << error;
  EXPECT_NE(error.find("at offset"), std::string::npos) << error;
}

TEST(SiteExtractConfig, BadDropXPathNamesTheElement) {
  const std::string text = std::string(kSiteHead) +
                           "[site.extract]\n"
                           "drop = [\"//aside\",\n"
                           "        \"//div[@class=\"]\n";
  const std::string error = ErrorOf(text);
  EXPECT_EQ(error.rfind("sites.toml:6: [site.extract] 'harbour' drop[1]: invalid XPath", 0), 0u)
      << error;
}

TEST(SiteExtractConfig, UnknownKeyIsRejected) {
  const std::string text = std::string(kSiteHead) +
                           "[site.extract]\n"
                           "titel = \"//h1\"\n";
  EXPECT_EQ(
      ErrorOf(text),
      "sites.toml:5: unknown key 'titel' in [site.extract] 'harbour' (did you mean 'title'?)");
}

TEST(SiteExtractConfig, ExtractMustBeATable) {
  const std::string text = std::string(kSiteHead) + "extract = \"//h1\"\n";
  EXPECT_EQ(ErrorOf(text),
            "sites.toml:4: [[site]] 'harbour' extract: expected a table [site.extract], got "
            "\"//h1\"");
}

TEST(XPathSyntax, AcceptsValidAndRejectsBrokenExpressions) {
  EXPECT_TRUE(CheckXPathSyntax("//div[contains(@class, 'body')]/p").ok());
  EXPECT_TRUE(CheckXPathSyntax("").ok());
  EXPECT_EQ(CheckXPathSyntax("//p[").code(), core::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckXPathSyntax("//p)").code(), core::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckXPathSyntax("///").code(), core::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace newsvault::config
