// End-to-end WARC export: a real RocksDB archive in a temp dir, filled with
// realistic hand-built exchanges, exported and then checked by the
// independent validator (../shared/tools/warc-validate --strict, warcio.js)
// and by reading the records back (DESIGN §4, issue 2 item 6).
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include <gtest/gtest.h>

#include "core/article.h"
#include "core/digest.h"
#include "core/http_exchange.h"
#include "core/http_message.h"
#include "core/timestamp.h"
#include "storage/archive.h"
#include "storage/warc_export.h"
#include "tests/support/process.h"
#include "tests/support/warc_test_reader.h"
#include "tests/support/warc_validator.h"

namespace newsvault {
namespace {

using testing::ParsedWarcRecord;
using testing::TempDir;

core::Timestamp At(int h, int mi) {
  using namespace std::chrono;
  return sys_days{year{2025} / month{2} / day{4}} + hours{h} + minutes{mi} + microseconds{123456};
}

std::string Head(const std::string& status_line, const std::vector<std::string>& headers) {
  std::string head = status_line + "\r\n";
  for (const std::string& h : headers) head += h + "\r\n";
  return head + "\r\n";
}

std::string StoryHtml(const std::string& title, const std::string& text) {
  return "<!doctype html><html lang=en><head><meta charset=utf-8><title>" + title +
         "</title></head><body><article><h1>" + title + "</h1><p>" + text +
         "</p></article></body></html>\n";
}

core::Article MakeArticle(const std::string& url, const std::string& title,
                          const std::string& body) {
  core::Article a;
  a.url = url;
  a.title = title;
  a.authors = {"Ada Reporter"};
  a.published = "2025-02-04T09:00:00+01:00";
  a.language = "en";
  a.body_text = body;
  a.word_count = 6;
  return a;
}

// One hand-built capture and what the export must make of it.
struct Scenario {
  std::string url;
  core::Timestamp time;
  std::string head;
  std::string body;  // as on the wire: gzip bytes, chunk framing and all
  core::Truncation truncation = core::Truncation::kNone;
  std::optional<core::Article> article;
  std::string expect;        // "response" or "revisit"
  bool new_version = false;  // expect a metadata record
};

std::vector<Scenario> Captures() {
  const std::string story = "https://news.example.com/2025/02/04/story.html";
  const std::string gz_v1 =
      testing::GzipForTest(StoryHtml("Bridge opens", "The new bridge opened today."));
  const std::string gz_v2 =
      testing::GzipForTest(StoryHtml("Bridge opens late", "The new bridge opened two hours late."));
  auto gzip_head = [](const std::string& body, const std::string& extra) {
    return Head("HTTP/1.1 200 OK",
                {"Content-Type: text/html; charset=utf-8", "Content-Encoding: gzip",
                 "Content-Length: " + std::to_string(body.size()), extra});
  };
  const std::string live_html = StoryHtml("Live: storm", "Winds reach the coast tonight.");
  auto hex = [](size_t n) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%zx", n);
    return std::string(buf);
  };
  std::string a = live_html.substr(0, 32), b = live_html.substr(32, 40), c = live_html.substr(72);
  std::string live_body = hex(a.size()) + "\r\n" + a + "\r\n" + hex(b.size()) + ";ext=1\r\n" + b +
                          "\r\n" + hex(c.size()) + "\r\n" + c + "\r\n0\r\n\r\n";
  const std::string not_found = "<html><body>Not found</body></html>";
  std::string partial(4000, 'v');

  std::vector<Scenario> s;
  s.push_back({story, At(10, 0), gzip_head(gz_v1, "ETag: \"v1\""), gz_v1, core::Truncation::kNone,
               MakeArticle(story, "Bridge opens", "The new bridge opened today."), "response",
               true});
  // Unchanged page half an hour later: same payload, a revisit; same article, no new version.
  s.push_back({story, At(10, 30), gzip_head(gz_v1, "Age: 12"), gz_v1, core::Truncation::kNone,
               MakeArticle(story, "Bridge opens", "The new bridge opened today."), "revisit",
               false});
  s.push_back({story, At(11, 0), gzip_head(gz_v2, "ETag: \"v2\""), gz_v2, core::Truncation::kNone,
               MakeArticle(story, "Bridge opens late", "The new bridge opened two hours late."),
               "response", true});
  // A conditional recapture: 304 with an empty body (sha1 of "", never a revisit).
  s.push_back({story, At(11, 30), Head("HTTP/1.1 304 Not Modified", {"ETag: \"v2\""}), "",
               core::Truncation::kNone, std::nullopt, "response", false});
  s.push_back({"https://news.example.com/live.html", At(10, 5),
               Head("HTTP/1.1 200 OK", {"Content-Type: text/html", "Transfer-Encoding: chunked"}),
               live_body, core::Truncation::kNone,
               MakeArticle("https://news.example.com/live.html", "Live: storm",
                           "Winds reach the coast tonight."),
               "response", true});
  s.push_back(
      {"https://news.example.com/missing", At(10, 10),
       Head("HTTP/1.1 404 Not Found",
            {"Content-Type: text/html", "Content-Length: " + std::to_string(not_found.size())}),
       not_found, core::Truncation::kNone, std::nullopt, "response", false});
  s.push_back(
      {"https://news.example.com/video.bin", At(10, 15),
       Head("HTTP/1.1 200 OK", {"Content-Type: application/octet-stream", "Content-Length: 10000"}),
       partial, core::Truncation::kLength, std::nullopt, "response", false});
  s.push_back({"https://news.example.com/old", At(10, 20),
               Head("HTTP/1.1 301 Moved Permanently",
                    {"Location: /2025/02/04/story.html", "Content-Length: 0"}),
               "", core::Truncation::kNone, std::nullopt, "response", false});
  // The same gzip bytes served by a mirror: a revisit of the news.example.com original.
  s.push_back({"https://mirror.example.org/copy/story.html", At(12, 0),
               gzip_head(gz_v1, "Server: mirror"), gz_v1, core::Truncation::kNone,
               MakeArticle("https://mirror.example.org/copy/story.html", "Bridge opens",
                           "The new bridge opened today."),
               "revisit", true});
  return s;
}

core::HttpExchange ToExchange(const Scenario& s) {
  core::HttpExchange e;
  e.url = s.url;
  auto host_end = s.url.find('/', 8);
  e.request_bytes =
      "GET " + s.url.substr(host_end) + " HTTP/1.1\r\nHost: " + s.url.substr(8, host_end - 8) +
      "\r\nUser-Agent: newsvault/0.1.0 (+https://example.org/bot)\r\nAccept-Encoding: gzip\r\n\r\n";
  e.response_head = s.head;
  e.response_body = s.body;
  auto head = core::ParseResponseHead(s.head);
  EXPECT_TRUE(head.ok());
  if (head.ok()) {
    e.status_code = head->status_code;
    e.reason = head->reason;
    e.headers = head->headers;
  }
  e.remote_ip = "203.0.113.5";
  e.started = s.time;
  e.truncation = s.truncation;
  return e;
}

class WarcExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto archive = storage::OpenArchive(dir_.Join("db"));
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    archive_ = std::move(*archive);
    scenarios_ = Captures();
    for (const Scenario& s : scenarios_) {
      auto stored = archive_->StoreCapture(ToExchange(s), s.article ? &*s.article : nullptr);
      ASSERT_TRUE(stored.ok()) << stored.status().ToString();
      ASSERT_EQ(stored->new_version, s.new_version)
          << s.url << " at " << core::FormatWarcDate(s.time);
    }
  }

  storage::ExportReport Export(const std::string& name, std::optional<core::Timestamp> since = {},
                               std::optional<core::Timestamp> until = {}) {
    storage::ExportOptions options;
    options.path = dir_.Join(name);
    options.since = since;
    options.until = until;
    options.user_agent = "newsvault/0.1.0 (+https://example.org/bot)";
    auto report = storage::ExportWarc(*archive_, options);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : storage::ExportReport{};
  }

  // Expected record counts for the scenarios in [since, until).
  std::map<std::string, uint64_t> Expected(std::optional<core::Timestamp> since = {},
                                           std::optional<core::Timestamp> until = {}) {
    std::map<std::string, uint64_t> counts = {{"warcinfo", 1}};
    for (const Scenario& s : scenarios_) {
      if ((since && s.time < *since) || (until && s.time >= *until)) continue;
      ++counts[s.expect];
      ++counts["request"];
      if (s.new_version) ++counts["metadata"];
    }
    return counts;
  }

  static testing::ValidatorResult ExpectStrictlyValid(const std::string& path) {
    testing::ValidatorResult v = testing::RunWarcValidate({path}, /*strict=*/true);
    EXPECT_EQ(v.exit_code, 0) << v.output;
    EXPECT_EQ(v.errors, 0) << v.output;
    EXPECT_EQ(v.output.find("warning"), std::string::npos) << v.output;
    EXPECT_EQ(v.output.find("ERROR"), std::string::npos) << v.output;
    return v;
  }

  TempDir dir_;
  std::unique_ptr<storage::Archive> archive_;
  std::vector<Scenario> scenarios_;
};

TEST_F(WarcExportTest, WholeArchivePassesTheStrictValidator) {
  // Given gzip, chunked, 404, truncated, empty, recaptured and mirrored
  // pages, the export should pass warc-validate --strict with 0 errors and 0
  // warnings, and its record counts should follow from the scenarios.
  std::string path = dir_.Join("all.warc.gz");
  storage::ExportReport report = Export("all.warc.gz");
  testing::ValidatorResult v = ExpectStrictlyValid(path);

  std::map<std::string, uint64_t> expected = Expected();
  EXPECT_EQ(expected["revisit"], 2u);  // the scenarios really exercise revisits
  EXPECT_EQ(report.records_by_type, expected);
  EXPECT_EQ(report.captures, scenarios_.size());

  ASSERT_EQ(v.records_by_type.size(), 5u) << v.output;
  for (const auto& [type, n] : v.records_by_type) {
    EXPECT_EQ(static_cast<uint64_t>(n), expected[type]) << type << "\n" << v.output;
  }
}

TEST_F(WarcExportTest, RevisitsPointAtOriginalResponses) {
  Export("all.warc.gz");
  testing::ParsedWarcFile file = testing::ReadWarcFile(dir_.Join("all.warc.gz"));
  ASSERT_EQ(file.error, "");
  std::map<std::string, const ParsedWarcRecord*> by_id;
  for (const auto& r : file.records) by_id[*r.Field("WARC-Record-ID")] = &r;
  std::set<std::string> revisit_targets;
  for (const auto& r : file.records) {
    if (r.Type() != "revisit") continue;
    const ParsedWarcRecord* original = by_id[r.Field("WARC-Refers-To").value_or("")];
    ASSERT_NE(original, nullptr);
    EXPECT_EQ(original->Type(), "response");  // never a revisit of a revisit
    EXPECT_EQ(r.Field("WARC-Refers-To-Target-URI"), original->Field("WARC-Target-URI"));
    EXPECT_EQ(r.Field("WARC-Refers-To-Date"), original->Field("WARC-Date"));
    EXPECT_EQ(r.Field("WARC-Payload-Digest"), original->Field("WARC-Payload-Digest"));
    revisit_targets.insert(*r.Field("WARC-Target-URI"));
  }
  // One same-URL and one cross-URL revisit.
  EXPECT_EQ(revisit_targets,
            (std::set<std::string>{"https://news.example.com/2025/02/04/story.html",
                                   "https://mirror.example.org/copy/story.html"}));
}

TEST_F(WarcExportTest, ResponsesKeepTheBytesAsReceived) {
  // Issue 2 item 6: gzip bytes under Content-Encoding: gzip, chunk framing
  // under Transfer-Encoding: chunked, never a decoded copy.
  Export("all.warc.gz");
  testing::ParsedWarcFile file = testing::ReadWarcFile(dir_.Join("all.warc.gz"));
  ASSERT_EQ(file.error, "");
  std::map<std::string, std::string> response_blocks;  // by "URL WARC-Date"
  for (const auto& r : file.records) {
    if (r.Type() != "response") continue;
    response_blocks[*r.Field("WARC-Target-URI") + " " + *r.Field("WARC-Date")] = r.block;
  }
  int checked = 0;
  for (const Scenario& s : scenarios_) {
    if (s.expect != "response") continue;
    std::string key = s.url + " " + core::FormatWarcDate(s.time);
    ASSERT_EQ(response_blocks.count(key), 1u) << key;
    EXPECT_EQ(response_blocks[key], s.head + s.body) << key;
    ++checked;
  }
  EXPECT_EQ(checked, 7);
  EXPECT_NE(
      response_blocks["https://news.example.com/live.html " + core::FormatWarcDate(At(10, 5))].find(
          ";ext=1\r\n"),
      std::string::npos);
}

TEST_F(WarcExportTest, SinceAndUntilLimitTheCaptures) {
  // Given [10:25, 11:05), only the story's 10:30 and 11:00 captures are
  // exported; the 10:30 one becomes a response because its original lies
  // outside this file, and the file still validates strictly.
  std::string path = dir_.Join("window.warc.gz");
  storage::ExportReport report = Export("window.warc.gz", At(10, 25), At(11, 5));
  ExpectStrictlyValid(path);
  EXPECT_EQ(report.captures, 2u);
  EXPECT_EQ(report.records_by_type,
            (std::map<std::string, uint64_t>{
                {"warcinfo", 1}, {"response", 2}, {"request", 2}, {"metadata", 2}}));
  testing::ParsedWarcFile file = testing::ReadWarcFile(path);
  ASSERT_EQ(file.error, "");
  for (const auto& r : file.records) {
    if (r.Type() == "warcinfo") continue;
    auto date = core::ParseIso8601(r.Field("WARC-Date").value_or(""));
    ASSERT_TRUE(date.ok());
    EXPECT_GE(*date, At(10, 25));
    EXPECT_LT(*date, At(11, 5));
  }
}

TEST_F(WarcExportTest, UncompressedWarcAlsoValidates) {
  std::string path = dir_.Join("all.warc");
  storage::ExportReport report = Export("all.warc");
  ExpectStrictlyValid(path);
  EXPECT_EQ(report.records_by_type, Expected());
}

TEST_F(WarcExportTest, ValidatorCatchesACorruptedBlock) {
  // Given an export with one block byte flipped, the validator must report
  // errors: proof that the checks above can fail.
  std::string path = dir_.Join("bad.warc");
  Export("bad.warc");
  std::string bytes = testing::ReadFileBytes(path);
  auto at = bytes.find("Winds reach the coast");  // in the chunked page's body
  ASSERT_NE(at, std::string::npos);
  bytes[at] = 'X';
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
  }
  testing::ValidatorResult v = testing::RunWarcValidate({path}, true);
  EXPECT_EQ(v.exit_code, 1) << v.output;
  EXPECT_GT(v.errors, 0) << v.output;
  EXPECT_NE(v.output.find("WARC-Block-Digest mismatch"), std::string::npos) << v.output;
}

TEST(WarcExportTruncated, CutOffChunkedBodyHasNoErrorsOnlyTheTruncationNotice) {
  // Given a chunked body cut off mid-chunk by the time limit (the slow
  // endless page), the response keeps the bytes as received and its payload
  // digest covers them as stored, so the validator finds no error. It still
  // notes that the framing is unfinished (a warning, so --strict counts it):
  // that notice is the truth about such a capture, not a writer fault.
  TempDir dir;
  auto archive = storage::OpenArchive(dir.Join("db"));
  ASSERT_TRUE(archive.ok()) << archive.status().ToString();
  Scenario slow{"https://news.example.com/slow",
                At(9, 0),
                Head("HTTP/1.1 200 OK", {"Content-Type: text/plain", "Transfer-Encoding: chunked"}),
                "a\r\n0123456789\r\n400\r\nonly part of the second chunk",
                core::Truncation::kTime,
                std::nullopt,
                "response",
                false};
  for (core::Timestamp t : {At(9, 0), At(9, 30)}) {
    slow.time = t;
    ASSERT_TRUE((*archive)->StoreCapture(ToExchange(slow), nullptr).ok());
  }
  storage::ExportOptions options;
  options.path = dir.Join("slow.warc.gz");
  auto report = storage::ExportWarc(**archive, options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->records_by_type["revisit"], 1u);

  testing::ValidatorResult v = testing::RunWarcValidate({options.path}, /*strict=*/false);
  EXPECT_EQ(v.exit_code, 0) << v.output;
  EXPECT_EQ(v.errors, 0) << v.output;
  EXPECT_NE(v.output.find("(record is WARC-Truncated)"), std::string::npos) << v.output;
  EXPECT_NE(v.output.find("\n1 warnings\n"), std::string::npos) << v.output;
}

}  // namespace
}  // namespace newsvault
