// Helpers for archive tests: exchanges and articles built from literal HTTP
// bytes (temporary directories come from tests/support/process.h). Shared by
// tests/unit/storage and tests/integration.
//
// Thread safety: none needed; each test owns its objects.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>

#include "core/article.h"
#include "core/http_exchange.h"
#include "core/http_message.h"
#include "core/timestamp.h"

namespace newsvault::storage::archive_test {

inline core::Timestamp At(int64_t micros) { return core::FromMicros(micros); }

// An exchange whose head, headers and body are exactly the given bytes.
inline core::HttpExchange MakeExchange(std::string url, std::string head, std::string body,
                                       core::Timestamp started) {
  core::HttpExchange ex;
  ex.url = std::move(url);
  ex.request_bytes = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n";
  ex.response_head = std::move(head);
  ex.response_body = std::move(body);
  auto parsed = core::ParseResponseHead(ex.response_head);
  if (parsed.ok()) {
    ex.status_code = parsed->status_code;
    ex.reason = parsed->reason;
    ex.headers = parsed->headers;
  }
  ex.remote_ip = "127.0.0.1";
  ex.started = started;
  ex.connect_time = std::chrono::microseconds(1500);
  ex.total_time = std::chrono::microseconds(42000);
  return ex;
}

inline core::HttpExchange HtmlExchange(std::string url, std::string body, core::Timestamp started) {
  return MakeExchange(std::move(url),
                      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
                          std::to_string(body.size()) + "\r\n\r\n",
                      std::move(body), started);
}

inline core::Article MakeArticle(std::string title, std::string body) {
  core::Article a;
  a.title = std::move(title);
  a.body_text = std::move(body);
  a.published = "2025-02-04T10:00:00+01:00";
  a.authors = {"A. Writer"};
  return a;
}

}  // namespace newsvault::storage::archive_test
