// The content of NewsFixtureSite (tests/support/news_fixture_site.h): three
// small news sites, each on its own loopback address, described as data
// (FixtureHosts) and rendered into HTML, RSS 2.0 and sitemaps by pure functions,
// so tests can say what the crawler should have found without parsing pages.
//
// Every byte served is a pure function of the host, the path and the article's
// current body text: two crawls of unchanged pages see identical payloads.
//
// Thread safety: pure functions and plain values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsvault::testing {

// Where an article is linked from: what the crawler must use to find it.
enum class FixtureListing {
  kFront,           // the host's front page (and with tracking parameters elsewhere)
  kSection,         // only the /news/ section page
  kFeedOnly,        // only the host's RSS feed
  kSitemapOnly,     // only the host's gzipped child sitemap
  kRedirectTarget,  // only as the end of the /r/1 -> /r/2 -> article chain
  kFlaky,           // the front page; answers 503 + Retry-After: 1 the first time
};

struct FixtureArticleSpec {
  std::string path;  // "/2026/11/27/harbour-tunnel.html"
  std::string title;
  std::string author;
  std::string published;  // RFC 3339
  std::string lead;       // the first paragraph, distinct per article
  std::string topic;      // used in the other paragraphs
  FixtureListing listing = FixtureListing::kFront;
};

struct FixtureHostSpec {
  std::string name;        // the [[site]] name a test config gives it: "gazette"
  std::string site_title;  // "The Harbour Gazette"
  std::string address;     // the loopback address it binds: "127.0.0.2"
  std::string robots;      // robots.txt, without the Sitemap: line
  bool calendar = false;   // /calendar?day=N links to day N+1 forever
  bool redirects = false;  // /r/1 -> /r/2 -> the kRedirectTarget article; /loop/a <-> /loop/b
  bool feed = false;       // /feed.xml (RSS 2.0), linked with <link rel=alternate>
  bool sitemap = false;    // robots.txt Sitemap: /sitemap_index.xml -> /sitemaps/*.xml.gz
  std::vector<FixtureArticleSpec> articles;
};

// The three hosts: gazette (calendar trap, redirects), courier (feed, 503),
// tribune (sitemaps; robots.txt with a group of its own for newsvault).
std::vector<FixtureHostSpec> FixtureHosts();

// Paths every host serves besides its articles.
inline constexpr std::string_view kFixtureSectionPath = "/news/";
inline constexpr std::string_view kFixtureFeedPath = "/feed.xml";
inline constexpr std::string_view kFixtureSitemapIndexPath = "/sitemap_index.xml";
inline constexpr std::string_view kFixtureChildSitemapPath = "/sitemaps/articles-2026-11.xml.gz";
// Linked from every front page, disallowed by every robots.txt.
inline constexpr std::string_view kFixturePrivatePaths[] = {"/private/members-only.html",
                                                            "/private/archive/2025.html"};

// The article's text as first served: paragraphs separated by a blank line.
std::string FixtureDefaultBodyText(const FixtureArticleSpec& article);

// `base_url` is "http://127.0.0.2:PORT" (no trailing slash) in all builders.
std::string FixtureArticleHtml(const FixtureHostSpec& host, const FixtureArticleSpec& article,
                               std::string_view body_text, const std::string& base_url);
std::string FixtureFrontPageHtml(const FixtureHostSpec& host, const std::string& base_url);
std::string FixtureSectionPageHtml(const FixtureHostSpec& host, const std::string& base_url);
std::string FixtureCalendarHtml(const FixtureHostSpec& host, int day);
std::string FixturePrivatePageHtml(const FixtureHostSpec& host);
std::string FixtureRobotsTxt(const FixtureHostSpec& host, const std::string& base_url);
std::string FixtureRssFeed(const FixtureHostSpec& host, const std::string& base_url);
std::string FixtureSitemapIndex(const std::string& base_url);
// The child sitemap's XML (served gzip-compressed).
std::string FixtureChildSitemap(const FixtureHostSpec& host, const std::string& base_url);

}  // namespace newsvault::testing
