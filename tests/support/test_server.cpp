// TestServer over cpp-httplib; see test_server.h for the routes.
#include "tests/support/test_server.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

namespace newsvault::testing {
namespace {

using httplib::DataSink;
using httplib::Request;
using httplib::Response;

constexpr const char* kHtmlUtf8 = "text/html; charset=utf-8";

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    const auto lower = [](char c) {
      return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    };
    return lower(x) == lower(y);
  });
}

// cpp-httplib route patterns are regular expressions; our paths are literal.
std::string LiteralPattern(std::string_view path) {
  std::string pattern;
  for (const char c : path) {
    if (std::string_view(".^$|()[]{}*+?\\").find(c) != std::string_view::npos) pattern += '\\';
    pattern += c;
  }
  return pattern;
}

struct Page {
  std::string content_type;
  std::string body;
};

}  // namespace

std::optional<std::string> LoggedRequest::Header(std::string_view name) const {
  for (const core::HttpHeader& header : headers) {
    if (EqualsIgnoringCase(header.name, name)) return header.value;
  }
  return std::nullopt;
}

struct TestServer::Impl {
  httplib::Server server;
  std::thread thread;
  uint16_t port = 0;
  std::map<std::string, std::string, std::less<>> fixed_bodies;  // set before serving

  mutable std::mutex mu;
  std::vector<LoggedRequest> log;                  // guarded by mu
  std::map<std::string, Page, std::less<>> pages;  // guarded by mu; from SetPage
  int sleeping = 0;                                // guarded by mu; /sleep/N in progress
  int peak_sleeping = 0;                           // guarded by mu

  std::mutex stop_mu;
  std::condition_variable stop_cv;
  bool stopping = false;  // guarded by stop_mu

  // Registers a route that always answers `status` with `body` and `headers`.
  void AddFixed(const std::string& path, int status, std::string content_type, std::string body,
                std::vector<std::pair<std::string, std::string>> headers = {}) {
    fixed_bodies[path] = body;
    server.Get(LiteralPattern(path), [=](const Request&, Response& res) {
      res.status = status;
      for (const auto& [name, value] : headers) res.set_header(name, value);
      res.set_content(body, content_type);
    });
  }

  void AddRedirect(const std::string& path, std::string location, int status) {
    server.Get(LiteralPattern(path),
               [location = std::move(location), status](const Request&, Response& res) {
                 res.set_redirect(location, status);
               });
  }

  // Waits up to `interval` for the server to stop; true when it is stopping.
  bool WaitForStop(std::chrono::milliseconds interval) {
    std::unique_lock<std::mutex> lock(stop_mu);
    return stop_cv.wait_for(lock, interval, [this] { return stopping; });
  }

  httplib::Server::HandlerResponse PreRoute(const Request& req, Response& res);
  void AddRoutes(const std::string& base_url);
};

httplib::Server::HandlerResponse TestServer::Impl::PreRoute(const Request& req, Response& res) {
  LoggedRequest entry;
  entry.method = req.method;
  entry.target = req.target;
  entry.path = req.path;
  entry.remote_port = req.remote_port;
  // cpp-httplib keeps headers in a case-insensitive multimap: grouped by name, not in
  // arrival order.
  for (const auto& [name, value] : req.headers) entry.headers.push_back({name, value});
  std::optional<Page> page;
  {
    std::lock_guard<std::mutex> lock(mu);
    log.push_back(std::move(entry));
    if (auto it = pages.find(req.path); it != pages.end()) page = it->second;
  }
  // cpp-httplib compresses text responses by itself when Accept-Encoding allows gzip or br.
  // Our routes must send exactly their bytes, so the header goes (after logging). The
  // Request is httplib's own non-const object, handed to this hook by const reference.
  const_cast<Request&>(req).headers.erase("Accept-Encoding");
  if (!page) return httplib::Server::HandlerResponse::Unhandled;
  res.status = 200;
  res.set_content(page->body, page->content_type);
  return httplib::Server::HandlerResponse::Handled;
}

void TestServer::Impl::AddRoutes(const std::string& base_url) {
  const std::string story = StoryPageHtml();
  AddFixed("/story.html", 200, kHtmlUtf8, story);
  AddFixed("/gzip.html", 200, kHtmlUtf8, GzipCompress(story),
           {{"Content-Encoding", "gzip"}, {"Vary", "Accept-Encoding"}});

  const std::string chunked = ChunkedPageHtml();
  fixed_bodies["/chunked.html"] = chunked;
  server.Get(LiteralPattern("/chunked.html"), [chunked](const Request&, Response& res) {
    // Four chunks, one per sink.write (RFC 9112 §7.1).
    const size_t chunk_size = (chunked.size() + 3) / 4;
    res.set_chunked_content_provider(
        kHtmlUtf8, [chunked, chunk_size](size_t offset, DataSink& sink) {
          if (offset >= chunked.size()) {
            sink.done();
            return true;
          }
          return sink.write(chunked.data() + offset, std::min(chunk_size, chunked.size() - offset));
        });
  });

  AddRedirect("/redirect/1", "/redirect/2", 302);             // relative reference
  AddRedirect("/redirect/2", base_url + "/story.html", 301);  // absolute URL
  AddRedirect("/loop/a", "/loop/b", 302);
  AddRedirect("/loop/b", "/loop/a", 302);
  server.Get(R"(/redirect-many/(\d+))", [](const Request& req, Response& res) {
    const int remaining = std::atoi(req.matches[1].str().c_str());
    if (remaining <= 0) {
      res.set_content("<html><body><p>End of the redirect chain.</p></body></html>", kHtmlUtf8);
      return;
    }
    res.set_redirect("/redirect-many/" + std::to_string(remaining - 1), 302);
  });

  AddFixed("/missing", 404, kHtmlUtf8,
           "<!DOCTYPE html><html><head><title>Not found</title></head>"
           "<body><h1>Page not found</h1></body></html>\n");
  AddFixed("/unavailable", 503, kHtmlUtf8,
           "<!DOCTYPE html><html><body><h1>Down for maintenance</h1></body></html>\n",
           {{"Retry-After", "120"}});

  server.Get(LiteralPattern("/slow-endless"), [this](const Request&, Response& res) {
    res.set_chunked_content_provider("text/html", [this](size_t offset, DataSink& sink) {
      static const std::string kKibibyte = std::string(1023, 'x') + "\n";
      // The first KiB goes out at once so the client has a head and some body quickly.
      if (offset > 0 && WaitForStop(std::chrono::milliseconds(50))) return false;
      return sink.write(kKibibyte.data(), kKibibyte.size());
    });
  });

  AddFixed("/huge", 200, "text/html", HugePageHtml());
  AddFixed("/broken-gzip.html", 200, kHtmlUtf8, BrokenGzipBytes(), {{"Content-Encoding", "gzip"}});
  AddFixed("/gzip-bomb.html", 200, kHtmlUtf8, GzipBombBytes(), {{"Content-Encoding", "gzip"}});
  const std::string cp1251 = Cp1251PageBytes();
  AddFixed("/cp1251.html", 200, "text/html", cp1251);
  AddFixed("/cp1251-declared.html", 200, "text/html; charset=windows-1251", cp1251);
  AddFixed("/no-charset.html", 200, "text/html", NoCharsetPageHtml());
  AddFixed("/invalid-utf8.html", 200, kHtmlUtf8, InvalidUtf8PageBytes());
  AddFixed("/malformed.html", 200, "text/html", MalformedPageHtml());
  AddFixed("/empty", 200, "text/html", "");
  AddFixed("/image.png", 200, "image/png", TinyPng());

  server.Get(R"(/sleep/(\d+))", [this](const Request& req, Response& res) {
    {
      std::lock_guard<std::mutex> lock(mu);
      peak_sleeping = std::max(peak_sleeping, ++sleeping);
    }
    (void)WaitForStop(std::chrono::milliseconds(std::atoi(req.matches[1].str().c_str())));
    {
      std::lock_guard<std::mutex> lock(mu);
      --sleeping;
    }
    res.set_content("<html><body><p>Slept " + req.matches[1].str() + " ms.</p></body></html>",
                    kHtmlUtf8);
  });
}

TestServer::TestServer() : impl_(std::make_unique<Impl>()) {
  // A short keep-alive wait bounds how long an idle connection can delay shutdown.
  impl_->server.set_keep_alive_timeout(1);
  impl_->server.set_pre_routing_handler(
      [impl = impl_.get()](const Request& req, Response& res) { return impl->PreRoute(req, res); });
  const int port = impl_->server.bind_to_any_port("127.0.0.1");
  if (port <= 0 || port > 65535) {
    std::fprintf(stderr, "TestServer: cannot bind 127.0.0.1 on any port\n");
    std::abort();
  }
  impl_->port = static_cast<uint16_t>(port);
  impl_->AddRoutes(Url(""));
  impl_->thread = std::thread([impl = impl_.get()] { impl->server.listen_after_bind(); });
  // The socket already listens, but stop() only works once the accept loop runs.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!impl_->server.is_running()) {
    if (std::chrono::steady_clock::now() > deadline) {
      std::fprintf(stderr, "TestServer: accept loop did not start\n");
      std::abort();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

TestServer::~TestServer() {
  {
    std::lock_guard<std::mutex> lock(impl_->stop_mu);
    impl_->stopping = true;
  }
  impl_->stop_cv.notify_all();
  impl_->server.stop();
  impl_->thread.join();
}

uint16_t TestServer::port() const { return impl_->port; }

std::string TestServer::Url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(impl_->port) + std::string(path);
}

std::vector<LoggedRequest> TestServer::Requests() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->log;
}

void TestServer::ClearLog() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->log.clear();
}

void TestServer::SetPage(std::string path, std::string content_type, std::string body) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->pages.insert_or_assign(std::move(path), Page{std::move(content_type), std::move(body)});
}

void TestServer::RemovePage(std::string_view path) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (auto it = impl_->pages.find(path); it != impl_->pages.end()) impl_->pages.erase(it);
}

int TestServer::PeakConcurrentSleeps() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->peak_sleeping;
}

std::optional<std::string> TestServer::BodyOf(std::string_view path) const {
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    if (auto it = impl_->pages.find(path); it != impl_->pages.end()) return it->second.body;
  }
  if (auto it = impl_->fixed_bodies.find(path); it != impl_->fixed_bodies.end()) {
    return it->second;
  }
  return std::nullopt;
}

}  // namespace newsvault::testing
