// CrawlSummary::ToJson and CrawlEventKindName: names scripts depend on.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "crawler/crawler.h"

namespace newsvault::crawler {
namespace {

TEST(CrawlSummary, ToJsonHasTheStableKeys) {
  CrawlSummary summary;
  summary.run_id = 7;
  summary.resumed = true;
  summary.pages_fetched = 12;
  summary.new_articles = 3;
  summary.new_versions = 1;
  summary.not_modified = 4;
  summary.bytes = 12345;
  summary.errors_by_kind["network"] = 2;
  summary.skipped_by_kind["robots"] = 5;
  summary.frontier_left = 9;
  summary.stop_reason = "max pages";
  summary.duration = std::chrono::milliseconds(1500);
  const auto j = nlohmann::json::parse(summary.ToJson());
  EXPECT_EQ(j.at("run_id"), 7);
  EXPECT_EQ(j.at("resumed"), true);
  EXPECT_EQ(j.at("pages_fetched"), 12);
  EXPECT_EQ(j.at("new_articles"), 3);
  EXPECT_EQ(j.at("new_versions"), 1);
  EXPECT_EQ(j.at("not_modified"), 4);
  EXPECT_EQ(j.at("bytes"), 12345);
  EXPECT_EQ(j.at("errors").at("network"), 2);
  EXPECT_EQ(j.at("skipped").at("robots"), 5);
  EXPECT_EQ(j.at("frontier_left"), 9);
  EXPECT_EQ(j.at("stop_reason"), "max pages");
  EXPECT_EQ(j.at("duration_ms"), 1500);
  EXPECT_TRUE(summary.HadErrors());
}

TEST(CrawlSummary, EmptyMapsAreEmptyObjects) {
  const auto j = nlohmann::json::parse(CrawlSummary{}.ToJson());
  EXPECT_TRUE(j.at("errors").is_object());
  EXPECT_TRUE(j.at("skipped").is_object());
  EXPECT_TRUE(j.at("errors").empty());
}

TEST(CrawlEventKindName, NamesEveryKind) {
  EXPECT_EQ(CrawlEventKindName(CrawlEvent::Kind::kFetched), "fetched");
  EXPECT_EQ(CrawlEventKindName(CrawlEvent::Kind::kNotModified), "not_modified");
  EXPECT_EQ(CrawlEventKindName(CrawlEvent::Kind::kNewArticle), "new_article");
  EXPECT_EQ(CrawlEventKindName(CrawlEvent::Kind::kNewVersion), "new_version");
  EXPECT_EQ(CrawlEventKindName(CrawlEvent::Kind::kError), "error");
  EXPECT_EQ(CrawlEventKindName(CrawlEvent::Kind::kSkipped), "skipped");
  EXPECT_EQ(CrawlEventKindName(CrawlEvent::Kind::kHostDropped), "host_dropped");
  EXPECT_EQ(CrawlEventKindName(CrawlEvent::Kind::kRobots), "robots");
}

}  // namespace
}  // namespace newsvault::crawler
