// CrawlScope: a site's allow/deny patterns and article_pattern.
#include "crawler/crawl_scope.h"

#include <gtest/gtest.h>

#include "core/origin_patterns.h"
#include "crawler/crawler.h"

namespace newsvault::crawler {
namespace {

CrawlSite Site() {
  CrawlSite site;
  site.name = "courier";
  site.seeds = {"https://news.example.com/", "http://127.0.0.1:8080/front"};
  return site;
}

TEST(CrawlScope, DefaultsToTheSeedsOrigins) {
  // Given no allow patterns, we should crawl exactly the seeds' scheme+host+port.
  auto scope = CrawlScope::Create(Site());
  ASSERT_TRUE(scope.ok()) << scope.error().ToString();
  EXPECT_TRUE(scope->InScope("https://news.example.com/2025/story.html"));
  EXPECT_TRUE(scope->InScope("http://127.0.0.1:8080/other"));
  EXPECT_FALSE(scope->InScope("http://news.example.com/2025/story.html"));  // other scheme
  EXPECT_FALSE(scope->InScope("https://news.example.com.evil.test/"));
  EXPECT_FALSE(scope->InScope("http://127.0.0.1:8081/other"));  // other port
  EXPECT_FALSE(scope->InScope("https://newsXexample.com/"));    // '.' is escaped
}

TEST(CrawlScope, DefaultAllowPatternsEscapeAndDeduplicate) {
  EXPECT_EQ(core::OriginAllowPatterns({"https://a.example/x", "https://a.example/y", "nope"}),
            std::vector<std::string>{"^https://a\\.example/"});
}

TEST(CrawlScope, DenyWinsOverAllow) {
  CrawlSite site = Site();
  site.allow = {"^https://news\\.example\\.com/"};
  site.deny = {"/calendar/", "\\?print=1$"};
  auto scope = CrawlScope::Create(site);
  ASSERT_TRUE(scope.ok());
  EXPECT_TRUE(scope->InScope("https://news.example.com/2025/a.html"));
  EXPECT_FALSE(scope->InScope("https://news.example.com/calendar/2025-01-01"));
  EXPECT_FALSE(scope->InScope("https://news.example.com/a.html?print=1"));
  // Explicit allow replaces the default: the seed on 127.0.0.1 is no longer in scope.
  EXPECT_FALSE(scope->InScope("http://127.0.0.1:8080/other"));
}

TEST(CrawlScope, NonHttpUrlsAreNeverInScope) {
  CrawlSite site = Site();
  site.allow = {"."};
  auto scope = CrawlScope::Create(site);
  ASSERT_TRUE(scope.ok());
  EXPECT_FALSE(scope->InScope("mailto:desk@news.example.com"));
  EXPECT_FALSE(scope->InScope("ftp://news.example.com/file"));
}

TEST(CrawlScope, ArticlePatternDecidesWhenGiven) {
  CrawlSite site = Site();
  EXPECT_EQ(CrawlScope::Create(site)->IsArticleUrl("https://news.example.com/a"), std::nullopt);
  site.article_pattern = "/\\d{4}/\\d{2}/\\d{2}/";
  auto scope = CrawlScope::Create(site);
  ASSERT_TRUE(scope.ok());
  EXPECT_EQ(scope->IsArticleUrl("https://news.example.com/2025/02/04/story.html"), true);
  EXPECT_EQ(scope->IsArticleUrl("https://news.example.com/politics/"), false);
}

TEST(CrawlScope, BadRegexIsAnErrorNamingSiteAndPattern) {
  CrawlSite site = Site();
  site.deny = {"(unclosed"};
  auto scope = CrawlScope::Create(site);
  ASSERT_FALSE(scope.ok());
  EXPECT_EQ(scope.error().code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(scope.error().message().find("courier"), std::string::npos);
  EXPECT_NE(scope.error().message().find("(unclosed"), std::string::npos);
}

}  // namespace
}  // namespace newsvault::crawler
