// The news fixture site (tests/support/news_fixture_site.h) serves what it
// claims: the end-to-end crawl tests judge the crawler by it, so it is checked
// here with a plain HTTP client first.
#include "tests/support/news_fixture_site.h"

#include <httplib.h>

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/content_decoding.h"
#include "parser/article_extractor.h"

namespace newsvault::testing {
namespace {

class NewsFixtureSiteTest : public ::testing::Test {
 protected:
  httplib::Result Get(int host, const std::string& target, const httplib::Headers& headers = {}) {
    httplib::Client client(site_.BaseUrl(host));
    client.set_decompress(false);
    return client.Get(target, headers);
  }

  static bool LooksLikeArticle(const std::string& html, const std::string& url) {
    return parser::LooksLikeArticle(parser::ExtractArticle({html, url, std::nullopt}));
  }

  std::string PathOf(const std::string& url, int host) const {
    return url.substr(site_.BaseUrl(host).size());
  }

  NewsFixtureSite site_;
};

TEST_F(NewsFixtureSiteTest, ServesEachHostOnItsOwnAddressWithItsOwnRobotsTxt) {
  ASSERT_EQ(site_.HostCount(), 3);
  std::vector<std::string> bodies;
  for (int h = 0; h < site_.HostCount(); ++h) {
    EXPECT_EQ(site_.BaseUrl(h).rfind("http://127.0.0." + std::to_string(h + 2) + ":", 0), 0u);
    auto res = Get(h, "/robots.txt");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_NE(res->body.find("Disallow: /private/"), std::string::npos) << res->body;
    bodies.push_back(res->body);
  }
  EXPECT_NE(bodies[0], bodies[1]);
  EXPECT_NE(bodies[1], bodies[2]);
  const std::vector<FixtureRequest> log = site_.Requests();
  ASSERT_EQ(log.size(), 3u);
  for (int h = 0; h < 3; ++h) {
    EXPECT_EQ(log[h].host, h);
    EXPECT_EQ(log[h].address, "127.0.0." + std::to_string(h + 2));
    EXPECT_EQ(log[h].target, "/robots.txt");
  }
}

TEST_F(NewsFixtureSiteTest, ArticlesLookLikeArticlesAndListingsDoNot) {
  for (int h = 0; h < site_.HostCount(); ++h) {
    for (const FixtureArticleSpec& a : site_.hosts()[h].articles) {
      if (a.listing == FixtureListing::kFlaky) {
        ASSERT_TRUE(Get(h, a.path));  // the 503
      }
      auto res = Get(h, a.path);
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 200) << a.path;
      EXPECT_TRUE(LooksLikeArticle(res->body, site_.Url(h, a.path))) << a.path;
      EXPECT_NE(res->body.find("\"@type\": \"NewsArticle\""), std::string::npos);
    }
    for (const std::string target : {"/", "/news/"}) {
      auto res = Get(h, target);
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 200);
      EXPECT_FALSE(LooksLikeArticle(res->body, site_.Url(h, target))) << h << target;
    }
  }
  auto calendar = Get(site_.CalendarHost(), "/calendar?day=1");
  ASSERT_TRUE(calendar);
  EXPECT_FALSE(LooksLikeArticle(calendar->body, site_.Url(0, "/calendar?day=1")));
}

TEST_F(NewsFixtureSiteTest, FrontPagesLinkArticlesWithTrackingDuplicatesAndPrivatePages) {
  for (int h = 0; h < site_.HostCount(); ++h) {
    const std::string front = Get(h, "/")->body;
    const std::string section = Get(h, "/news/")->body;
    for (const FixtureArticleSpec& a : site_.hosts()[h].articles) {
      if (a.listing != FixtureListing::kFront) continue;
      EXPECT_NE(front.find("href=\"" + a.path + "\""), std::string::npos);
      EXPECT_NE(front.find("href=\"" + a.path + "#comments\""), std::string::npos);
      EXPECT_NE(front.find("href=\"" + a.path + "?fbclid="), std::string::npos);
      EXPECT_NE(section.find("href=\"" + a.path + "?utm_source="), std::string::npos);
    }
    EXPECT_NE(front.find("href=\"/private/members-only.html\""), std::string::npos);
  }
  const std::string gazette = Get(site_.CalendarHost(), "/")->body;
  EXPECT_NE(gazette.find("href=\"/calendar?day=1\""), std::string::npos);
  EXPECT_NE(gazette.find("href=\"/r/1\""), std::string::npos);
  EXPECT_NE(gazette.find("href=\"/loop/a\""), std::string::npos);
}

TEST_F(NewsFixtureSiteTest, FeedOnlyAndSitemapOnlyArticlesAreLinkedFromNoPage) {
  std::string all_html;
  for (int h = 0; h < site_.HostCount(); ++h) {
    all_html += Get(h, "/")->body + Get(h, "/news/")->body;
  }
  for (const std::string& url : site_.ArticleUrls()) all_html += site_.ArticleHtml(url);
  std::vector<std::string> hidden = site_.ArticleUrls(FixtureListing::kFeedOnly);
  for (const std::string& url : site_.ArticleUrls(FixtureListing::kSitemapOnly)) {
    hidden.push_back(url);
  }
  ASSERT_EQ(hidden.size(), 4u);
  for (const std::string& url : hidden) {
    const std::string path = url.substr(url.find('/', 7));
    // Each article page names itself (canonical), and only itself.
    size_t mentions = 0;
    for (size_t at = all_html.find(path); at != std::string::npos;
         at = all_html.find(path, at + 1)) {
      ++mentions;
    }
    EXPECT_EQ(mentions, 1u + 1u) << url;  // its canonical link and its JSON-LD
  }
}

TEST_F(NewsFixtureSiteTest, FeedListsTheFeedOnlyArticles) {
  auto res = Get(site_.FeedHost(), "/feed.xml");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("<rss version=\"2.0\">"), std::string::npos);
  for (const std::string& url : site_.ArticleUrls(FixtureListing::kFeedOnly)) {
    EXPECT_NE(res->body.find("<link>" + url + "</link>"), std::string::npos) << url;
  }
  EXPECT_NE(Get(site_.FeedHost(), "/")->body.find("application/rss+xml"), std::string::npos);
}

TEST_F(NewsFixtureSiteTest, RobotsSitemapLeadsThroughAnIndexToAGzippedChild) {
  const int h = site_.SitemapHost();
  const std::string robots = Get(h, "/robots.txt")->body;
  const std::string index_url = site_.Url(h, "/sitemap_index.xml");
  EXPECT_NE(robots.find("Sitemap: " + index_url + "\n"), std::string::npos) << robots;
  const std::string index = Get(h, "/sitemap_index.xml")->body;
  const std::string child_url = site_.Url(h, "/sitemaps/articles-2026-11.xml.gz");
  EXPECT_NE(index.find("<loc>" + child_url + "</loc>"), std::string::npos) << index;
  auto child = Get(h, "/sitemaps/articles-2026-11.xml.gz");
  ASSERT_TRUE(child);
  EXPECT_EQ(child->get_header_value("Content-Encoding"), "");
  auto xml = core::DecodeContent(child->body, "gzip");
  ASSERT_TRUE(xml.ok()) << xml.error().message();
  for (const std::string& url : site_.ArticleUrls(FixtureListing::kSitemapOnly)) {
    EXPECT_NE(xml->bytes.find("<loc>" + url + "</loc>"), std::string::npos) << url;
  }
}

TEST_F(NewsFixtureSiteTest, CalendarLinksToTheNextDayForever) {
  for (const int day : {1, 7, 4000}) {
    auto res = Get(site_.CalendarHost(), "/calendar?day=" + std::to_string(day));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_NE(res->body.find("href=\"/calendar?day=" + std::to_string(day + 1) + "\""),
              std::string::npos);
  }
}

TEST_F(NewsFixtureSiteTest, FlakyArticleAnswers503WithRetryAfterOnceThen200) {
  const std::string url = site_.ArticleUrls(FixtureListing::kFlaky).at(0);
  const std::string path = PathOf(url, site_.FeedHost());
  auto first = Get(site_.FeedHost(), path);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 503);
  EXPECT_EQ(first->get_header_value("Retry-After"), "1");
  EXPECT_EQ(Get(site_.FeedHost(), path)->status, 200);
  EXPECT_EQ(Get(site_.FeedHost(), path)->status, 200);
  site_.ResetFlaky();
  EXPECT_EQ(Get(site_.FeedHost(), path)->status, 503);
}

TEST_F(NewsFixtureSiteTest, RedirectChainEndsAtAnArticleAndTheLoopLoops) {
  const int h = site_.CalendarHost();
  auto r1 = Get(h, "/r/1");
  EXPECT_EQ(r1->status, 301);
  EXPECT_EQ(r1->get_header_value("Location"), "/r/2");
  auto r2 = Get(h, "/r/2");
  EXPECT_EQ(r2->status, 302);
  EXPECT_EQ(r2->get_header_value("Location"),
            site_.ArticleUrls(FixtureListing::kRedirectTarget).at(0));
  EXPECT_EQ(Get(h, "/loop/a")->get_header_value("Location"), "/loop/b");
  EXPECT_EQ(Get(h, "/loop/b")->get_header_value("Location"), site_.Url(h, "/loop/a"));
}

TEST_F(NewsFixtureSiteTest, ConditionalGetAnswers304UntilTheBodyChanges) {
  const std::string url = site_.ArticleUrls(FixtureListing::kFront).at(0);
  const std::string path = PathOf(url, 0);
  auto first = Get(0, path);
  const std::string etag = first->get_header_value("ETag");
  const std::string last_modified = first->get_header_value("Last-Modified");
  ASSERT_FALSE(etag.empty());
  ASSERT_FALSE(last_modified.empty());
  EXPECT_EQ(Get(0, path, {{"If-None-Match", etag}})->status, 304);
  EXPECT_EQ(Get(0, path, {{"If-None-Match", "W/" + etag}})->status, 304);
  EXPECT_EQ(Get(0, path, {{"If-Modified-Since", last_modified}})->status, 304);
  EXPECT_EQ(Get(0, path, {{"If-None-Match", "\"other\""}})->status, 200);
  // RFC 9110 §13.2.2: If-Modified-Since is ignored when If-None-Match is present.
  EXPECT_EQ(
      Get(0, path, {{"If-None-Match", "\"other\""}, {"If-Modified-Since", last_modified}})->status,
      200);

  ASSERT_TRUE(site_.SetArticleBody(url,
                                   "A correction was added to this story on Saturday.\n\n"
                                   "The tunnel vote was 31 to 12, not 30 to 13 as reported."));
  auto changed = Get(0, path, {{"If-None-Match", etag}});
  EXPECT_EQ(changed->status, 200);
  EXPECT_NE(changed->get_header_value("ETag"), etag);
  EXPECT_NE(changed->body.find("not 30 to 13 as reported"), std::string::npos);
  EXPECT_EQ(Get(0, path, {{"If-Modified-Since", last_modified}})->status, 200);
  EXPECT_FALSE(site_.SetArticleBody(site_.Url(0, "/nope.html"), "x"));
}

TEST_F(NewsFixtureSiteTest, LogsConnectionHeadersAndTimesOfEachRequest) {
  {
    httplib::Client client(site_.BaseUrl(1));
    client.set_keep_alive(true);
    ASSERT_TRUE(client.Get("/", {{"User-Agent", "fixture-test/1"}}));
    ASSERT_TRUE(client.Get("/news/?a=1", {{"User-Agent", "fixture-test/1"},
                                          {"If-None-Match", "\"x\""},
                                          {"If-Modified-Since", "Sat, 28 Nov 2026 10:00:00 GMT"}}));
  }
  ASSERT_TRUE(Get(1, "/"));  // a new connection
  ASSERT_TRUE(site_.WaitUntilAnswered(std::chrono::seconds(5)));
  const std::vector<FixtureRequest> log = site_.Requests();
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0].user_agent, "fixture-test/1");
  EXPECT_EQ(log[1].target, "/news/?a=1");
  EXPECT_EQ(log[1].path, "/news/");
  EXPECT_EQ(log[1].if_none_match, "\"x\"");
  EXPECT_EQ(log[1].if_modified_since, "Sat, 28 Nov 2026 10:00:00 GMT");
  EXPECT_EQ(log[0].remote_port, log[1].remote_port);  // one keep-alive connection
  EXPECT_NE(log[1].remote_port, log[2].remote_port);
  for (const FixtureRequest& r : log) {
    EXPECT_TRUE(r.finished);
    EXPECT_EQ(r.status, 200);
    EXPECT_LE(r.start, r.end);
  }
  EXPECT_LE(log[0].end, log[1].start);
  site_.ClearLog();
  EXPECT_TRUE(site_.Requests().empty());
}

}  // namespace
}  // namespace newsvault::testing
