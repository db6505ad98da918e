// What `newsvault crawl` prints per event, on a terminal and at the end
// (app/crawl_output.h).
#include "app/crawl_output.h"

#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace newsvault::app {
namespace {

using crawler::CrawlEvent;

core::Timestamp Noon() { return core::FromMicros(1'795'867'200'000'000); }  // 2026-11-28T12:00:00Z

CrawlEvent Fetched() {
  CrawlEvent e;
  e.kind = CrawlEvent::Kind::kFetched;
  e.url = "https://example.com/a";
  e.site = "example";
  e.status_code = 200;
  e.bytes = 1234;
  return e;
}

CrawlEvent Error() {
  CrawlEvent e;
  e.kind = CrawlEvent::Kind::kError;
  e.url = "https://example.com/b";
  e.site = "example";
  e.detail = "connection refused \"twice\"\nreally";
  return e;
}

TEST(FormatEventText, IsOneLineWithTimeEventStatusUrlSiteAndBytes) {
  EXPECT_EQ(FormatEventText(Fetched(), Noon()),
            "2026-11-28T12:00:00Z fetched 200 https://example.com/a site=example bytes=1234");
}

TEST(FormatEventText, QuotesTheDetailAndKeepsItOnOneLine) {
  EXPECT_EQ(FormatEventText(Error(), Noon()),
            "2026-11-28T12:00:00Z error https://example.com/b site=example "
            "detail=\"connection refused \\\"twice\\\" really\"");
}

TEST(FormatEventJson, HasEveryKeyWithItsValue) {
  nlohmann::json j = nlohmann::json::parse(FormatEventJson(Fetched(), Noon()));
  EXPECT_EQ(j["time"], "2026-11-28T12:00:00Z");
  EXPECT_EQ(j["event"], "fetched");
  EXPECT_EQ(j["url"], "https://example.com/a");
  EXPECT_EQ(j["site"], "example");
  EXPECT_EQ(j["status"], 200);
  EXPECT_EQ(j["detail"], "");
  EXPECT_EQ(j["bytes"], 1234);
  EXPECT_EQ(FormatEventJson(Error(), Noon()).find('\n'), std::string::npos);
}

TEST(FormatEventJson, SurvivesInvalidUtf8InAUrl) {
  CrawlEvent e = Fetched();
  e.url = "https://example.com/\xff\xfe";
  nlohmann::json j = nlohmann::json::parse(FormatEventJson(e, Noon()), nullptr, false);
  EXPECT_FALSE(j.is_discarded());
}

TEST(FormatProgress, ShowsPagesRateQueueInFlightAndErrors) {
  crawler::CrawlProgress p;
  p.pages = 120;
  p.pages_per_second = 3.44;
  p.queued = 56;
  p.in_flight = 3;
  p.errors = 1;
  EXPECT_EQ(FormatProgress(p), "pages 120  3.4/s  queue 56  in flight 3  errors 1");
}

TEST(FormatSummaryText, ListsEveryCountAndTheStopReason) {
  crawler::CrawlSummary s;
  s.run_id = 7;
  s.resumed = true;
  s.pages_fetched = 40;
  s.new_articles = 12;
  s.new_versions = 2;
  s.not_modified = 5;
  s.bytes = 3 * 1024 * 1024;
  s.errors_by_kind = {{"http_5xx", 1}, {"network", 2}};
  s.stop_reason = "frontier empty";
  s.duration = std::chrono::milliseconds(12'345);
  const std::string text = FormatSummaryText(s);
  EXPECT_NE(text.find("crawl run 7 (resumed) stopped: frontier empty\n"), std::string::npos);
  EXPECT_NE(text.find("pages fetched  40\n"), std::string::npos);
  EXPECT_NE(text.find("new articles   12\n"), std::string::npos);
  EXPECT_NE(text.find("new versions   2\n"), std::string::npos);
  EXPECT_NE(text.find("not modified   5\n"), std::string::npos);
  EXPECT_NE(text.find("bytes          3.0 MiB (3145728)\n"), std::string::npos);
  EXPECT_NE(text.find("errors         http_5xx 1, network 2\n"), std::string::npos);
  EXPECT_NE(text.find("skipped        none\n"), std::string::npos);
  EXPECT_NE(text.find("duration       12.3 s\n"), std::string::npos);
}

class CrawlLogSinkTest : public ::testing::Test {
 protected:
  core::FakeClock clock_{Noon()};
  std::ostringstream out_;
};

TEST_F(CrawlLogSinkTest, WithoutTerminalLogsOneLinePerEventAndNoProgress) {
  CrawlLogSink sink(out_, {}, clock_);
  sink.OnEvent(Fetched());
  sink.OnProgress({});
  sink.OnEvent(Error());
  sink.Finish();
  EXPECT_EQ(out_.str(),
            FormatEventText(Fetched(), Noon()) + "\n" + FormatEventText(Error(), Noon()) + "\n");
}

TEST_F(CrawlLogSinkTest, JsonFormatLogsJsonLines) {
  CrawlOutputOptions options;
  options.format = LogFormat::kJson;
  CrawlLogSink sink(out_, options, clock_);
  sink.OnEvent(Fetched());
  EXPECT_EQ(out_.str(), FormatEventJson(Fetched(), Noon()) + "\n");
}

TEST_F(CrawlLogSinkTest, QuietLogsOnlyErrors) {
  CrawlOutputOptions options;
  options.quiet = true;
  options.progress_line = true;  // -q wins over the terminal's progress line
  CrawlLogSink sink(out_, options, clock_);
  sink.OnEvent(Fetched());
  sink.OnProgress({});
  sink.OnEvent(Error());
  EXPECT_EQ(out_.str(), FormatEventText(Error(), Noon()) + "\n");
}

TEST_F(CrawlLogSinkTest, OnATerminalRedrawsProgressAndPrintsErrorsAboveIt) {
  CrawlOutputOptions options;
  options.progress_line = true;
  CrawlLogSink sink(out_, options, clock_);
  crawler::CrawlProgress p;
  p.pages = 1;
  sink.OnProgress(p);
  sink.OnEvent(Fetched());  // folded into the progress line
  p.pages = 2;
  sink.OnProgress(p);
  sink.OnEvent(Error());
  sink.Finish();
  EXPECT_EQ(out_.str(), "\r\x1b[K" + FormatProgress({1, 0, 0, 0, 0}) + "\r\x1b[K" +
                            FormatProgress({2, 0, 0, 0, 0}) + "\r\x1b[K" +
                            FormatEventText(Error(), Noon()) + "\n");
}

}  // namespace
}  // namespace newsvault::app
