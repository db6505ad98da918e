// Tests of CDXJ lines (writer checklist "CDXJ"; warcio.js cdx-index rules).
#include "storage/cdxj.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/url.h"

namespace newsvault::storage {
namespace {

WarcRecordView View(const std::string& type, std::vector<WarcField> fields,
                    std::string_view block) {
  WarcRecordView v;
  v.version = "WARC/1.1";
  v.fields = std::move(fields);
  v.fields.insert(v.fields.begin(), {"WARC-Type", type});
  v.block = block;
  v.block_length = block.size();
  v.offset = 1234;
  v.length = 567;
  return v;
}

// Splits "key SP timestamp SP json" and parses the JSON.
struct Parts {
  std::string key, timestamp;
  nlohmann::json json;
  std::string json_text;
};
Parts Split(const std::string& line) {
  Parts p;
  size_t a = line.find(' ');
  size_t b = line.find(' ', a + 1);
  p.key = line.substr(0, a);
  p.timestamp = line.substr(a + 1, b - a - 1);
  p.json_text = line.substr(b + 1);
  p.json = nlohmann::json::parse(p.json_text, nullptr, false);
  return p;
}

const char kHttpHead[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 5\r\n\r\nhello";

TEST(Cdxj, TimestampKeepsTheFirstFourteenDigitsOfWarcDate) {
  EXPECT_EQ(CdxjTimestamp("2015-07-08T21:55:13Z"), "20150708215513");
  EXPECT_EQ(CdxjTimestamp("2025-02-04T10:11:12.123456Z"), "20250204101112");
  EXPECT_EQ(CdxjTimestamp(""), "");
}

TEST(Cdxj, UrlKeyIsTheSurtOfHttpUrlsAndOtherUrisUnchanged) {
  EXPECT_EQ(CdxjUrlKey("https://www.example.org/a?b=1&a=2"), "org,example)/a?a=2&b=1");
  EXPECT_EQ(CdxjUrlKey("http://bl.uk/Subjects/"), core::SurtKey("http://bl.uk/Subjects/"));
  EXPECT_EQ(CdxjUrlKey("metadata://gnu.org/software/wget/warc/MANIFEST.txt"),
            "metadata://gnu.org/software/wget/warc/MANIFEST.txt");
  // wget writes <> around the target URI; pywb drops them before keying.
  EXPECT_EQ(CdxjUrlKey("<http://www.example.com/x>"), "com,example)/x");
}

TEST(Cdxj, SkipsWarcinfoRequestAndWarcFieldsMetadata) {
  EXPECT_FALSE(
      CdxjLine(View("warcinfo", {{"Content-Type", "application/warc-fields"}}, "a: b"), "f"));
  EXPECT_FALSE(CdxjLine(
      View("request", {{"WARC-Target-URI", "http://a.example/"}}, "GET / HTTP/1.1\r\n\r\n"), "f"));
  EXPECT_FALSE(CdxjLine(
      View("metadata",
           {{"WARC-Target-URI", "http://a.example/"}, {"Content-Type", "application/warc-fields"}},
           "via: x"),
      "f"));
  EXPECT_TRUE(CdxjLine(
      View("metadata",
           {{"WARC-Target-URI", "http://a.example/"}, {"Content-Type", "application/json"}}, "{}"),
      "f"));
  EXPECT_TRUE(CdxjLine(View("x-unknown", {{"WARC-Target-URI", "urn:x"}}, ""), "f"));
}

TEST(Cdxj, ResponseLineHasTheWarcioFieldsInOrder) {
  // Given a response record, we should write url, mime (no parameters),
  // status, digest (no label), length, offset, filename, numbers as strings.
  auto line = CdxjLine(View("response",
                            {{"WARC-Target-URI", "http://www.example.com/a"},
                             {"WARC-Date", "2025-02-04T10:11:12.5Z"},
                             {"WARC-Payload-Digest", "sha1:UHNGRPF3A2HJ5MQL7XEJS4ROSHEQKGWS"},
                             {"Content-Type", "application/http;msgtype=response"}},
                            kHttpHead),
                       "x.warc.gz");
  ASSERT_TRUE(line);
  Parts p = Split(*line);
  EXPECT_EQ(p.key, "com,example)/a");
  EXPECT_EQ(p.timestamp, "20250204101112");
  EXPECT_EQ(p.json_text,
            R"({"url":"http://www.example.com/a","mime":"text/html","status":"200",)"
            R"("digest":"UHNGRPF3A2HJ5MQL7XEJS4ROSHEQKGWS","length":"567","offset":"1234",)"
            R"("filename":"x.warc.gz"})");
}

TEST(Cdxj, RevisitIsWarcRevisitAndHasStatusOnlyWithHttpHeaders) {
  auto with_head =
      CdxjLine(View("revisit", {{"WARC-Target-URI", "http://a.example/"}}, kHttpHead), "f");
  ASSERT_TRUE(with_head);
  Parts p = Split(*with_head);
  EXPECT_EQ(p.json["mime"], "warc/revisit");
  EXPECT_EQ(p.json["status"], "200");
  auto empty = CdxjLine(View("revisit", {{"WARC-Target-URI", "http://a.example/"}}, ""), "f");
  ASSERT_TRUE(empty);
  EXPECT_FALSE(Split(*empty).json.contains("status"));
}

TEST(Cdxj, ResourceUsesTheWarcContentTypeAndHasNoStatus) {
  auto line = CdxjLine(View("resource",
                            {{"WARC-Target-URI", "metadata://x/log.txt"},
                             {"Content-Type", "text/plain; charset=utf-8"}},
                            "HTTP/1.1 200 looks like http"),
                       "f");
  ASSERT_TRUE(line);
  Parts p = Split(*line);
  EXPECT_EQ(p.key, "metadata://x/log.txt");
  EXPECT_EQ(p.json["mime"], "text/plain; charset=utf-8");
  EXPECT_FALSE(p.json.contains("status"));
  EXPECT_FALSE(p.json.contains("digest"));
}

TEST(Cdxj, ResponseWithoutHttpContentTypeHasNoMime) {
  auto line = CdxjLine(View("response", {{"WARC-Target-URI", "http://a.example/"}},
                            "HTTP/1.1 301 Moved\r\nLocation: /b\r\n\r\n"),
                       "f");
  ASSERT_TRUE(line);
  Parts p = Split(*line);
  EXPECT_FALSE(p.json.contains("mime"));
  EXPECT_EQ(p.json["status"], "301");
}

}  // namespace
}  // namespace newsvault::storage
