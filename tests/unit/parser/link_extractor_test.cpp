// ExtractLinks: outlinks of a news page for the crawler's frontier and feed
// discovery (issue 3, items 2 and 5), resolved per RFC 3986 §5.2 against the
// HTML document base URL.
#include "parser/link_extractor.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parser/gumbo_document.h"

namespace newsvault::parser {
namespace {

constexpr std::string_view kPage = "https://news.example.com/world/2025/02/04/story.html";

std::vector<Link> Extract(std::string_view html, std::string_view page_url = kPage) {
  return ExtractLinks(LinkExtractInput{html, page_url});
}

std::vector<std::string> Urls(const std::vector<Link>& links) {
  std::vector<std::string> out;
  for (const Link& link : links) out.push_back(link.url);
  return out;
}

const Link* Find(const std::vector<Link>& links, std::string_view url) {
  for (const Link& link : links) {
    if (link.url == url) return &link;
  }
  return nullptr;
}

// A typical article page: feeds and canonical in the head, site navigation,
// in-article links, related stories with thumbnails, and a footer.
constexpr std::string_view kArticlePage = R"html(<!doctype html>
<html lang="en"><head>
  <meta charset="utf-8">
  <title>Storm hits the coast | Example News</title>
  <link rel="canonical" href="https://news.example.com/world/2025/02/04/story.html">
  <link rel="alternate" type="application/rss+xml" title="World news" href="/world/rss.xml">
  <link rel="alternate" type="application/atom+xml" href="https://news.example.com/atom.xml">
  <link rel="alternate" hreflang="fr" href="https://fr.example.com/monde/story.html">
  <link rel="stylesheet" href="/static/site.css">
  <link rel="icon" href="/favicon.ico">
</head><body>
  <header><nav>
    <a href="/">Home</a>
    <a href="/world/">World</a>
    <a href="../../../../politics/">Politics</a>
    <a href="#main">Skip to content</a>
    <a href="javascript:void(0)" class="menu">Menu</a>
  </nav></header>
  <main id="main"><article>
    <h1>Storm hits the coast</h1>
    <p>The <a href="https://weather.example.org/warnings?region=7">weather service</a> issued a
       warning. Read our <a href="./live-updates.html#latest">live updates</a>.</p>
    <p>Contact <a href="mailto:desk@example.com">the desk</a> or call
       <a href="tel:+15551234567">us</a>.</p>
  </article>
  <aside><h2>Related</h2>
    <a href="/world/2025/02/03/earlier.html"><img src="/i/1.jpg" alt="Flooded street"></a>
    <a href="/world/2025/02/03/earlier.html">Earlier: rivers rise</a>
  </aside></main>
  <footer>
    <a href="/about/">About us</a>
    <a href="https://twitter.com/examplenews" rel="nofollow noopener">Follow us</a>
  </footer>
</body></html>)html";

TEST(LinkExtractor, FindsAnchorsFeedsAndCanonicalInDocumentOrder) {
  const std::vector<Link> links = Extract(kArticlePage);
  EXPECT_EQ(Urls(links), (std::vector<std::string>{
                             "https://news.example.com/world/2025/02/04/story.html",
                             "https://news.example.com/world/rss.xml",
                             "https://news.example.com/atom.xml",
                             "https://news.example.com/",
                             "https://news.example.com/world/",
                             "https://news.example.com/politics/",
                             "https://weather.example.org/warnings?region=7",
                             "https://news.example.com/world/2025/02/04/live-updates.html",
                             "https://news.example.com/world/2025/02/03/earlier.html",
                             "https://news.example.com/about/",
                             "https://twitter.com/examplenews",
                         }));
}

TEST(LinkExtractor, FlagsFeedsAndCanonicalWithTheirKind) {
  const std::vector<Link> links = Extract(kArticlePage);
  ASSERT_GE(links.size(), 4u);
  EXPECT_EQ(links[0].kind, LinkKind::kCanonical);
  EXPECT_EQ(links[0].rel, "canonical");
  EXPECT_EQ(links[1].kind, LinkKind::kFeed);
  EXPECT_EQ(links[1].text, "World news");
  EXPECT_EQ(links[2].kind, LinkKind::kFeed);
  EXPECT_EQ(links[3].kind, LinkKind::kAnchor);
  EXPECT_EQ(LinkKindName(links[1].kind), "feed");
  // Given an hreflang alternate, a stylesheet and an icon, we should not take them for links.
  EXPECT_EQ(Find(links, "https://fr.example.com/monde/story.html"), nullptr);
  EXPECT_EQ(Find(links, "https://news.example.com/static/site.css"), nullptr);
  EXPECT_EQ(Find(links, "https://news.example.com/favicon.ico"), nullptr);
}

TEST(LinkExtractor, AcceptsFeedTypesWithParametersAndAnyCase) {
  const std::vector<Link> links = Extract(
      R"(<link rel="Alternate" type=" Application/RSS+XML; charset=utf-8" href="/a.rss">
         <link rel="alternate" type="application/json" href="/feed.json">
         <link rel="alternate" type="application/feed+json" href="/feed2.json">)");
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].url, "https://news.example.com/a.rss");
  EXPECT_EQ(links[0].kind, LinkKind::kFeed);
}

TEST(LinkExtractor, KeepsAnchorTextTrimmedAndCollapsed) {
  const std::vector<Link> links =
      Extract("<a href='/x'>\n   Storm <b>hits</b>\n\t the   coast  </a>");
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].text, "Storm hits the coast");
}

TEST(LinkExtractor, CapsAnchorTextAt200CodePoints) {
  std::string long_text;
  for (int i = 0; i < 300; ++i) long_text += "\u00e9";  // two bytes each
  const std::vector<Link> links = Extract("<a href='/x'>" + long_text + "</a>");
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].text.size(), kMaxLinkTextChars * 2);
  EXPECT_EQ(links[0].text, long_text.substr(0, kMaxLinkTextChars * 2));
}

TEST(LinkExtractor, UsesImageAltOrTitleForLinksWithoutText) {
  const std::vector<Link> links = Extract(
      R"(<a href="/a"><img src="/a.jpg" alt=" Flood "></a>
         <a href="/b" title="Gallery"><img src="/b.jpg"></a>
         <map><area href="/c" alt="Region map" shape="rect" coords="0,0,1,1"></map>)");
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(links[0].text, "Flood");
  EXPECT_EQ(links[1].text, "Gallery");
  EXPECT_EQ(links[2].url, "https://news.example.com/c");
  EXPECT_EQ(links[2].text, "Region map");
}

TEST(LinkExtractor, ResolvesRelativeReferencesAgainstThePage) {
  // RFC 3986 §5.4 style cases against the page URL.
  const std::vector<Link> links = Extract(
      R"(<a href="next.html">1</a><a href="../03/">2</a><a href="/top">3</a>
         <a href="//cdn.example.net/x">4</a><a href="?page=2">5</a>
         <a href="  /spaced  ">6</a><a href="http://other.example/">7</a>)");
  EXPECT_EQ(Urls(links), (std::vector<std::string>{
                             "https://news.example.com/world/2025/02/04/next.html",
                             "https://news.example.com/world/2025/02/03/",
                             "https://news.example.com/top",
                             "https://cdn.example.net/x",
                             "https://news.example.com/world/2025/02/04/story.html?page=2",
                             "https://news.example.com/spaced",
                             "http://other.example/",
                         }));
}

TEST(LinkExtractor, HonoursBaseHref) {
  // HTML: the first <base href> sets the base, itself resolved against the page.
  const std::vector<Link> links = Extract(
      R"(<head><base target="_blank"><base href="/archive/2024/"><base href="/ignored/"></head>
         <body><a href="story.html">s</a><a href="/abs">a</a></body>)");
  EXPECT_EQ(Urls(links), (std::vector<std::string>{
                             "https://news.example.com/archive/2024/story.html",
                             "https://news.example.com/abs",
                         }));
}

TEST(LinkExtractor, HonoursAbsoluteBaseHrefOnAnotherHost) {
  const std::vector<Link> links =
      Extract(R"(<base href="https://static.example.net/m/"><a href="p.html">p</a>)");
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].url, "https://static.example.net/m/p.html");
}

TEST(LinkExtractor, IgnoresAnUnusableBaseHref) {
  const std::vector<Link> links =
      Extract(R"html(<base href="javascript:alert(1)"><a href="p.html">p</a>)html");
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].url, "https://news.example.com/world/2025/02/04/p.html");
}

TEST(LinkExtractor, SkipsNonHttpSchemesAndFragmentOnlyLinks) {
  const std::vector<Link> links = Extract(
      R"html(<a href="mailto:a@example.com">m</a><a href="JavaScript:go()">j</a>
         <a href="java&#10;script:go()">j2</a><a href="tel:123">t</a>
         <a href="data:text/html,hi">d</a><a href="ftp://example.com/f">f</a>
         <a href="#comments">c</a><a href="#">top</a><a href="">self</a><a>no href</a>
         <a href="https://example.com/ok">ok</a>)html");
  EXPECT_EQ(Urls(links), (std::vector<std::string>{"https://example.com/ok"}));
}

TEST(LinkExtractor, DropsFragmentsOfResolvedLinks) {
  const std::vector<Link> links = Extract(R"(<a href="/a#one">1</a><a href="/a#two">2</a>)");
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].url, "https://news.example.com/a");
  EXPECT_EQ(links[0].text, "1");
}

TEST(LinkExtractor, FlagsNofollowLinksButKeepsThem) {
  const std::vector<Link> links = Extract(
      R"(<a href="/ad" rel="Sponsored  NOFOLLOW">ad</a><a href="/ok" rel="noopener">ok</a>)");
  ASSERT_EQ(links.size(), 2u);
  EXPECT_TRUE(links[0].nofollow);
  EXPECT_EQ(links[0].rel, "sponsored nofollow");
  EXPECT_FALSE(links[1].nofollow);
  EXPECT_EQ(links[1].rel, "noopener");
}

TEST(LinkExtractor, FlagsEveryLinkWhenTheRobotsMetaTagSaysNofollow) {
  for (const char* content : {"noindex, nofollow", "NONE"}) {
    const std::vector<Link> links = Extract(std::string("<meta name=Robots content='") + content +
                                            "'><a href='/a'>a</a><a href='/b'>b</a>");
    ASSERT_EQ(links.size(), 2u) << content;
    EXPECT_TRUE(links[0].nofollow && links[1].nofollow) << content;
  }
  const std::vector<Link> indexable =
      Extract("<meta name=robots content='noindex'><a href='/a'>a</a>");
  ASSERT_EQ(indexable.size(), 1u);
  EXPECT_FALSE(indexable[0].nofollow);
}

TEST(LinkExtractor, DeduplicatesKeepingTheFirstAndMergingFlags) {
  // Given a teaser whose image link comes before its headline link, and a URL
  // linked both nofollow and followed, we should report each once.
  const std::vector<Link> links = Extract(
      R"(<a href="/s"><img src="/s.jpg"></a><a href="/s">Headline</a><a href="/s">Again</a>
         <a href="/n" rel="nofollow">n1</a><a href="/n">n2</a>
         <a href="/m" rel="nofollow">m1</a><a href="/m" rel="nofollow">m2</a>)");
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(links[0].text, "Headline");
  EXPECT_FALSE(links[1].nofollow);
  EXPECT_EQ(links[1].text, "n1");
  EXPECT_TRUE(links[2].nofollow);
}

TEST(LinkExtractor, ReportsPaginationLinksWithTheirRel) {
  const std::vector<Link> links = Extract(
      R"(<link rel="prev" href="?page=1"><link rel="next" href="?page=3">
         <a rel="next" href="?page=3">Next</a>)",
      "https://news.example.com/world/?page=2");
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].kind, LinkKind::kPagination);
  EXPECT_EQ(links[0].rel, "prev");
  EXPECT_EQ(links[0].url, "https://news.example.com/world/?page=1");
  EXPECT_EQ(links[1].kind, LinkKind::kPagination);
  EXPECT_EQ(links[1].rel, "next");
  EXPECT_EQ(links[1].text, "Next");  // filled from the anchor to the same URL
}

TEST(LinkExtractor, SkipsLinksInsideTemplates) {
  const std::vector<Link> links =
      Extract(R"(<template><a href="/inert">x</a></template><a href="/live">y</a>)");
  EXPECT_EQ(Urls(links), (std::vector<std::string>{"https://news.example.com/live"}));
}

TEST(LinkExtractor, StopsAtTheLinkLimit) {
  std::string html;
  for (size_t i = 0; i < kMaxLinksPerPage + 50; ++i) {
    html += "<a href='/p" + std::to_string(i) + "'>x</a>";
  }
  const std::vector<Link> links = Extract(html);
  ASSERT_EQ(links.size(), kMaxLinksPerPage);
  EXPECT_EQ(links.back().url, "https://news.example.com/p" + std::to_string(kMaxLinksPerPage - 1));
}

TEST(LinkExtractor, SkipsOverlongReferences) {
  const std::string href = "/" + std::string(kMaxLinkUrlBytes, 'a');
  const std::vector<Link> links = Extract("<a href='" + href + "'>x</a><a href='/b'>b</a>");
  EXPECT_EQ(Urls(links), (std::vector<std::string>{"https://news.example.com/b"}));
}

TEST(LinkExtractor, ResolvesOnlyAbsoluteLinksWithoutAPageUrl) {
  const std::vector<Link> links =
      Extract(R"(<a href="/rel">r</a><a href="https://example.com/abs">a</a>)", "");
  EXPECT_EQ(Urls(links), (std::vector<std::string>{"https://example.com/abs"}));
}

TEST(LinkExtractor, AcceptsAnAlreadyParsedDocument) {
  const Document doc = ParseHtml("<a href='/x'>x</a>");
  const std::vector<Link> links = ExtractLinks(doc, "http://127.0.0.1:8080/dir/page");
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].url, "http://127.0.0.1:8080/x");
}

TEST(LinkExtractor, NeverFailsOnGarbage) {
  EXPECT_TRUE(Extract("").empty());
  static constexpr char kBytes[] = "\0\xff\xfe<a href=\x80>\xc3";
  for (const Link& link : Extract(std::string(kBytes, sizeof(kBytes) - 1))) {
    EXPECT_TRUE(link.url.starts_with("https://news.example.com/")) << link.url;
  }
  EXPECT_TRUE(
      Extract("<a href='http://[::1'>bad ipv6</a><a href='http://ex ample.com/'>sp</a>").empty());
}

}  // namespace
}  // namespace newsvault::parser
