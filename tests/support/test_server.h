// TestServer: an in-process HTTP/1.1 server on 127.0.0.1 for integration tests.
//
// It listens on an ephemeral port from construction (the constructor returns once it
// accepts connections) until destruction, serving a fixed set of news-site situations:
//
//   /story.html            a news article (tests/fixtures/pages/story.html, or a built-in one)
//   /gzip.html             the same article, gzip-compressed, Content-Encoding: gzip
//   /chunked.html          an article sent with Transfer-Encoding: chunked, in several chunks
//   /redirect/1            302 -> /redirect/2 (relative), 301 -> /story.html (absolute)
//   /loop/a, /loop/b       302 to each other
//   /redirect-many/N       302 -> /redirect-many/N-1 ... /redirect-many/0 is a small page
//   /missing               404 with a small HTML body
//   /unavailable           503 with Retry-After: 120
//   /slow-endless          a head, then 1 KiB of body every 50 ms, forever (chunked)
//   /huge                  kHugeBodyBytes of HTML
//   /broken-gzip.html      Content-Encoding: gzip on bytes that are not gzip
//   /gzip-bomb.html        Content-Encoding: gzip, ~10 KB that inflate to kGzipBombDecodedBytes
//   /cp1251.html           Russian article in windows-1251, charset declared nowhere
//   /cp1251-declared.html  the same bytes with Content-Type: text/html; charset=windows-1251
//   /no-charset.html       ASCII HTML, no charset anywhere
//   /invalid-utf8.html     declared UTF-8, with invalid byte sequences
//   /malformed.html        badly broken HTML around an article
//   /empty                 200 with an empty body (Content-Length: 0)
//   /image.png             a small real PNG
//   /sleep/N               a small page sent after N ms (sooner when the server stops);
//                          PeakConcurrentSleeps says how many were ever handled at once
//
// Bodies go out exactly as listed whatever the request's Accept-Encoding says (cpp-httplib
// would otherwise compress text responses on its own). SetPage adds or replaces a page at
// runtime, e.g. to change an article between two captures. Every request is logged.
//
// Thread safety: all public methods may be called from any thread while the server runs.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/http_exchange.h"
#include "tests/support/test_server_pages.h"

namespace newsvault::testing {

struct LoggedRequest {
  std::string method;
  std::string target;  // request-target as sent: path and "?query"
  std::string path;    // without the query
  std::vector<core::HttpHeader> headers;
  int remote_port = 0;  // the client's port: requests on one connection share it

  // First value of a header by case-insensitive name.
  std::optional<std::string> Header(std::string_view name) const;
};

class TestServer {
 public:
  // Binds 127.0.0.1 on a free port and starts serving; aborts the test binary if it cannot.
  TestServer();
  // Stops promptly, also while /slow-endless responses are being sent.
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  uint16_t port() const;
  // "http://127.0.0.1:PORT" + path ("/story.html").
  std::string Url(std::string_view path) const;

  // Requests received so far, in arrival order.
  std::vector<LoggedRequest> Requests() const;
  void ClearLog();

  // Serves `body` with status 200 and `content_type` at exactly `path` (no query), replacing a
  // built-in route or an earlier SetPage.
  void SetPage(std::string path, std::string content_type, std::string body);
  // Undoes SetPage for `path`; a built-in route there comes back.
  void RemovePage(std::string_view path);

  // The body bytes a fixed route sends, content-encoded but without chunk framing (what a
  // client's payload should be), or nullopt for a path without a fixed body.
  std::optional<std::string> BodyOf(std::string_view path) const;

  // The most /sleep/N requests being handled at the same moment, since construction.
  int PeakConcurrentSleeps() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsvault::testing
