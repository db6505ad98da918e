// Tests for storage/archive.cpp: CaptureRecord::RawResponse.
#include "storage/archive.h"

#include <gtest/gtest.h>

#include "storage/capture_builder.h"
#include "tests/unit/storage/archive_test_util.h"

namespace newsvault::storage {
namespace {

using archive_test::At;
using archive_test::MakeExchange;

TEST(CaptureRecordRawResponse, UnchunkedIsHeadPlusEntity) {
  PreparedCapture p =
      PrepareCapture(MakeExchange("http://example.com/", "HTTP/1.1 200 OK\r\n\r\n", "body", At(1)));
  auto raw = p.record.RawResponse(p.entity);
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  EXPECT_EQ(*raw, "HTTP/1.1 200 OK\r\n\r\nbody");
}

// Given a chunked body with extensions, trailers and odd sizes, the restored
// response must be the received bytes exactly (RFC 9112 §7.1).
TEST(CaptureRecordRawResponse, ChunkedIsRestoredByteForByte) {
  std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  std::string body = "3;x=y\r\nabc\r\nA\r\n0123456789\r\n0\r\nTrailer: 1\r\n\r\n";
  PreparedCapture p = PrepareCapture(MakeExchange("http://example.com/", head, body, At(1)));
  ASSERT_EQ(p.entity, "abc0123456789");
  auto raw = p.record.RawResponse(p.entity);
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  EXPECT_EQ(*raw, head + body);
}

TEST(CaptureRecordRawResponse, WrongEntityLengthIsCorruption) {
  PreparedCapture p =
      PrepareCapture(MakeExchange("http://example.com/", "HTTP/1.1 200 OK\r\n\r\n", "body", At(1)));
  auto raw = p.record.RawResponse("bod");
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.error().code(), core::StatusCode::kCorruption);
}

}  // namespace
}  // namespace newsvault::storage
