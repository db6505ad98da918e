// Tests for storage/capture_builder: exchange -> record + entity, version rules.
#include "storage/capture_builder.h"

#include <gtest/gtest.h>

#include "core/digest.h"
#include "tests/unit/storage/archive_test_util.h"

namespace newsvault::storage {
namespace {

using archive_test::At;
using archive_test::MakeArticle;
using archive_test::MakeExchange;

constexpr const char* kChunkedHead =
    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n";
constexpr const char* kChunkedBody = "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n";

// RFC 9112 §7.1: the payload is the chunk data; framing is kept aside.
TEST(CaptureBuilder, ChunkedBodyBecomesEntityPlusFraming) {
  PreparedCapture p =
      PrepareCapture(MakeExchange("http://example.com/s", kChunkedHead, kChunkedBody, At(7)));
  EXPECT_EQ(p.entity, "hello world");
  EXPECT_FALSE(p.record.transfer_framing.empty());
  EXPECT_EQ(p.record.payload_digest, core::Sha1Base32Digest("hello world"));
  EXPECT_EQ(p.record.payload_size, 11u);
  EXPECT_EQ(p.record.urlkey, "com,example)/s");
  EXPECT_EQ(p.record.time, At(7));
  EXPECT_EQ(p.record.status_code, 200);
  EXPECT_EQ(p.record.remote_ip, "127.0.0.1");
  EXPECT_EQ(p.record.connect_time_us, 1500);
  EXPECT_EQ(p.record.total_time_us, 42000);
}

TEST(CaptureBuilder, UnchunkedBodyIsTheEntityAsIs) {
  PreparedCapture p = PrepareCapture(
      MakeExchange("http://example.com/s", "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n",
                   "\x1f\x8b raw", At(1)));
  EXPECT_EQ(p.entity, "\x1f\x8b raw");
  EXPECT_TRUE(p.record.transfer_framing.empty());
  EXPECT_EQ(p.record.payload_digest, core::Sha1Base32Digest("\x1f\x8b raw"));
}

TEST(CaptureBuilder, ChunkedHeadWithoutParsedHeadersIsStillDechunked) {
  core::HttpExchange ex = MakeExchange("http://example.com/s", kChunkedHead, kChunkedBody, At(1));
  ex.headers.clear();  // as an importer might hand it over
  EXPECT_EQ(PrepareCapture(ex).entity, "hello world");
}

TEST(CaptureBuilder, EmptyBodyStillHasADigest) {
  PreparedCapture p = PrepareCapture(
      MakeExchange("http://example.com/", "HTTP/1.1 204 No Content\r\n\r\n", "", At(1)));
  EXPECT_EQ(p.record.payload_digest, core::Sha1Base32Digest(""));
  EXPECT_EQ(p.record.payload_size, 0u);
}

TEST(CaptureBuilder, FirstArticleIsVersionOne) {
  VersionDecision d = DecideVersion(UrlRecord{}, MakeArticle("Title", "Body"));
  EXPECT_EQ(d.number, 1u);
  EXPECT_TRUE(d.is_new);
  EXPECT_EQ(d.text_digest, core::Sha1Base32Digest(MakeArticle("Title", "Body").NormalizedText()));
}

TEST(CaptureBuilder, SameTextMatchesLatestVersionAndChangedTextMakesTheNext) {
  UrlRecord url;
  url.latest_version = 2;
  url.latest_text_digest = DecideVersion(UrlRecord{}, MakeArticle("T", "old body")).text_digest;
  VersionDecision same = DecideVersion(url, MakeArticle("T", "old  body\n"));
  EXPECT_EQ(same.number, 2u);
  EXPECT_FALSE(same.is_new);
  VersionDecision changed = DecideVersion(url, MakeArticle("T", "new body"));
  EXPECT_EQ(changed.number, 3u);
  EXPECT_TRUE(changed.is_new);
}

TEST(CaptureBuilder, CountCaptureKeepsFirstLastAndLatestUrl) {
  UrlRecord url;
  CaptureRecord r;
  r.url = "http://example.com/a";
  r.time = At(100);
  CountCapture(r, &url);
  r.url = "https://example.com/a";
  r.time = At(50);  // an older capture arriving late (e.g. an import)
  CountCapture(r, &url);
  EXPECT_EQ(url.captures, 2u);
  EXPECT_EQ(url.first_capture, At(50));
  EXPECT_EQ(url.last_capture, At(100));
  EXPECT_EQ(url.url, "http://example.com/a");
}

TEST(CaptureBuilder, CountVersionCopiesTitleAndPublished) {
  UrlRecord url;
  ArticleVersionRecord v{4, At(1), "sha1:X", MakeArticle("Headline", "b")};
  CountVersion(v, &url);
  UrlSummary s = ToSummary("com,example)/", url);
  EXPECT_EQ(s.versions, 4u);
  EXPECT_EQ(s.title, "Headline");
  EXPECT_EQ(s.published, "2025-02-04T10:00:00+01:00");
  EXPECT_EQ(url.latest_text_digest, "sha1:X");
}

}  // namespace
}  // namespace newsvault::storage
