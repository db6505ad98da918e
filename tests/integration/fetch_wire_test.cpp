// CurlHttpClient against a scripted raw socket on 127.0.0.1, for responses no well-behaved
// server library sends on demand: interim 1xx heads, connections cut mid-body, replies with
// nothing in them.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crawler/curl_http_client.h"

namespace newsvault::testing {
namespace {

using crawler::CurlHttpClient;
using crawler::FetchOptions;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// Accepts one connection, reads the request head, writes `reply` and closes the socket.
class OneShotRawServer {
 public:
  explicit OneShotRawServer(std::string reply) : reply_(std::move(reply)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
        ::listen(listen_fd_, 1) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      ADD_FAILURE() << "cannot listen on 127.0.0.1";
      return;
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~OneShotRawServer() {
    ::shutdown(listen_fd_, SHUT_RDWR);  // unblocks accept() if no client came
    if (thread_.joinable()) thread_.join();
    ::close(listen_fd_);
  }

  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/page"; }
  std::string request() {
    if (thread_.joinable()) thread_.join();
    return request_;
  }

 private:
  void Serve() {
    const int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) return;
    char buffer[4096];
    while (request_.find("\r\n\r\n") == std::string::npos) {
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      request_.append(buffer, static_cast<size_t>(n));
    }
    size_t sent = 0;
    while (sent < reply_.size()) {
      const ssize_t n = ::send(fd, reply_.data() + sent, reply_.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    ::close(fd);
  }

  std::string reply_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::thread thread_;
  std::string request_;
};

FetchOptions TestOptions() {
  FetchOptions options;
  options.connect_timeout = std::chrono::seconds(5);
  options.total_timeout = std::chrono::seconds(10);
  return options;
}

TEST(FetchWire, DropsInterimResponsesAndKeepsTheFinalHead) {
  // RFC 9110 §15.2: a 103 Early Hints head may precede the real response; only the final
  // response is the exchange.
  OneShotRawServer server(
      "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello");
  CurlHttpClient client;

  core::Result<core::HttpExchange> result = client.FetchOne(server.Url(), TestOptions());

  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->response_head,
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\n");
  EXPECT_EQ(result->status_code, 200);
  EXPECT_EQ(result->response_body, "hello");
  EXPECT_EQ(result->Header("Link"), std::nullopt);
}

TEST(FetchWire, KeepsHeaderCaseOrderAndOddBytesVerbatim) {
  const std::string head =
      "HTTP/1.1 200 Fine Thanks\r\nX-lower: a\r\nSERVER: Odd\xC3\xA9\r\nx-dup: 1\r\n"
      "X-Dup: 2\r\nContent-Length: 2\r\n\r\n";
  OneShotRawServer server(head + "ok");
  CurlHttpClient client;

  core::Result<core::HttpExchange> result = client.FetchOne(server.Url(), TestOptions());

  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->response_head, head);
  EXPECT_EQ(result->reason, "Fine Thanks");
  EXPECT_THAT(server.request(), StartsWith("GET /page HTTP/1.1\r\n"));
  EXPECT_EQ(result->request_bytes, server.request());
}

TEST(FetchWire, ConnectionCutMidBodyIsTruncatedByDisconnect) {
  OneShotRawServer server(
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n<p>only part");
  CurlHttpClient client;

  core::Result<core::HttpExchange> result = client.FetchOne(server.Url(), TestOptions());

  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->status_code, 200);
  EXPECT_EQ(result->response_body, "<p>only part");
  EXPECT_EQ(result->truncation, core::Truncation::kDisconnect);
}

TEST(FetchWire, ChunkedBodyCutBeforeTheLastChunkIsTruncatedByDisconnect) {
  OneShotRawServer server(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n wor");
  CurlHttpClient client;

  core::Result<core::HttpExchange> result = client.FetchOne(server.Url(), TestOptions());

  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->response_body, "5\r\nhello\r\n6\r\n wor");
  EXPECT_EQ(result->truncation, core::Truncation::kDisconnect);
}

TEST(FetchWire, BodyUntilCloseWithoutLengthIsComplete) {
  // RFC 9112 §6.3 rule 8: without Content-Length or chunking, the body ends at close.
  OneShotRawServer server("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it");
  CurlHttpClient client;

  core::Result<core::HttpExchange> result = client.FetchOne(server.Url(), TestOptions());

  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->response_body, "all of it");
  EXPECT_EQ(result->truncation, core::Truncation::kNone);
}

TEST(FetchWire, EmptyReplyIsANetworkError) {
  OneShotRawServer server("");
  CurlHttpClient client;

  core::Result<core::HttpExchange> result = client.FetchOne(server.Url(), TestOptions());

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), core::StatusCode::kNetworkError);
  EXPECT_THAT(result.error().message(), HasSubstr("127.0.0.1:"));
  EXPECT_THAT(result.error().message(), HasSubstr("without a response"));
}

TEST(FetchWire, ServerThatNeverAnswersIsATimeout) {
  // A listening socket nobody accepts on: the connection succeeds, no response ever comes.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), len), 0);
  ASSERT_EQ(::listen(fd, 1), 0);
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  FetchOptions options = TestOptions();
  options.total_timeout = std::chrono::milliseconds(500);
  CurlHttpClient client;

  core::Result<core::HttpExchange> result =
      client.FetchOne("http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/", options);
  ::close(fd);

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), core::StatusCode::kTimeout);
  EXPECT_THAT(result.error().message(), HasSubstr("no response from 127.0.0.1:"));
  EXPECT_THAT(result.error().message(), HasSubstr("500 ms"));
}

}  // namespace
}  // namespace newsvault::testing
