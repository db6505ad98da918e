// Issue 3 item 9 ("cap decompressed size"): a gzip bomb fetched over real loopback HTTP is
// kept as sent (about 10 KB, still compressed) and the parser's decoded copy stops at
// max_decoded_bytes (PageArchiverOptions::max_decoded_bytes -> parser::DecodePage) instead
// of inflating to 10 MiB.
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "core/http_exchange.h"
#include "crawler/curl_http_client.h"
#include "parser/page_decoder.h"
#include "tests/support/test_server.h"
#include "tests/support/test_server_pages.h"

namespace newsvault::testing {
namespace {

TEST(GzipBomb, IsStoredCompressedAndDecodedOnlyUpToTheCap) {
  // Given /gzip-bomb.html (10 MiB of mostly zeros, ~10 KB gzipped, Content-Encoding: gzip),
  // we should store the compressed bytes and decode no more than the 1 MiB cap.
  TestServer server;
  crawler::CurlHttpClient client;
  core::Result<core::HttpExchange> exchange =
      client.FetchOne(server.Url("/gzip-bomb.html"), crawler::FetchOptions{});
  ASSERT_TRUE(exchange.ok()) << exchange.status().ToString();
  EXPECT_EQ(exchange->response_body, GzipBombBytes());
  EXPECT_LT(exchange->response_body.size(), 64u << 10);
  EXPECT_EQ(exchange->Header("Content-Encoding"), "gzip");

  constexpr size_t kCap = 1u << 20;
  ASSERT_LT(kCap, kGzipBombDecodedBytes);
  core::Result<parser::DecodedPage> page =
      parser::DecodePage(exchange->response_body, exchange->Header("Content-Type").value_or(""),
                         exchange->Header("Content-Encoding").value_or(""), kCap);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_TRUE(page->body_truncated);
  EXPECT_TRUE(page->is_html);
  EXPECT_LE(page->text.utf8.size(), kCap);
  EXPECT_EQ(page->text.utf8.substr(0, 15), "<!DOCTYPE html>");
}

TEST(GzipBomb, DecodesWholeWhenTheCapIsAboveItsSize) {
  // The control: with room for all of it, the same body decodes in full and is not marked
  // truncated, so the cut above is the cap's doing.
  core::Result<parser::DecodedPage> page = parser::DecodePage(
      GzipBombBytes(), "text/html; charset=utf-8", "gzip", kGzipBombDecodedBytes);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_FALSE(page->body_truncated);
  EXPECT_EQ(page->text.utf8.size(), kGzipBombDecodedBytes);
}

}  // namespace
}  // namespace newsvault::testing
