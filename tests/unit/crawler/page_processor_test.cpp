// ProcessPage: what a fetched exchange tells the crawler (articles, links,
// feed and sitemap entries, redirects, validators).
#include "crawler/page_processor.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "crawler/crawler.h"

namespace newsvault::crawler {
namespace {

using storage::FrontierEntry;
using storage::FrontierKind;

const core::Timestamp kNow = core::FromMicros(1'738'663'872'000'000);
constexpr const char* kBase = "https://news.example.com";

core::HttpExchange Response(std::string url, int status, std::string content_type, std::string body,
                            std::vector<core::HttpHeader> extra = {}) {
  core::HttpExchange exchange;
  exchange.url = std::move(url);
  exchange.status_code = status;
  if (!content_type.empty()) exchange.headers.push_back({"Content-Type", content_type});
  for (core::HttpHeader& header : extra) exchange.headers.push_back(std::move(header));
  exchange.response_head = "HTTP/1.1 " + std::to_string(status) + " X\r\n\r\n";
  exchange.response_body = std::move(body);
  exchange.started = kNow;
  return exchange;
}

FrontierEntry Entry(std::string url, FrontierKind kind = FrontierKind::kPage, int depth = 0) {
  FrontierEntry entry;
  entry.url = std::move(url);
  entry.site = "news";
  entry.kind = kind;
  entry.depth = depth;
  return entry;
}

CrawlScope Scope(std::string article_pattern = "", int max_depth = 3) {
  CrawlSite site;
  site.name = "news";
  site.seeds = {std::string(kBase) + "/"};
  site.article_pattern = std::move(article_pattern);
  site.max_depth = max_depth;
  return CrawlScope::Create(site).value();
}

std::string ArticleHtml(std::string_view links) {
  std::string html =
      "<!doctype html><html><head><title>Council approves the riverfront plan</title>"
      "<meta property=\"og:type\" content=\"article\"></head><body><article>"
      "<h1>Council approves the riverfront plan</h1>"
      "<time datetime=\"2025-02-04T10:00:00Z\">4 February 2025</time>";
  for (int i = 0; i < 5; ++i) {
    html +=
        "<p>The city council voted seven to two on Tuesday evening to approve the long "
        "debated riverfront redevelopment plan, paragraph " +
        std::to_string(i) + ", after hours of public comment from residents.</p>";
  }
  html += "</article>";
  html += links;
  html += "</body></html>";
  return html;
}

constexpr std::string_view kListing =
    "<!doctype html><html><head><title>Front page</title>"
    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.rss\"></head><body>"
    "<ul><li><a href=\"/2025/02/04/a.html?utm_source=front\">A</a></li>"
    "<li><a href=\"https://news.example.com/2025/02/04/b.html#comments\">B</a></li>"
    "<li><a rel=\"nofollow\" href=\"/login\">Log in</a></li>"
    "<li><a href=\"https://elsewhere.example/x\">Elsewhere</a></li>"
    "<li><a href=\"mailto:desk@news.example.com\">Mail</a></li>"
    "<li><a href=\"/\">Home</a></li></ul></body></html>";

std::vector<std::string> Urls(const std::vector<FrontierEntry>& entries, FrontierKind kind) {
  std::vector<std::string> urls;
  for (const FrontierEntry& entry : entries) {
    if (entry.kind == kind) urls.push_back(entry.url);
  }
  return urls;
}

TEST(PageProcessor, ListingPageYieldsCanonicalInScopeLinksOneHopDeeper) {
  const std::string url = std::string(kBase) + "/";
  ProcessedPage page = ProcessPage(Response(url, 200, "text/html", std::string(kListing)),
                                   Entry(url, FrontierKind::kPage, 0), Scope(), {}, kNow);
  EXPECT_FALSE(page.is_article);
  EXPECT_FALSE(page.article);
  // utm_ stripped, fragment dropped, nofollow / off-site / mailto / self skipped.
  EXPECT_EQ(Urls(page.discovered, FrontierKind::kPage),
            (std::vector<std::string>{"https://news.example.com/2025/02/04/a.html",
                                      "https://news.example.com/2025/02/04/b.html"}));
  EXPECT_EQ(Urls(page.discovered, FrontierKind::kFeed),
            std::vector<std::string>{"https://news.example.com/feed.rss"});
  for (const FrontierEntry& entry : page.discovered) {
    EXPECT_EQ(entry.depth, 1);
    EXPECT_EQ(entry.site, "news");
    EXPECT_EQ(entry.via, url);
  }
}

TEST(PageProcessor, NoPageLinksFollowedAtMaxDepth) {
  // Given a page at the site's max_depth, we should not go one hop further.
  const std::string url = std::string(kBase) + "/section/";
  ProcessedPage page = ProcessPage(Response(url, 200, "text/html", std::string(kListing)),
                                   Entry(url, FrontierKind::kPage, 2), Scope("", 2), {}, kNow);
  EXPECT_TRUE(Urls(page.discovered, FrontierKind::kPage).empty());
}

TEST(PageProcessor, ExtractorDecidesArticlesWithoutPattern) {
  const std::string url = std::string(kBase) + "/2025/02/04/council.html";
  ProcessedPage page =
      ProcessPage(Response(url, 200, "text/html; charset=utf-8",
                           ArticleHtml("<a href=\"/2025/02/04/related.html\">Related</a>"
                                       "<link rel=\"alternate\" type=\"application/rss+xml\" "
                                       "href=\"/comments.rss\">")),
                  Entry(url, FrontierKind::kPage, 1), Scope(), {}, kNow);
  EXPECT_TRUE(page.is_article);
  ASSERT_TRUE(page.article);
  EXPECT_EQ(page.article->title, "Council approves the riverfront plan");
  EXPECT_EQ(Urls(page.discovered, FrontierKind::kPage),
            std::vector<std::string>{"https://news.example.com/2025/02/04/related.html"});
  // An article's own alternate feed (usually its comments) is not followed.
  EXPECT_TRUE(Urls(page.discovered, FrontierKind::kFeed).empty());
}

TEST(PageProcessor, ArticlePatternOverridesTheExtractor) {
  const std::string listing_url = std::string(kBase) + "/2025/02/04/list.html";
  ProcessedPage by_pattern =
      ProcessPage(Response(listing_url, 200, "text/html", std::string(kListing)),
                  Entry(listing_url), Scope("/\\d{4}/\\d{2}/\\d{2}/"), {}, kNow);
  EXPECT_TRUE(by_pattern.is_article);
  EXPECT_TRUE(by_pattern.article);

  const std::string story_url = std::string(kBase) + "/about/council.html";
  ProcessedPage not_by_pattern =
      ProcessPage(Response(story_url, 200, "text/html", ArticleHtml("")), Entry(story_url),
                  Scope("/\\d{4}/\\d{2}/\\d{2}/"), {}, kNow);
  EXPECT_FALSE(not_by_pattern.is_article);
  EXPECT_FALSE(not_by_pattern.article);
}

TEST(PageProcessor, FeedEntriesAreArticlesToFetchAtDepthOne) {
  const std::string url = std::string(kBase) + "/feed.rss";
  const std::string rss =
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title>"
      "<item><link>https://news.example.com/2025/02/04/one.html?utm_medium=rss</link></item>"
      "<item><link>/2025/02/04/two.html</link></item>"
      "<item><link>https://elsewhere.example/three.html</link></item>"
      "</channel></rss>";
  ProcessedPage page = ProcessPage(Response(url, 200, "application/rss+xml", rss),
                                   Entry(url, FrontierKind::kFeed), Scope(), {}, kNow);
  EXPECT_FALSE(page.is_article);
  EXPECT_EQ(Urls(page.discovered, FrontierKind::kPage),
            (std::vector<std::string>{"https://news.example.com/2025/02/04/one.html",
                                      "https://news.example.com/2025/02/04/two.html"}));
  for (const FrontierEntry& entry : page.discovered) EXPECT_EQ(entry.depth, 1);
}

TEST(PageProcessor, SitemapIndexChildrenAreSitemapsOnAnyHost) {
  const std::string url = std::string(kBase) + "/sitemap.xml";
  const std::string xml =
      "<?xml version=\"1.0\"?><sitemapindex "
      "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
      "<sitemap><loc>https://news.example.com/sitemap-1.xml</loc></sitemap>"
      "<sitemap><loc>https://cdn.example.net/sitemap-2.xml.gz</loc></sitemap>"
      "</sitemapindex>";
  ProcessedPage page = ProcessPage(Response(url, 200, "application/xml", xml),
                                   Entry(url, FrontierKind::kSitemap), Scope(), {}, kNow);
  EXPECT_EQ(Urls(page.discovered, FrontierKind::kSitemap),
            (std::vector<std::string>{"https://news.example.com/sitemap-1.xml",
                                      "https://cdn.example.net/sitemap-2.xml.gz"}));
}

TEST(PageProcessor, SitemapUrlsetAndTextEntriesArePagesInScope) {
  const std::string url = std::string(kBase) + "/sitemap-1.xml";
  const std::string xml =
      "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
      "<url><loc>https://news.example.com/2025/02/04/a.html</loc></url>"
      "<url><loc>https://other.example/b.html</loc></url></urlset>";
  ProcessedPage page = ProcessPage(Response(url, 200, "application/xml", xml),
                                   Entry(url, FrontierKind::kSitemap), Scope(), {}, kNow);
  EXPECT_EQ(Urls(page.discovered, FrontierKind::kPage),
            std::vector<std::string>{"https://news.example.com/2025/02/04/a.html"});
  EXPECT_EQ(page.discovered.at(0).depth, 1);

  const std::string text_url = std::string(kBase) + "/sitemap.txt";
  ProcessedPage text =
      ProcessPage(Response(text_url, 200, "text/plain", "https://news.example.com/c.html\n"),
                  Entry(text_url, FrontierKind::kSitemap), Scope(), {}, kNow);
  EXPECT_EQ(Urls(text.discovered, FrontierKind::kPage),
            std::vector<std::string>{"https://news.example.com/c.html"});
}

TEST(PageProcessor, RedirectTargetKeepsKindAndDepthWithOneMoreHop) {
  const std::string url = std::string(kBase) + "/old";
  FrontierEntry entry = Entry(url, FrontierKind::kPage, 2);
  entry.redirect_hops = 3;
  ProcessedPage page = ProcessPage(Response(url, 301, "text/html", "", {{"Location", "/new?x=1"}}),
                                   entry, Scope(), {}, kNow);
  ASSERT_EQ(page.discovered.size(), 1u);
  EXPECT_EQ(page.discovered[0].url, "https://news.example.com/new?x=1");
  EXPECT_EQ(page.discovered[0].kind, FrontierKind::kPage);
  EXPECT_EQ(page.discovered[0].depth, 2);
  EXPECT_EQ(page.discovered[0].redirect_hops, 4);
  EXPECT_EQ(page.discovered[0].via, url);
}

TEST(PageProcessor, RedirectChainStopsAtMaxRedirects) {
  const std::string url = std::string(kBase) + "/old";
  FrontierEntry entry = Entry(url);
  entry.redirect_hops = 10;
  PageProcessorOptions options;
  options.max_redirects = 10;
  ProcessedPage page = ProcessPage(Response(url, 302, "", "", {{"Location", "/next"}}), entry,
                                   Scope(), options, kNow);
  EXPECT_TRUE(page.discovered.empty());
  EXPECT_FALSE(page.notes.empty());
}

TEST(PageProcessor, RevisitStaysAnArticleOn304AndItsRedirectIsAPage) {
  const std::string url = std::string(kBase) + "/2025/02/04/a.html";
  ProcessedPage not_modified = ProcessPage(
      Response(url, 304, "", ""), Entry(url, FrontierKind::kRevisit, 3), Scope(), {}, kNow);
  EXPECT_TRUE(not_modified.is_article);
  EXPECT_FALSE(not_modified.article);
  EXPECT_TRUE(not_modified.discovered.empty());

  ProcessedPage moved =
      ProcessPage(Response(url, 301, "", "", {{"Location", "/2025/02/04/a-new.html"}}),
                  Entry(url, FrontierKind::kRevisit, 3), Scope(), {}, kNow);
  ASSERT_EQ(moved.discovered.size(), 1u);
  EXPECT_EQ(moved.discovered[0].kind, FrontierKind::kPage);
}

TEST(PageProcessor, RevisitCutToABriefIsStillVersioned) {
  // Given a known article whose text shrank below the new-article bar, we
  // should still hand its text to the archive (it changed); an empty page not.
  const std::string url = std::string(kBase) + "/2025/02/04/a.html";
  const std::string brief =
      "<html><body><article><h1>Council plan</h1><p>The plan was withdrawn on Wednesday "
      "morning.</p></article></body></html>";
  ProcessedPage page = ProcessPage(Response(url, 200, "text/html", brief),
                                   Entry(url, FrontierKind::kRevisit, 3), Scope(), {}, kNow);
  EXPECT_TRUE(page.is_article);
  ASSERT_TRUE(page.article);
  EXPECT_NE(page.article->body_text.find("withdrawn"), std::string::npos);

  ProcessedPage as_new = ProcessPage(Response(url, 200, "text/html", brief),
                                     Entry(url, FrontierKind::kPage, 1), Scope(), {}, kNow);
  EXPECT_FALSE(as_new.is_article);

  ProcessedPage empty = ProcessPage(Response(url, 200, "text/html", "<html><body></body></html>"),
                                    Entry(url, FrontierKind::kRevisit, 3), Scope(), {}, kNow);
  EXPECT_TRUE(empty.is_article);
  EXPECT_FALSE(empty.article);
}

TEST(PageProcessor, ValidatorsComeFromSuccessfulResponses) {
  const std::string url = std::string(kBase) + "/feed.rss";
  ProcessedPage page = ProcessPage(
      Response(url, 200, "application/rss+xml", "<rss version=\"2.0\"><channel/></rss>",
               {{"ETag", "\"v1\""}, {"Last-Modified", "Tue, 04 Feb 2025 10:00:00 GMT"}}),
      Entry(url, FrontierKind::kFeed), Scope(), {}, kNow);
  ASSERT_TRUE(page.validators);
  EXPECT_EQ(page.validators->etag, "\"v1\"");
  EXPECT_EQ(page.validators->last_modified, "Tue, 04 Feb 2025 10:00:00 GMT");

  ProcessedPage none = ProcessPage(Response(url, 200, "application/rss+xml", "<rss/>"),
                                   Entry(url, FrontierKind::kFeed), Scope(), {}, kNow);
  EXPECT_FALSE(none.validators);
}

TEST(PageProcessor, NonHtmlPageIsNotReadForLinks) {
  const std::string url = std::string(kBase) + "/logo.png";
  ProcessedPage page = ProcessPage(Response(url, 200, "image/png", "\x89PNG\r\n\x1A\n...."),
                                   Entry(url, FrontierKind::kPage, 1), Scope(), {}, kNow);
  EXPECT_FALSE(page.is_article);
  EXPECT_TRUE(page.discovered.empty());
  ASSERT_FALSE(page.notes.empty());
  EXPECT_NE(page.notes[0].find("not HTML"), std::string::npos);
}

}  // namespace
}  // namespace newsvault::crawler

namespace newsvault::crawler {
namespace {

// Given a site with [site.extract] overrides, its pages are extracted with
// them: the drop removes a paragraph and the title comes from the XPath.
TEST(PageProcessor, SiteExtractOverridesReachTheExtractor) {
  CrawlSite site;
  site.name = "news";
  site.seeds = {std::string(kBase) + "/"};
  site.extract.title = "//time";
  site.extract.drop = {"//p[contains(., 'paragraph 0,')]"};
  const CrawlScope scope = CrawlScope::Create(site).value();
  const std::string url = std::string(kBase) + "/2025/02/04/council.html";
  const core::HttpExchange response = Response(url, 200, "text/html", ArticleHtml(""));
  const ProcessedPage plain = ProcessPage(response, Entry(url), Scope(), {}, kNow);
  const ProcessedPage page = ProcessPage(response, Entry(url), scope, {}, kNow);
  ASSERT_TRUE(plain.article && page.article);
  EXPECT_EQ(plain.article->title, "Council approves the riverfront plan");
  EXPECT_EQ(page.article->title, "4 February 2025");
  EXPECT_NE(plain.article->body_text.find("paragraph 0,"), std::string::npos);
  EXPECT_EQ(page.article->body_text.find("paragraph 0,"), std::string::npos);
  EXPECT_NE(page.article->body_text.find("paragraph 1,"), std::string::npos);
}

TEST(PageProcessor, BadSiteExtractXPathFailsScopeCreation) {
  CrawlSite site;
  site.name = "news";
  site.seeds = {std::string(kBase) + "/"};
  site.extract.body = "//div[";
  const core::Result<CrawlScope> scope = CrawlScope::Create(site);
  ASSERT_FALSE(scope.ok());
  EXPECT_EQ(scope.error().code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(scope.error().message().find("site 'news' extract body: bad XPath '//div['"),
            std::string::npos)
      << scope.error().message();
}

}  // namespace
}  // namespace newsvault::crawler
