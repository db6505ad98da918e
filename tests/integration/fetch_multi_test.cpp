// CurlMultiFetcher over real loopback sockets against several TestServers: many transfers
// in flight on one I/O thread, with the exact bytes CurlHttpClient gets, per-host connection
// limits seen from the server side, cancellation, shutdown, and the private-address policy
// (issue 3 items 4 and 9).
#include "crawler/curl_multi_fetcher.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/http_exchange.h"
#include "core/status.h"
#include "crawler/curl_http_client.h"
#include "tests/support/test_server.h"

namespace newsvault::testing {
namespace {

using crawler::CurlHttpClient;
using crawler::CurlMultiFetcher;
using crawler::CurlMultiFetcherOptions;
using crawler::FetchOptions;
using crawler::FetchRequest;
using crawler::FetchResult;
using std::chrono::milliseconds;
using std::chrono::steady_clock;
using ::testing::HasSubstr;

FetchOptions TestOptions() {
  FetchOptions options;
  options.user_agent = "newsvault-test/0.1 (+https://example.org/bot)";
  options.connect_timeout = std::chrono::seconds(5);
  options.total_timeout = std::chrono::seconds(30);
  return options;
}

FetchRequest Request(uint64_t id, std::string url, FetchOptions options = TestOptions()) {
  return FetchRequest{id, std::move(url), std::move(options)};
}

// Collects results until `count` have arrived or `budget` is spent, keyed by id.
std::map<uint64_t, core::Result<core::HttpExchange>> Collect(
    crawler::Fetcher& fetcher, size_t count, milliseconds budget = milliseconds(60'000)) {
  std::map<uint64_t, core::Result<core::HttpExchange>> by_id;
  const auto deadline = steady_clock::now() + budget;
  while (by_id.size() < count && steady_clock::now() < deadline) {
    for (FetchResult& result : fetcher.WaitForResults(milliseconds(200))) {
      EXPECT_EQ(by_id.count(result.id), 0u) << "result " << result.id << " returned twice";
      by_id.insert_or_assign(result.id, std::move(result.exchange));
    }
  }
  return by_id;
}

// The head without the connection-management lines, which depend on how many requests the
// connection had carried (cpp-httplib closes a connection after 5).
std::string HeadWithoutConnectionFields(const std::string& head) {
  std::string kept;
  size_t start = 0;
  while (start < head.size()) {
    size_t end = head.find("\r\n", start);
    end = end == std::string::npos ? head.size() : end + 2;
    const std::string line = head.substr(start, end - start);
    std::string lower = line;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower.rfind("connection:", 0) != 0 && lower.rfind("keep-alive:", 0) != 0) kept += line;
    start = end;
  }
  return kept;
}

// Waits until `server` has logged `count` requests.
bool WaitForRequests(const TestServer& server, size_t count) {
  const auto deadline = steady_clock::now() + std::chrono::seconds(10);
  while (server.Requests().size() < count) {
    if (steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(milliseconds(5));
  }
  return true;
}

TEST(FetchMulti, ManyTransfersOverSeveralHostsArriveWithTheSameBytesAsOneByOne) {
  // Given 4 hosts and 14 routes each (56 transfers) submitted at once, we should get every
  // exchange with the bytes CurlHttpClient gets for the same URL.
  std::vector<std::unique_ptr<TestServer>> servers;
  for (int i = 0; i < 4; ++i) servers.push_back(std::make_unique<TestServer>());
  const std::vector<std::string> paths = {
      "/story.html",      "/gzip.html",  "/chunked.html",   "/missing",   "/unavailable",
      "/redirect/1",      "/redirect/2", "/empty",          "/image.png", "/cp1251.html",
      "/no-charset.html", "/huge",       "/malformed.html", "/sleep/20"};
  std::vector<std::string> urls;
  for (const auto& server : servers) {
    for (const std::string& path : paths) urls.push_back(server->Url(path));
  }
  ASSERT_GE(urls.size(), 50u);

  CurlMultiFetcher fetcher(
      CurlMultiFetcherOptions{.max_total_connections = 8, .max_host_connections = 2});
  for (size_t i = 0; i < urls.size(); ++i) fetcher.Submit(Request(i + 1, urls[i]));
  EXPECT_EQ(fetcher.InFlight(), urls.size());
  auto results = Collect(fetcher, urls.size());
  ASSERT_EQ(results.size(), urls.size());
  EXPECT_EQ(fetcher.InFlight(), 0u);

  CurlHttpClient client;
  for (size_t i = 0; i < urls.size(); ++i) {
    SCOPED_TRACE(urls[i]);
    const core::Result<core::HttpExchange>& multi = results.at(i + 1);
    ASSERT_TRUE(multi.ok()) << multi.status().ToString();
    core::Result<core::HttpExchange> single = client.FetchOne(urls[i], TestOptions());
    ASSERT_TRUE(single.ok()) << single.status().ToString();
    EXPECT_EQ(multi->url, single->url);
    EXPECT_EQ(multi->request_bytes, single->request_bytes);
    EXPECT_EQ(HeadWithoutConnectionFields(multi->response_head),
              HeadWithoutConnectionFields(single->response_head));
    EXPECT_EQ(multi->response_body, single->response_body);
    EXPECT_EQ(multi->status_code, single->status_code);
    EXPECT_EQ(multi->reason, single->reason);
    EXPECT_EQ(multi->truncation, core::Truncation::kNone);
    EXPECT_EQ(multi->remote_ip, "127.0.0.1");
    EXPECT_GE(multi->total_time, multi->connect_time);
  }
  // The fixed routes' bodies are known independently of either client.
  EXPECT_EQ(results.at(1)->response_body, servers[0]->BodyOf("/story.html"));
  EXPECT_EQ(results.at(2)->response_body, servers[0]->BodyOf("/gzip.html"));
}

TEST(FetchMulti, OneConnectionPerHostMeansRequestsToAHostNeverOverlap) {
  // Given 8 slow requests to one host and max_host_connections = 1, the server should
  // never handle two at once, and they should share kept-alive connections.
  TestServer server;
  CurlMultiFetcher fetcher(
      CurlMultiFetcherOptions{.max_total_connections = 32, .max_host_connections = 1});
  constexpr int kRequests = 8;
  for (int i = 0; i < kRequests; ++i) fetcher.Submit(Request(i, server.Url("/sleep/60")));
  auto results = Collect(fetcher, kRequests);
  ASSERT_EQ(results.size(), size_t{kRequests});
  for (const auto& [id, result] : results) {
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->status_code, 200);
  }
  EXPECT_EQ(server.PeakConcurrentSleeps(), 1);
  std::set<int> ports;
  for (const LoggedRequest& request : server.Requests()) ports.insert(request.remote_port);
  // cpp-httplib serves at most 5 requests per connection, so 8 need 2 when reused.
  EXPECT_EQ(ports.size(), 2u);
}

TEST(FetchMulti, SeveralConnectionsPerHostOverlapWhenAllowed) {
  // Given the same load with max_host_connections = 4, the server should see overlap: the
  // assertion above is sensitive to the limit.
  TestServer server;
  CurlMultiFetcher fetcher(
      CurlMultiFetcherOptions{.max_total_connections = 32, .max_host_connections = 4});
  constexpr int kRequests = 8;
  for (int i = 0; i < kRequests; ++i) fetcher.Submit(Request(i, server.Url("/sleep/200")));
  auto results = Collect(fetcher, kRequests);
  ASSERT_EQ(results.size(), size_t{kRequests});
  EXPECT_GE(server.PeakConcurrentSleeps(), 2);
  EXPECT_LE(server.PeakConcurrentSleeps(), 4);
}

TEST(FetchMulti, HostsProceedInParallelWhileEachHasOneConnection) {
  // Given 3 hosts with 4 x 250 ms requests each, one connection per host: serial per host
  // (about 1 s each) but the hosts side by side, so well under the 3 s of one queue.
  std::vector<std::unique_ptr<TestServer>> servers;
  for (int i = 0; i < 3; ++i) servers.push_back(std::make_unique<TestServer>());
  CurlMultiFetcher fetcher;
  uint64_t id = 0;
  const auto start = steady_clock::now();
  for (int round = 0; round < 4; ++round) {
    for (const auto& server : servers) fetcher.Submit(Request(++id, server->Url("/sleep/250")));
  }
  auto results = Collect(fetcher, id);
  const auto elapsed = steady_clock::now() - start;
  ASSERT_EQ(results.size(), id);
  for (const auto& server : servers) EXPECT_EQ(server->PeakConcurrentSleeps(), 1);
  EXPECT_GE(elapsed, milliseconds(950));
  EXPECT_LT(elapsed, milliseconds(2500));
}

TEST(FetchMulti, AppliesTheBodyLimitAndTimeBudgetLikeTheSingleClient) {
  TestServer server;
  CurlMultiFetcher fetcher;
  FetchOptions limited = TestOptions();
  limited.max_body_bytes = 100'000;
  FetchOptions hurried = TestOptions();
  hurried.total_timeout = std::chrono::seconds(1);
  fetcher.Submit(Request(1, server.Url("/huge"), limited));
  fetcher.Submit(Request(2, server.Url("/slow-endless"), hurried));
  auto results = Collect(fetcher, 2);
  ASSERT_EQ(results.size(), 2u);
  ASSERT_TRUE(results.at(1).ok()) << results.at(1).status().ToString();
  EXPECT_EQ(results.at(1)->truncation, core::Truncation::kLength);
  EXPECT_EQ(results.at(1)->response_body, server.BodyOf("/huge")->substr(0, 100'000));
  ASSERT_TRUE(results.at(2).ok()) << results.at(2).status().ToString();
  EXPECT_EQ(results.at(2)->truncation, core::Truncation::kTime);
  EXPECT_GE(results.at(2)->response_body.size(), 1024u);
}

TEST(FetchMulti, ReportsABadUrlAtOnceWithoutTouchingTheNetwork) {
  CurlMultiFetcher fetcher;
  fetcher.Submit(Request(5, "ftp://127.0.0.1/file"));
  fetcher.Submit(Request(6, "not a url"));
  auto results = Collect(fetcher, 2, milliseconds(5000));
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results.at(5).status().code(), core::StatusCode::kUnsupported);
  EXPECT_FALSE(results.at(6).ok());
  EXPECT_EQ(fetcher.InFlight(), 0u);
}

TEST(FetchMulti, WaitForResultsTimesOutEmptyWhenNothingFinishes) {
  CurlMultiFetcher fetcher;
  const auto start = steady_clock::now();
  EXPECT_TRUE(fetcher.WaitForResults(milliseconds(150)).empty());
  EXPECT_GE(steady_clock::now() - start, milliseconds(140));
  EXPECT_EQ(fetcher.InFlight(), 0u);
}

TEST(FetchMulti, WakeEndsABlockedWaitEarly) {
  TestServer server;
  CurlMultiFetcher fetcher;
  fetcher.Submit(Request(1, server.Url("/sleep/5000")));
  std::thread waker([&fetcher] {
    std::this_thread::sleep_for(milliseconds(100));
    fetcher.Wake();
  });
  const auto start = steady_clock::now();
  const std::vector<FetchResult> results = fetcher.WaitForResults(milliseconds(20'000));
  const auto elapsed = steady_clock::now() - start;
  waker.join();
  EXPECT_TRUE(results.empty());
  EXPECT_LT(elapsed, milliseconds(3000));
  EXPECT_EQ(fetcher.InFlight(), 1u);
}

TEST(FetchMulti, CancelAllReturnsEndlessTransfersAsCancelledQuickly) {
  // Given endless transfers on two hosts, CancelAll should end them within a moment and
  // the next WaitForResults should return each as Cancelled; the fetcher keeps working.
  TestServer a;
  TestServer b;
  CurlMultiFetcher fetcher;
  fetcher.Submit(Request(7, a.Url("/slow-endless")));
  fetcher.Submit(Request(8, b.Url("/slow-endless")));
  ASSERT_TRUE(WaitForRequests(a, 1));
  ASSERT_TRUE(WaitForRequests(b, 1));

  const auto start = steady_clock::now();
  fetcher.CancelAll();
  std::vector<FetchResult> results = fetcher.WaitForResults(milliseconds(0));
  EXPECT_LT(steady_clock::now() - start, milliseconds(1000));
  ASSERT_EQ(results.size(), 2u);
  for (const FetchResult& result : results) {
    EXPECT_TRUE(result.id == 7 || result.id == 8) << result.id;
    EXPECT_EQ(result.exchange.status().code(), core::StatusCode::kCancelled);
    EXPECT_THAT(result.exchange.status().message(), HasSubstr("/slow-endless"));
  }
  EXPECT_EQ(fetcher.InFlight(), 0u);

  fetcher.Submit(Request(9, a.Url("/story.html")));
  auto after = Collect(fetcher, 1);
  ASSERT_EQ(after.count(9), 1u);
  ASSERT_TRUE(after.at(9).ok()) << after.at(9).status().ToString();
  EXPECT_EQ(after.at(9)->response_body, a.BodyOf("/story.html"));
}

TEST(FetchMulti, DestructorWithTransfersInFlightReturnsPromptly) {
  // Given endless and slow transfers in flight, and some never started, destroying the
  // fetcher should stop its thread and free every handle (ASan checks the freeing).
  TestServer a;
  TestServer b;
  const auto start = steady_clock::now();
  {
    CurlMultiFetcher fetcher(
        CurlMultiFetcherOptions{.max_total_connections = 4, .max_host_connections = 1});
    uint64_t id = 0;
    for (int i = 0; i < 10; ++i) {
      fetcher.Submit(Request(++id, a.Url("/slow-endless")));
      fetcher.Submit(Request(++id, b.Url("/sleep/10000")));
    }
    ASSERT_TRUE(WaitForRequests(a, 1));
    ASSERT_TRUE(WaitForRequests(b, 1));
    EXPECT_EQ(fetcher.InFlight(), 20u);
  }
  EXPECT_LT(steady_clock::now() - start, milliseconds(5000));
}

TEST(FetchMulti, SendsExtraHeaders) {
  TestServer server;
  CurlMultiFetcher fetcher;
  FetchOptions options = TestOptions();
  options.extra_headers = {"If-None-Match: \"v1\"",
                           "If-Modified-Since: Tue, 21 Oct 2025 07:28:00 GMT"};
  fetcher.Submit(Request(1, server.Url("/story.html"), options));
  auto results = Collect(fetcher, 1);
  ASSERT_EQ(results.size(), 1u);
  ASSERT_TRUE(results.at(1).ok()) << results.at(1).status().ToString();
  EXPECT_THAT(results.at(1)->request_bytes, HasSubstr("\r\nIf-None-Match: \"v1\"\r\n"));
  const std::vector<LoggedRequest> log = server.Requests();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].Header("If-None-Match"), "\"v1\"");
  EXPECT_EQ(log[0].Header("If-Modified-Since"), "Tue, 21 Oct 2025 07:28:00 GMT");
}

// --- Private addresses (issue 3 item 9) ---

FetchOptions NoPrivate() {
  FetchOptions options = TestOptions();
  options.allow_private_addresses = false;
  return options;
}

std::string ExpectedRefusal(const TestServer& server, std::string_view path) {
  return "refused to connect to 127.0.0.1 (loopback address) for " + server.Url(path) +
         "; set allow_private_addresses = true to allow";
}

TEST(FetchPrivateAddress, SingleClientRefusesLoopbackWithoutSendingARequest) {
  TestServer server;
  CurlHttpClient client;
  core::Result<core::HttpExchange> result = client.FetchOne(server.Url("/story.html"), NoPrivate());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), core::StatusCode::kPermissionDenied);
  EXPECT_EQ(result.error().message(), ExpectedRefusal(server, "/story.html"));
  EXPECT_FALSE(result.error().retryable());
  EXPECT_TRUE(server.Requests().empty());

  // The same fetch with the default options goes through: the refusal is the policy's.
  EXPECT_TRUE(client.FetchOne(server.Url("/story.html"), TestOptions()).ok());
  EXPECT_EQ(server.Requests().size(), 1u);
}

TEST(FetchPrivateAddress, SingleClientChecksTheResolvedAddressOfAName) {
  // Given a host name (not an IP literal) that resolves to loopback, we should refuse it
  // too: the check is on the address connected to, not on the URL text.
  TestServer server;
  CurlHttpClient client;
  const std::string url = "http://localhost:" + std::to_string(server.port()) + "/story.html";
  core::Result<core::HttpExchange> result = client.FetchOne(url, NoPrivate());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), core::StatusCode::kPermissionDenied);
  EXPECT_THAT(result.error().message(), HasSubstr("(loopback address) for " + url));
  EXPECT_TRUE(server.Requests().empty());
}

TEST(FetchPrivateAddress, MultiFetcherRefusesLoopbackWithoutSendingARequest) {
  TestServer server;
  CurlMultiFetcher fetcher;
  fetcher.Submit(Request(1, server.Url("/story.html"), NoPrivate()));
  fetcher.Submit(
      Request(2, "http://localhost:" + std::to_string(server.port()) + "/x", NoPrivate()));
  auto results = Collect(fetcher, 2);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results.at(1).status().code(), core::StatusCode::kPermissionDenied);
  EXPECT_EQ(results.at(1).status().message(), ExpectedRefusal(server, "/story.html"));
  EXPECT_EQ(results.at(2).status().code(), core::StatusCode::kPermissionDenied);
  EXPECT_TRUE(server.Requests().empty());
}

TEST(FetchPrivateAddress, MultiFetcherRefusesAKeptAliveConnectionToo) {
  // Given a kept-alive connection to loopback opened by a transfer that allowed it, a later
  // transfer that does not should not be sent over it.
  TestServer server;
  CurlMultiFetcher fetcher;
  fetcher.Submit(Request(1, server.Url("/story.html")));
  auto first = Collect(fetcher, 1);
  ASSERT_TRUE(first.at(1).ok()) << first.at(1).status().ToString();

  fetcher.Submit(Request(2, server.Url("/chunked.html"), NoPrivate()));
  auto second = Collect(fetcher, 1);
  ASSERT_EQ(second.count(2), 1u);
  EXPECT_EQ(second.at(2).status().code(), core::StatusCode::kPermissionDenied);
  EXPECT_EQ(second.at(2).status().message(), ExpectedRefusal(server, "/chunked.html"));
  EXPECT_EQ(server.Requests().size(), 1u);
}

}  // namespace
}  // namespace newsvault::testing
