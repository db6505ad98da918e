// CurlHttpClient and FetchWithRedirects over real loopback sockets against TestServer:
// the bytes stored are the bytes that crossed the wire.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/content_decoding.h"
#include "core/http_message.h"
#include "crawler/curl_http_client.h"
#include "crawler/redirect_follower.h"
#include "tests/support/test_server.h"

namespace newsvault::testing {
namespace {

using crawler::CurlHttpClient;
using crawler::FetchOptions;
using crawler::FetchWithRedirects;
using crawler::RedirectChain;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::vector<std::string> LoggedPaths(const TestServer& server) {
  std::vector<std::string> paths;
  for (const LoggedRequest& request : server.Requests()) paths.push_back(request.target);
  return paths;
}

class FetchCurlTest : public ::testing::Test {
 protected:
  FetchCurlTest() {
    options_.user_agent = "newsvault-test/0.1 (+https://example.org/bot)";
    options_.connect_timeout = std::chrono::seconds(5);
    options_.total_timeout = std::chrono::seconds(20);
  }

  core::HttpExchange MustFetch(std::string_view path) {
    core::Result<core::HttpExchange> result = client_.FetchOne(server_.Url(path), options_);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? std::move(result).value() : core::HttpExchange{};
  }

  TestServer server_;
  CurlHttpClient client_;
  FetchOptions options_;
};

TEST_F(FetchCurlTest, KeepsTheRequestAndResponseBytesExactly) {
  const auto before = std::chrono::system_clock::now();
  core::HttpExchange ex = MustFetch("/story.html");

  EXPECT_EQ(ex.url, server_.Url("/story.html"));
  EXPECT_THAT(ex.request_bytes, StartsWith("GET /story.html HTTP/1.1\r\n"));
  EXPECT_THAT(ex.request_bytes, HasSubstr("\r\nUser-Agent: " + options_.user_agent + "\r\n"));
  EXPECT_THAT(ex.request_bytes, HasSubstr("\r\nAccept-Encoding: gzip, deflate, br\r\n"));
  EXPECT_THAT(ex.request_bytes, HasSubstr("\r\nHost: 127.0.0.1:" + std::to_string(server_.port())));
  EXPECT_EQ(ex.request_bytes.substr(ex.request_bytes.size() - 4), "\r\n\r\n");

  EXPECT_THAT(ex.response_head, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_EQ(ex.response_head.substr(ex.response_head.size() - 4), "\r\n\r\n");
  EXPECT_EQ(ex.response_body, server_.BodyOf("/story.html"));
  EXPECT_EQ(ex.status_code, 200);
  EXPECT_EQ(ex.reason, "OK");
  EXPECT_EQ(ex.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(ex.Header("Content-Length"), std::to_string(ex.response_body.size()));
  EXPECT_EQ(ex.truncation, core::Truncation::kNone);

  EXPECT_EQ(ex.remote_ip, "127.0.0.1");
  EXPECT_GE(ex.started, std::chrono::time_point_cast<std::chrono::microseconds>(before) -
                            std::chrono::milliseconds(1));
  EXPECT_LE(ex.started, std::chrono::system_clock::now());
  EXPECT_GT(ex.total_time.count(), 0);
  EXPECT_GE(ex.total_time, ex.connect_time);
}

TEST_F(FetchCurlTest, TheServerSeesExactlyTheRequestsMade) {
  MustFetch("/story.html");
  MustFetch("/missing");

  std::vector<LoggedRequest> log = server_.Requests();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].method, "GET");
  EXPECT_EQ(log[0].path, "/story.html");
  EXPECT_EQ(log[0].Header("user-agent"), options_.user_agent);
  EXPECT_EQ(log[0].Header("Accept-Encoding"), "gzip, deflate, br");
  EXPECT_EQ(log[1].path, "/missing");
}

TEST_F(FetchCurlTest, GzipBodyStaysCompressedAsSent) {
  core::HttpExchange ex = MustFetch("/gzip.html");

  EXPECT_EQ(ex.Header("Content-Encoding"), "gzip");
  ASSERT_EQ(ex.response_body, server_.BodyOf("/gzip.html"));
  ASSERT_GE(ex.response_body.size(), 2u);
  EXPECT_EQ(ex.response_body.substr(0, 2), "\x1f\x8b");
  core::Result<core::DecodedContent> decoded = core::DecodeContent(ex.response_body, "gzip");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->bytes, server_.BodyOf("/story.html"));
}

TEST_F(FetchCurlTest, ChunkedBodyKeepsItsFraming) {
  // RFC 9112 §7.1: the stored body still has chunk-size lines; Dechunk recovers the page.
  core::HttpExchange ex = MustFetch("/chunked.html");

  EXPECT_TRUE(core::IsChunked(ex.headers));
  EXPECT_NE(ex.response_body, server_.BodyOf("/chunked.html"));
  EXPECT_EQ(ex.response_body.substr(ex.response_body.size() - 5), "0\r\n\r\n");
  core::DechunkResult dechunked = core::Dechunk(ex.response_body);
  EXPECT_TRUE(dechunked.complete);
  EXPECT_EQ(dechunked.entity, server_.BodyOf("/chunked.html"));
}

TEST_F(FetchCurlTest, ErrorStatusesAreExchangesNotErrors) {
  core::HttpExchange missing = MustFetch("/missing");
  core::HttpExchange unavailable = MustFetch("/unavailable");

  EXPECT_EQ(missing.status_code, 404);
  EXPECT_THAT(missing.response_head, StartsWith("HTTP/1.1 404 "));
  EXPECT_THAT(missing.response_body, HasSubstr("Page not found"));
  EXPECT_EQ(unavailable.status_code, 503);
  EXPECT_EQ(unavailable.Header("Retry-After"), "120");
}

TEST_F(FetchCurlTest, EmptyAndBinaryBodiesArriveIntact) {
  core::HttpExchange empty = MustFetch("/empty");
  core::HttpExchange image = MustFetch("/image.png");

  EXPECT_EQ(empty.status_code, 200);
  EXPECT_EQ(empty.Header("Content-Length"), "0");
  EXPECT_TRUE(empty.response_body.empty());
  EXPECT_EQ(image.Header("Content-Type"), "image/png");
  EXPECT_EQ(image.response_body, TinyPng());
}

TEST_F(FetchCurlTest, SendsExtraHeadersAndNoAcceptEncodingWhenEmpty) {
  options_.accept_encoding.clear();
  options_.extra_headers = {"If-None-Match: \"v1\""};

  core::HttpExchange ex = MustFetch("/story.html");

  EXPECT_THAT(ex.request_bytes, HasSubstr("\r\nIf-None-Match: \"v1\"\r\n"));
  EXPECT_THAT(ex.request_bytes, ::testing::Not(HasSubstr("Accept-Encoding")));
  ASSERT_EQ(server_.Requests().size(), 1u);
  EXPECT_EQ(server_.Requests()[0].Header("If-None-Match"), "\"v1\"");
  EXPECT_EQ(server_.Requests()[0].Header("Accept-Encoding"), std::nullopt);
}

TEST_F(FetchCurlTest, SeesAPageChangedOnTheServer) {
  server_.SetPage("/story.html", "text/html", "<p>version 2</p>");
  EXPECT_EQ(MustFetch("/story.html").response_body, "<p>version 2</p>");
  server_.RemovePage("/story.html");
  EXPECT_EQ(MustFetch("/story.html").response_body, server_.BodyOf("/story.html"));
}

TEST_F(FetchCurlTest, FollowsARedirectChainHopByHop) {
  RedirectChain chain = FetchWithRedirects(client_, server_.Url("/redirect/1"), options_);

  ASSERT_TRUE(chain.status.ok()) << chain.status.ToString();
  ASSERT_EQ(chain.hops.size(), 3u);
  EXPECT_EQ(chain.hops[0].status_code, 302);
  EXPECT_EQ(chain.hops[1].status_code, 301);
  EXPECT_EQ(chain.hops[2].status_code, 200);
  EXPECT_EQ(chain.hops[1].url, server_.Url("/redirect/2"));
  EXPECT_EQ(chain.hops[2].url, server_.Url("/story.html"));
  EXPECT_THAT(chain.hops[1].request_bytes, StartsWith("GET /redirect/2 HTTP/1.1\r\n"));
  EXPECT_EQ(chain.hops[2].response_body, server_.BodyOf("/story.html"));
  EXPECT_THAT(LoggedPaths(server_), ElementsAre("/redirect/1", "/redirect/2", "/story.html"));
}

TEST_F(FetchCurlTest, StopsARedirectLoopKeepingTheHops) {
  RedirectChain chain = FetchWithRedirects(client_, server_.Url("/loop/a"), options_);

  EXPECT_EQ(chain.status.code(), core::StatusCode::kTooManyRedirects);
  EXPECT_EQ(chain.status.message(), "redirect loop: " + server_.Url("/loop/a") + " -> " +
                                        server_.Url("/loop/b") + " -> " + server_.Url("/loop/a"));
  EXPECT_EQ(chain.hops.size(), 2u);
  EXPECT_THAT(LoggedPaths(server_), ElementsAre("/loop/a", "/loop/b"));
}

TEST_F(FetchCurlTest, FollowsTenRedirectsButNotEleven) {
  RedirectChain ten = FetchWithRedirects(client_, server_.Url("/redirect-many/10"), options_);
  server_.ClearLog();
  RedirectChain eleven = FetchWithRedirects(client_, server_.Url("/redirect-many/11"), options_);

  EXPECT_TRUE(ten.status.ok()) << ten.status.ToString();
  EXPECT_EQ(ten.hops.size(), 11u);
  EXPECT_EQ(eleven.status.code(), core::StatusCode::kTooManyRedirects);
  EXPECT_EQ(eleven.status.message(), "more than 10 redirects");
  EXPECT_EQ(eleven.hops.size(), 11u);
  EXPECT_EQ(server_.Requests().size(), 11u);
}

TEST_F(FetchCurlTest, CutsABodyOverTheLimitAtExactlyTheLimit) {
  options_.max_body_bytes = 100'000;

  core::HttpExchange ex = MustFetch("/huge");

  EXPECT_EQ(ex.status_code, 200);
  EXPECT_EQ(ex.truncation, core::Truncation::kLength);
  ASSERT_EQ(ex.response_body.size(), 100'000u);
  EXPECT_EQ(ex.response_body, server_.BodyOf("/huge")->substr(0, 100'000));
}

TEST_F(FetchCurlTest, KeepsABodyOfExactlyTheLimitWhole) {
  options_.max_body_bytes = server_.BodyOf("/story.html")->size();

  core::HttpExchange ex = MustFetch("/story.html");

  EXPECT_EQ(ex.truncation, core::Truncation::kNone);
  EXPECT_EQ(ex.response_body, server_.BodyOf("/story.html"));
}

TEST_F(FetchCurlTest, StopsAnEndlessBodyAtTheTimeBudget) {
  options_.total_timeout = std::chrono::seconds(1);
  const auto start = std::chrono::steady_clock::now();

  core::HttpExchange ex = MustFetch("/slow-endless");

  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(ex.status_code, 200);
  EXPECT_EQ(ex.truncation, core::Truncation::kTime);
  EXPECT_GE(ex.response_body.size(), 1024u);
  EXPECT_GE(elapsed, std::chrono::milliseconds(900));
  EXPECT_LT(elapsed, std::chrono::milliseconds(2500));
}

TEST_F(FetchCurlTest, ServerShutdownEndsAnEndlessBodyPromptly) {
  // Given a fetch stuck in /slow-endless, destroying the server should end both quickly,
  // and the client should keep the partial body, marked as cut by a disconnect.
  auto server = std::make_unique<TestServer>();
  options_.total_timeout = std::chrono::seconds(30);
  core::Result<core::HttpExchange> result = core::Status::Internal("not fetched");
  std::thread fetch([&] { result = client_.FetchOne(server->Url("/slow-endless"), options_); });
  while (server->Requests().empty()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));

  const auto start = std::chrono::steady_clock::now();
  server.reset();
  const auto shutdown = std::chrono::steady_clock::now() - start;
  fetch.join();

  EXPECT_LT(shutdown, std::chrono::seconds(1));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->truncation, core::Truncation::kDisconnect);
  EXPECT_GE(result->response_body.size(), 1024u);
}

TEST_F(FetchCurlTest, TlsFailureIsANetworkErrorNotWorthRetrying) {
  // Given https:// to a plain-HTTP port, the TLS handshake fails.
  const std::string url = "https://127.0.0.1:" + std::to_string(server_.port()) + "/story.html";

  core::Result<core::HttpExchange> result = client_.FetchOne(url, options_);

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), core::StatusCode::kNetworkError);
  EXPECT_THAT(result.error().message(),
              StartsWith("TLS error with 127.0.0.1:" + std::to_string(server_.port()) + ": "));
  EXPECT_FALSE(result.error().retryable());
}

TEST_F(FetchCurlTest, ServesTheCharsetSituationsAsDeclared) {
  core::HttpExchange undeclared = MustFetch("/cp1251.html");
  core::HttpExchange declared = MustFetch("/cp1251-declared.html");
  core::HttpExchange invalid = MustFetch("/invalid-utf8.html");

  EXPECT_EQ(undeclared.Header("Content-Type"), "text/html");
  EXPECT_EQ(declared.Header("Content-Type"), "text/html; charset=windows-1251");
  EXPECT_EQ(undeclared.response_body, declared.response_body);
  // windows-1251 bytes of the title, and no charset anywhere in the page.
  EXPECT_THAT(undeclared.response_body, HasSubstr(Utf8ToWindows1251(kRussianTitle)));
  EXPECT_THAT(undeclared.response_body, ::testing::Not(HasSubstr("charset")));
  EXPECT_THAT(undeclared.response_body, ::testing::Not(HasSubstr(std::string(kRussianTitle))));
  EXPECT_EQ(invalid.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_THAT(invalid.response_body, HasSubstr("\xED\xA0\x80"));
}

TEST_F(FetchCurlTest, RefusedConnectionIsANetworkErrorNamingTheAddress) {
  uint16_t closed_port = 0;
  {
    TestServer gone;  // its port is free again once it is destroyed
    closed_port = gone.port();
  }
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port) + "/story.html";

  core::Result<core::HttpExchange> result = client_.FetchOne(url, options_);

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), core::StatusCode::kNetworkError);
  EXPECT_EQ(result.error().message(),
            "connection refused by 127.0.0.1:" + std::to_string(closed_port));
  EXPECT_TRUE(result.error().retryable());
}

TEST_F(FetchCurlTest, UnresolvableHostIsANetworkError) {
  // RFC 6761 §6.4: ".invalid" names never resolve.
  const auto start = std::chrono::steady_clock::now();

  core::Result<core::HttpExchange> result =
      client_.FetchOne("http://nonexistent.invalid/", options_);

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), core::StatusCode::kNetworkError) << result.error().ToString();
  EXPECT_EQ(result.error().message(), "could not resolve host 'nonexistent.invalid'");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST_F(FetchCurlTest, OtherSchemesAndGarbageFailWithoutTouchingTheNetwork) {
  core::Result<core::HttpExchange> ftp = client_.FetchOne("ftp://127.0.0.1/file", options_);
  core::Result<core::HttpExchange> mailto = client_.FetchOne("mailto:editor@example.org", options_);
  core::Result<core::HttpExchange> garbage = client_.FetchOne("not a url at all", options_);

  ASSERT_FALSE(ftp.ok());
  EXPECT_EQ(ftp.error().code(), core::StatusCode::kUnsupported);
  EXPECT_THAT(ftp.error().message(), HasSubstr("ftp"));
  ASSERT_FALSE(mailto.ok());
  EXPECT_EQ(mailto.error().code(), core::StatusCode::kUnsupported);
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code(), core::StatusCode::kInvalidArgument);
  EXPECT_TRUE(server_.Requests().empty());
}

}  // namespace
}  // namespace newsvault::testing
