// NewsFixtureSite over cpp-httplib; see news_fixture_site.h for what it serves.
#include "tests/support/news_fixture_site.h"

#include <httplib.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "core/ascii.h"
#include "core/timestamp.h"
#include "tests/support/test_server_pages.h"

namespace newsvault::testing {
namespace {

using httplib::Request;
using httplib::Response;

constexpr const char* kHtml = "text/html; charset=utf-8";

struct ArticleState {
  FixtureArticleSpec spec;
  std::string body_text;
  int revision = 1;  // bumped by SetArticleBody; drives ETag and Last-Modified
};

struct Reply {
  int status = 200;
  std::string content_type = kHtml;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// IMF-fixdate (RFC 9110 §5.6.7) of 2026-11-27T20:00:00Z plus `minutes`.
std::string HttpDate(int minutes) {
  std::tm base{};
  base.tm_year = 2026 - 1900;
  base.tm_mon = 10;
  base.tm_mday = 27;
  base.tm_hour = 20;
  const std::time_t t = timegm(&base) + std::time_t{minutes} * 60;
  std::tm parts{};
  gmtime_r(&t, &parts);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &parts);
  return buf;
}

// RFC 9110 §13.1.2: If-None-Match uses weak comparison; "*" matches any.
bool EtagListMatches(std::string_view list, std::string_view etag) {
  while (!list.empty()) {
    const size_t comma = list.find(',');
    std::string item(core::TrimAsciiSpace(list.substr(0, comma)));
    if (item.rfind("W/", 0) == 0) item.erase(0, 2);
    if (item == "*" || item == etag) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

struct NewsFixtureSite::Impl {
  struct Host {
    httplib::Server server;
    std::thread thread;
    int port = 0;
    std::string base_url;
  };
  std::vector<FixtureHostSpec> specs;
  std::vector<std::unique_ptr<Host>> hosts;
  std::string child_sitemap_gz;  // of the sitemap host; fixed once bound

  mutable std::mutex mu;
  std::vector<std::vector<ArticleState>> articles;  // guarded by mu; per host
  std::vector<FixtureRequest> log;                  // guarded by mu
  std::map<std::pair<int, int>, size_t> open;       // guarded by mu; (host, port) -> log index
  bool flaky_failed_once = false;                   // guarded by mu

  httplib::Server::HandlerResponse PreRoute(int host, const Request& req, Response& res);
  void Logged(int host, const Request& req, const Response& res);
  Reply Serve(int host, const Request& req);
  Reply ServeArticle(int host, const ArticleState& article, const Request& req);  // REQUIRES: mu
};

httplib::Server::HandlerResponse NewsFixtureSite::Impl::PreRoute(int host, const Request& req,
                                                                 Response& res) {
  FixtureRequest entry;
  entry.host = host;
  entry.address = req.local_addr;
  entry.method = req.method;
  entry.target = req.target;
  entry.path = req.path;
  entry.user_agent = req.get_header_value("User-Agent");
  entry.if_none_match = req.get_header_value("If-None-Match");
  entry.if_modified_since = req.get_header_value("If-Modified-Since");
  entry.remote_port = req.remote_port;
  entry.start = entry.end = std::chrono::steady_clock::now();
  const Reply reply = Serve(host, req);
  entry.status = reply.status;
  {
    std::lock_guard<std::mutex> lock(mu);
    open[{host, req.remote_port}] = log.size();
    log.push_back(std::move(entry));
  }
  // cpp-httplib compresses text responses by itself when Accept-Encoding allows
  // it; the fixture must send exactly its bytes so payload digests are stable.
  // The Request is httplib's own non-const object, handed here by const reference.
  const_cast<Request&>(req).headers.erase("Accept-Encoding");
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) res.set_header(name, value);
  if (reply.status != 304) res.set_content(reply.body, reply.content_type);
  return httplib::Server::HandlerResponse::Handled;
}

// cpp-httplib calls its logger once the response has been written.
void NewsFixtureSite::Impl::Logged(int host, const Request& req, const Response&) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mu);
  const auto it = open.find({host, req.remote_port});
  if (it == open.end()) return;
  log[it->second].end = now;
  log[it->second].finished = true;
  open.erase(it);
}

Reply NewsFixtureSite::Impl::Serve(int host, const Request& req) {
  const FixtureHostSpec& spec = specs[static_cast<size_t>(host)];
  const std::string& base = hosts[static_cast<size_t>(host)]->base_url;
  const std::string& path = req.path;
  if (path == "/robots.txt") return {200, "text/plain", FixtureRobotsTxt(spec, base), {}};
  if (path == "/") return {200, kHtml, FixtureFrontPageHtml(spec, base), {}};
  if (path == kFixtureSectionPath) return {200, kHtml, FixtureSectionPageHtml(spec, base), {}};
  for (const std::string_view private_path : kFixturePrivatePaths) {
    if (path == private_path) return {200, kHtml, FixturePrivatePageHtml(spec), {}};
  }
  if (spec.calendar && path == "/calendar") {
    const int day = req.has_param("day") ? std::atoi(req.get_param_value("day").c_str()) : 1;
    return {200, kHtml, FixtureCalendarHtml(spec, day < 1 ? 1 : day), {}};
  }
  if (spec.redirects) {
    std::string target;
    if (path == "/r/1") return {301, kHtml, "", {{"Location", "/r/2"}}};
    for (const FixtureArticleSpec& a : spec.articles) {
      if (a.listing == FixtureListing::kRedirectTarget) target = base + a.path;
    }
    if (path == "/r/2") return {302, kHtml, "", {{"Location", target}}};
    if (path == "/loop/a") return {302, kHtml, "", {{"Location", "/loop/b"}}};
    if (path == "/loop/b") return {302, kHtml, "", {{"Location", base + "/loop/a"}}};
  }
  if (spec.feed && path == kFixtureFeedPath) {
    return {200, "application/rss+xml; charset=utf-8", FixtureRssFeed(spec, base), {}};
  }
  if (spec.sitemap && path == kFixtureSitemapIndexPath) {
    return {200, "application/xml", FixtureSitemapIndex(base), {}};
  }
  if (spec.sitemap && path == kFixtureChildSitemapPath) {
    return {200, "application/gzip", child_sitemap_gz, {}};
  }
  std::lock_guard<std::mutex> lock(mu);
  for (const ArticleState& article : articles[static_cast<size_t>(host)]) {
    if (article.spec.path != path) continue;
    if (article.spec.listing == FixtureListing::kFlaky && !flaky_failed_once) {
      flaky_failed_once = true;
      return {503,
              kHtml,
              "<html><body><h1>Busy, try again shortly</h1></body></html>\n",
              {{"Retry-After", "1"}}};
    }
    return ServeArticle(host, article, req);
  }
  return {404, kHtml, "<html><body><h1>Not found</h1></body></html>\n", {}};
}

Reply NewsFixtureSite::Impl::ServeArticle(int host, const ArticleState& article,
                                          const Request& req) {
  const std::string etag = "\"a" + std::to_string(host) + "-" +
                           std::to_string(std::hash<std::string>{}(article.spec.path) % 100000) +
                           "-r" + std::to_string(article.revision) + "\"";
  const std::string last_modified = HttpDate(article.revision);
  std::vector<std::pair<std::string, std::string>> headers = {{"ETag", etag},
                                                              {"Last-Modified", last_modified}};
  // RFC 9110 §13.2.2: If-None-Match first; If-Modified-Since only without it.
  bool not_modified = false;
  if (req.has_header("If-None-Match")) {
    not_modified = EtagListMatches(req.get_header_value("If-None-Match"), etag);
  } else if (req.has_header("If-Modified-Since")) {
    const core::Result<core::Timestamp> since =
        core::ParseHttpDate(req.get_header_value("If-Modified-Since"));
    const core::Result<core::Timestamp> modified = core::ParseHttpDate(last_modified);
    not_modified = since.ok() && modified.ok() && *modified <= *since;
  }
  if (not_modified) return {304, kHtml, "", std::move(headers)};
  return {200, kHtml,
          FixtureArticleHtml(specs[static_cast<size_t>(host)], article.spec, article.body_text,
                             hosts[static_cast<size_t>(host)]->base_url),
          std::move(headers)};
}

NewsFixtureSite::NewsFixtureSite() : impl_(std::make_unique<Impl>()) {
  impl_->specs = FixtureHosts();
  for (size_t i = 0; i < impl_->specs.size(); ++i) {
    const FixtureHostSpec& spec = impl_->specs[i];
    auto host = std::make_unique<Impl::Host>();
    const int index = static_cast<int>(i);
    host->server.set_keep_alive_timeout(1);  // bounds how long shutdown waits
    host->server.set_pre_routing_handler(
        [impl = impl_.get(), index](const Request& req, Response& res) {
          return impl->PreRoute(index, req, res);
        });
    host->server.set_logger([impl = impl_.get(), index](const Request& req, const Response& res) {
      impl->Logged(index, req, res);
    });
    host->port = host->server.bind_to_any_port(spec.address);
    if (host->port <= 0 || host->port > 65535) {
      std::fprintf(stderr, "NewsFixtureSite: cannot bind %s on any port\n", spec.address.c_str());
      std::abort();
    }
    host->base_url = "http://" + spec.address + ":" + std::to_string(host->port);
    std::vector<ArticleState> states;
    for (const FixtureArticleSpec& a : spec.articles) {
      states.push_back({a, FixtureDefaultBodyText(a), 1});
    }
    impl_->articles.push_back(std::move(states));
    if (spec.sitemap)
      impl_->child_sitemap_gz = GzipCompress(FixtureChildSitemap(spec, host->base_url));
    impl_->hosts.push_back(std::move(host));
  }
  for (auto& host : impl_->hosts) {
    host->thread = std::thread([server = &host->server] { server->listen_after_bind(); });
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (auto& host : impl_->hosts) {
    while (!host->server.is_running()) {
      if (std::chrono::steady_clock::now() > deadline) {
        std::fprintf(stderr, "NewsFixtureSite: accept loop did not start\n");
        std::abort();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
}

NewsFixtureSite::~NewsFixtureSite() {
  for (auto& host : impl_->hosts) host->server.stop();
  for (auto& host : impl_->hosts) host->thread.join();
}

const std::vector<FixtureHostSpec>& NewsFixtureSite::hosts() const { return impl_->specs; }

int NewsFixtureSite::HostCount() const { return static_cast<int>(impl_->specs.size()); }

std::string NewsFixtureSite::BaseUrl(int host) const {
  return impl_->hosts.at(static_cast<size_t>(host))->base_url;
}

std::vector<std::string> NewsFixtureSite::ArticleUrls() const {
  std::vector<std::string> urls;
  for (int h = 0; h < HostCount(); ++h) {
    for (const FixtureArticleSpec& a : impl_->specs[static_cast<size_t>(h)].articles) {
      urls.push_back(Url(h, a.path));
    }
  }
  return urls;
}

std::vector<std::string> NewsFixtureSite::ArticleUrls(FixtureListing listing) const {
  std::vector<std::string> urls;
  for (int h = 0; h < HostCount(); ++h) {
    for (const FixtureArticleSpec& a : impl_->specs[static_cast<size_t>(h)].articles) {
      if (a.listing == listing) urls.push_back(Url(h, a.path));
    }
  }
  return urls;
}

bool NewsFixtureSite::SetArticleBody(std::string_view url, std::string body_text) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  for (int h = 0; h < HostCount(); ++h) {
    for (ArticleState& a : impl_->articles[static_cast<size_t>(h)]) {
      if (Url(h, a.spec.path) != url) continue;
      a.body_text = std::move(body_text);
      ++a.revision;
      return true;
    }
  }
  return false;
}

std::string NewsFixtureSite::ArticleHtml(std::string_view url) const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  for (int h = 0; h < HostCount(); ++h) {
    for (const ArticleState& a : impl_->articles[static_cast<size_t>(h)]) {
      if (Url(h, a.spec.path) == url) {
        return FixtureArticleHtml(impl_->specs[static_cast<size_t>(h)], a.spec, a.body_text,
                                  BaseUrl(h));
      }
    }
  }
  return "";
}

std::vector<FixtureRequest> NewsFixtureSite::Requests() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->log;
}

bool NewsFixtureSite::WaitUntilAnswered(std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    {
      std::lock_guard<std::mutex> lock(impl_->mu);
      if (impl_->open.empty()) return true;
    }
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void NewsFixtureSite::ClearLog() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->log.clear();
  impl_->open.clear();
}

void NewsFixtureSite::ResetFlaky() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->flaky_failed_once = false;
}

}  // namespace newsvault::testing
