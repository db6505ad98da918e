// Tests for storage/record_codec: key order and value round trips.
#include "storage/record_codec.h"

#include <gtest/gtest.h>

#include "core/digest.h"

namespace newsvault::storage {
namespace {

using namespace std::string_literals;

CaptureRecord SampleCapture() {
  CaptureRecord r;
  r.url = "https://www.example.com/a?b=1";
  r.urlkey = "com,example)/a?b=1";
  r.time = core::FromMicros(1738663872123456);
  r.method = "GET";
  r.status_code = 200;
  r.request_bytes = "GET /a?b=1 HTTP/1.1\r\nHost: www.example.com\r\n\r\n";
  r.response_head = "HTTP/1.1 200 OK\r\nX-Bin: \x00\xff\r\n\r\n"s;
  r.transfer_framing = "\x01\x02\x00"s;
  r.payload_digest = core::Sha1Base32Digest("hello");
  r.payload_size = 5;
  r.remote_ip = "2001:db8::1";
  r.connect_time_us = 1234;
  r.total_time_us = -1;  // negative values must survive (zigzag)
  r.truncation = core::Truncation::kDisconnect;
  r.payload_was_new = true;
  r.version = 70000;
  return r;
}

TEST(RecordCodec, CaptureRoundTripsEveryField) {
  CaptureRecord in = SampleCapture();
  auto out = DecodeCapture(EncodeCaptureKey(in.urlkey, in.time), EncodeCaptureValue(in));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->url, in.url);
  EXPECT_EQ(out->urlkey, in.urlkey);
  EXPECT_EQ(out->time, in.time);
  EXPECT_EQ(out->method, in.method);
  EXPECT_EQ(out->status_code, in.status_code);
  EXPECT_EQ(out->request_bytes, in.request_bytes);
  EXPECT_EQ(out->response_head, in.response_head);
  EXPECT_EQ(out->transfer_framing, in.transfer_framing);
  EXPECT_EQ(out->payload_digest, in.payload_digest);
  EXPECT_EQ(out->payload_size, in.payload_size);
  EXPECT_EQ(out->remote_ip, in.remote_ip);
  EXPECT_EQ(out->connect_time_us, in.connect_time_us);
  EXPECT_EQ(out->total_time_us, in.total_time_us);
  EXPECT_EQ(out->truncation, in.truncation);
  EXPECT_EQ(out->payload_was_new, in.payload_was_new);
  EXPECT_EQ(out->version, in.version);
}

// Given keys of one urlkey, a longer urlkey and earlier/later times, bytewise
// order must be (urlkey, time) so prefix scans list a URL oldest first.
TEST(RecordCodec, CaptureKeysSortByUrlkeyThenTime) {
  std::string a_late = EncodeCaptureKey("com,example)/a", core::FromMicros(2'000'000));
  std::string a_early = EncodeCaptureKey("com,example)/a", core::FromMicros(1'000'000));
  std::string a_pre_epoch = EncodeCaptureKey("com,example)/a", core::FromMicros(-5));
  std::string ab_early = EncodeCaptureKey("com,example)/a/b", core::FromMicros(0));
  EXPECT_LT(a_pre_epoch, a_early);
  EXPECT_LT(a_early, a_late);
  EXPECT_LT(a_late, ab_early);
  EXPECT_EQ(a_early.rfind(CaptureKeyPrefix("com,example)/a"), 0), 0u);
  EXPECT_NE(ab_early.rfind(CaptureKeyPrefix("com,example)/a"), 0), 0u);
}

TEST(RecordCodec, CaptureKeyDecodesNegativeTimes) {
  std::string_view urlkey;
  core::Timestamp t{};
  std::string key = EncodeCaptureKey("org,example)/", core::FromMicros(-1234567));
  ASSERT_TRUE(DecodeCaptureKey(key, &urlkey, &t));
  EXPECT_EQ(urlkey, "org,example)/");
  EXPECT_EQ(core::ToMicros(t), -1234567);
  EXPECT_FALSE(DecodeCaptureKey("short", &urlkey, &t));
}

TEST(RecordCodec, TruncatedCaptureValueIsCorruptionAtEveryLength) {
  CaptureRecord in = SampleCapture();
  std::string key = EncodeCaptureKey(in.urlkey, in.time);
  std::string value = EncodeCaptureValue(in);
  for (size_t n = 0; n < value.size(); ++n) {
    auto out = DecodeCapture(key, value.substr(0, n));
    ASSERT_FALSE(out.ok()) << "prefix of " << n << " bytes decoded";
    EXPECT_EQ(out.error().code(), core::StatusCode::kCorruption);
  }
  EXPECT_FALSE(DecodeCapture(key, value + "x").ok()) << "trailing bytes must not be ignored";
}

TEST(RecordCodec, UnknownCaptureFormatIsCorruption) {
  std::string value = EncodeCaptureValue(SampleCapture());
  value[0] = 2;
  auto out = DecodeCapture(EncodeCaptureKey("k", core::FromMicros(1)), value);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), core::StatusCode::kCorruption);
  EXPECT_NE(out.error().message().find("unknown format 2"), std::string::npos);
}

TEST(RecordCodec, VersionKeysSortNumericallyWithinUrlkey) {
  EXPECT_LT(EncodeVersionKey("a", 9), EncodeVersionKey("a", 10));
  EXPECT_LT(EncodeVersionKey("a", 255), EncodeVersionKey("a", 256));
  EXPECT_LT(EncodeVersionKey("a", 70000), EncodeVersionKey("a/b", 1));
}

TEST(RecordCodec, VersionRoundTripsArticleAndDigest) {
  ArticleVersionRecord in;
  in.number = 3;
  in.time = core::FromMicros(1738663872000001);
  in.article.title = "Заголовок";
  in.article.body_text = "First paragraph.\n\nSecond.";
  in.article.authors = {"A", "B"};
  in.text_digest = core::Sha1Base32Digest(in.article.NormalizedText());
  auto out = DecodeVersion(EncodeVersionKey("com,example)/", in.number), EncodeVersionValue(in));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->number, 3u);
  EXPECT_EQ(out->time, in.time);
  EXPECT_EQ(out->text_digest, in.text_digest);
  EXPECT_EQ(out->article.title, in.article.title);
  EXPECT_EQ(out->article.body_text, in.article.body_text);
  EXPECT_EQ(out->article.authors, in.article.authors);
}

TEST(RecordCodec, MalformedVersionJsonIsCorruptionNotAThrow) {
  std::string key = EncodeVersionKey("a", 1);
  for (std::string bad : {"", "{", "[]", R"({"format":1})", R"({"format":"x","time_us":1})",
                          R"({"format":1,"time_us":"soon","text_digest":"","article":{}})",
                          R"({"format":9,"time_us":1,"text_digest":"","article":{}})"}) {
    auto out = DecodeVersion(key, bad);
    ASSERT_FALSE(out.ok()) << bad;
    EXPECT_EQ(out.error().code(), core::StatusCode::kCorruption) << bad;
  }
}

TEST(RecordCodec, UrlRecordRoundTrips) {
  UrlRecord in;
  in.url = "http://example.com/x";
  in.captures = 12;
  in.latest_version = 4;
  in.latest_text_digest = "sha1:ABC";
  in.first_capture = core::FromMicros(-7);
  in.last_capture = core::FromMicros(99);
  in.title = "T";
  in.published = "2025-01-01";
  auto out = DecodeUrlValue(EncodeUrlValue(in));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->url, in.url);
  EXPECT_EQ(out->captures, in.captures);
  EXPECT_EQ(out->latest_version, in.latest_version);
  EXPECT_EQ(out->latest_text_digest, in.latest_text_digest);
  EXPECT_EQ(out->first_capture, in.first_capture);
  EXPECT_EQ(out->last_capture, in.last_capture);
  EXPECT_EQ(out->title, in.title);
  EXPECT_EQ(out->published, in.published);
  EXPECT_FALSE(DecodeUrlValue(EncodeUrlValue(in).substr(0, 5)).ok());
}

TEST(RecordCodec, CountersAreEightByteBigEndian) {
  std::string encoded = EncodeCounter(0x0102030405060708);
  EXPECT_EQ(encoded, std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8));
  auto decoded = DecodeCounter(encoded);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, 0x0102030405060708u);
  EXPECT_FALSE(DecodeCounter("1234567").ok());
}

TEST(RecordCodec, StorageUrlKeyIsSurtKeyWithoutNulBytes) {
  EXPECT_EQ(StorageUrlKey("https://www.example.org/a?b=1&a=2"), "org,example)/a?a=2&b=1");
  EXPECT_EQ(StorageUrlKey("http://example.org/a"), StorageUrlKey("https://example.org/a"));
  EXPECT_EQ(StorageUrlKey(std::string("not a url\0x", 11)).find('\0'), std::string::npos);
}

}  // namespace
}  // namespace newsvault::storage
