// NewsFixtureSite: three small news sites on loopback for the end-to-end crawl
// tests (issue 3 "Done when"). Each host is its own cpp-httplib server bound to
// its own address (127.0.0.2, 127.0.0.3, 127.0.0.4: Linux routes all of
// 127/8 to lo), with its own robots.txt. The content is described in
// tests/support/news_fixture_pages.h; on top of it every host serves:
//
//   /robots.txt              its own rules; all disallow /private/
//   /                        front page: articles (also with #fragment and
//                            fbclid duplicates), /news/, /private/ links
//   /news/                   section page: more articles, utm_* duplicates
//   /<articles>              NewsArticle pages with ETag and Last-Modified;
//                            304 on a matching If-None-Match (or, without one,
//                            If-Modified-Since) per RFC 9110 §13.1
//   /private/...             served if asked (the tests check nobody asks)
// and per host:
//   gazette  /calendar?day=N links to day N+1 forever (a crawler trap);
//            /r/1 -301-> /r/2 -302-> article; /loop/a <-302-> /loop/b
//   courier  /feed.xml (RSS 2.0) with feed-only articles; one article that
//            answers 503 + Retry-After: 1 the first time, then 200
//   tribune  robots.txt Sitemap: -> /sitemap_index.xml -> one .xml.gz child
//            with sitemap-only articles
//
// Every request is logged server-side with the address it came in on, the
// target, the conditional headers, the client's port (its connection), and when
// its head arrived and its response was written, so tests judge the crawler by
// what the servers saw, not by what it says.
//
// Thread safety: all public methods may be called from any thread while the
// servers run.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/news_fixture_pages.h"

namespace newsvault::testing {

struct FixtureRequest {
  int host = 0;         // index into NewsFixtureSite::hosts()
  std::string address;  // the local address it came in on: "127.0.0.2"
  std::string method;
  std::string target;  // request-target as sent: path and "?query"
  std::string path;    // without the query
  std::string user_agent;
  std::string if_none_match;
  std::string if_modified_since;
  int remote_port = 0;                          // the client's end of the connection
  int status = 0;                               // what we answered
  bool finished = false;                        // the response was written completely
  std::chrono::steady_clock::time_point start;  // request head received
  std::chrono::steady_clock::time_point end;    // response written (start until then)
};

class NewsFixtureSite {
 public:
  // Binds every host on a free port of its address and starts serving;
  // aborts the test binary if it cannot.
  NewsFixtureSite();
  ~NewsFixtureSite();
  NewsFixtureSite(const NewsFixtureSite&) = delete;
  NewsFixtureSite& operator=(const NewsFixtureSite&) = delete;

  const std::vector<FixtureHostSpec>& hosts() const;
  int HostCount() const;
  // "http://127.0.0.2:PORT" (no trailing slash).
  std::string BaseUrl(int host) const;
  std::string Url(int host, std::string_view path) const {
    return BaseUrl(host) + std::string(path);
  }

  // The clean URL of every article of every host, in host order.
  std::vector<std::string> ArticleUrls() const;
  // The clean URLs of the articles listed as `listing`.
  std::vector<std::string> ArticleUrls(FixtureListing listing) const;
  // The host serving the calendar trap, redirects and loop (gazette), the
  // feed and the 503 (courier), and the sitemaps (tribune).
  int CalendarHost() const { return 0; }
  int FeedHost() const { return 1; }
  int SitemapHost() const { return 2; }

  // Replaces an article's text (paragraphs separated by a blank line); its
  // ETag and Last-Modified change with it. `url` is one of ArticleUrls().
  // Returns false for an unknown URL.
  bool SetArticleBody(std::string_view url, std::string body_text);
  // What the article at `url` currently serves, or "" for an unknown URL.
  std::string ArticleHtml(std::string_view url) const;

  // Requests received so far, in arrival order.
  std::vector<FixtureRequest> Requests() const;
  // Waits until every logged request's response has been written (a client
  // may read a response before the server thread has noted its end); false
  // after `timeout` (e.g. a client that hung up mid-response).
  bool WaitUntilAnswered(std::chrono::milliseconds timeout) const;
  void ClearLog();
  // Makes the flaky article answer 503 once more, as on a fresh site.
  void ResetFlaky();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsvault::testing
