// Sitemaps (https://www.sitemaps.org/protocol.html): urlset, sitemap index,
// the Google News extension, text sitemaps, gzip (RFC 1952) with a cap, and
// what is skipped (non-http(s) locs) and reported.
#include "parser/sitemap_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parser/xml_document.h"
#include "tests/support/test_server_pages.h"
#include "tests/unit/parser/parser_test_util.h"

namespace newsvault::parser {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::ReadFixture;

constexpr std::string_view kHeraldSitemapUrl = "https://www.dailyherald.example/sitemaps/news.xml";
constexpr std::string_view kLakesideSitemapUrl = "https://www.lakeside-times.example/sitemap.xml";

std::vector<std::string> Urls(const SitemapParseResult& result) {
  std::vector<std::string> urls;
  for (const SitemapEntry& entry : result.entries) urls.push_back(entry.url);
  return urls;
}

bool AnyOddityHas(const SitemapParseResult& result, std::string_view text) {
  for (const std::string& oddity : result.oddities) {
    if (oddity.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(SitemapParser, ReadsAGoogleNewsSitemap) {
  // Given news:news entries (Google News extension), we should keep their
  // title and publication date; image:loc is no page loc.
  const SitemapParseResult sitemap =
      ParseSitemap(ReadFixture("sitemaps/news_sitemap.xml"), kHeraldSitemapUrl);
  EXPECT_EQ(sitemap.kind, SitemapKind::kUrlset);
  EXPECT_EQ(SitemapKindName(sitemap.kind), "urlset");
  EXPECT_THAT(Urls(sitemap),
              ElementsAre("https://www.dailyherald.example/politics/2025/02/04/budget-vote",
                          "https://www.dailyherald.example/sport/2025/02/04/derby-report",
                          "https://www.dailyherald.example/about/contact"));
  ASSERT_EQ(sitemap.entries.size(), 3u);
  EXPECT_TRUE(sitemap.entries[0].is_news);
  EXPECT_EQ(sitemap.entries[0].news_title, "Parliament passes budget after all-night session");
  EXPECT_EQ(sitemap.entries[0].news_published, "2025-02-04T13:20:00+00:00");
  EXPECT_EQ(sitemap.entries[1].news_title, "Late winner settles the derby");
  EXPECT_EQ(sitemap.entries[1].news_published, "2025-02-04T21:50:00+01:00");
  EXPECT_EQ(sitemap.entries[1].lastmod, "2025-02-04T22:05:00+01:00");
  EXPECT_FALSE(sitemap.entries[2].is_news);
  EXPECT_THAT(sitemap.oddities, IsEmpty());
}

TEST(SitemapParser, ToleratesAnUndeclaredNewsPrefix) {
  const SitemapParseResult sitemap = ParseSitemap(
      "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>https://a.example/"
      "s</loc><news:news><news:publication_date>2025-02-04</news:publication_date>"
      "<news:title>T</news:title></news:news></url></urlset>",
      "https://a.example/sitemap.xml");
  ASSERT_EQ(sitemap.entries.size(), 1u);
  EXPECT_TRUE(sitemap.entries[0].is_news);
  EXPECT_EQ(sitemap.entries[0].news_title, "T");
  EXPECT_EQ(sitemap.entries[0].news_published, "2025-02-04");
}

TEST(SitemapParser, ReadsASitemapIndexAndSkipsNonHttpLocs) {
  const SitemapParseResult index = ParseSitemap(ReadFixture("sitemaps/sitemap_index.xml"),
                                                "https://www.dailyherald.example/sitemap.xml");
  EXPECT_EQ(index.kind, SitemapKind::kIndex);
  EXPECT_THAT(Urls(index), ElementsAre("https://www.dailyherald.example/sitemaps/news.xml",
                                       "https://www.dailyherald.example/sitemaps/2025-01.xml.gz"));
  EXPECT_EQ(index.entries[0].lastmod, "2025-02-04T22:10:00+00:00");
  EXPECT_EQ(index.entries[1].lastmod, "2025-02-01");
  EXPECT_TRUE(AnyOddityHas(index, "ftp://files.dailyherald.example/sitemaps/archive.xml"));
  EXPECT_TRUE(AnyOddityHas(index, "<sitemap> without <loc>"));
}

TEST(SitemapParser, ReadsUrlDetailsAndReportsWhatItCannotUse) {
  const SitemapParseResult sitemap =
      ParseSitemap(ReadFixture("sitemaps/urlset.xml"), kLakesideSitemapUrl);
  EXPECT_THAT(
      Urls(sitemap),
      ElementsAre("https://www.lakeside-times.example/",
                  "https://www.lakeside-times.example/local/2025/02/ice-fishing-season.html",
                  "https://www.lakeside-times.example/local/2025/02/harbour-works.html",
                  "https://www.lakeside-times.example/search?q=caf%C3%A9&page=2"));
  ASSERT_EQ(sitemap.entries.size(), 4u);
  EXPECT_EQ(sitemap.entries[0].lastmod, "2025-02-04");
  EXPECT_EQ(sitemap.entries[0].changefreq, "hourly");
  EXPECT_EQ(sitemap.entries[0].priority, 1.0);
  EXPECT_EQ(sitemap.entries[1].lastmod, "2025-02-03T18:45:00+01:00");
  EXPECT_EQ(sitemap.entries[1].changefreq, "weekly");
  EXPECT_EQ(sitemap.entries[1].priority, 0.8);
  EXPECT_EQ(sitemap.entries[2].changefreq, "");
  EXPECT_EQ(sitemap.entries[2].priority, std::nullopt);
  EXPECT_EQ(sitemap.entries[3].lastmod, "");
  EXPECT_TRUE(AnyOddityHas(sitemap, "relative loc '/local/2025/02/harbour-works.html'"));
  EXPECT_TRUE(AnyOddityHas(sitemap, "unknown changefreq 'sometimes'"));
  EXPECT_TRUE(AnyOddityHas(sitemap, "priority 'high'"));
  EXPECT_TRUE(AnyOddityHas(sitemap, "loc 'mailto:editor@lakeside-times.example' skipped"));
  EXPECT_TRUE(AnyOddityHas(sitemap, "loc 'javascript:void(0)' skipped"));
  EXPECT_TRUE(AnyOddityHas(sitemap, "unreadable date 'last tuesday'"));
}

TEST(SitemapParser, ReadsASitemapWithoutItsNamespace) {
  const SitemapParseResult sitemap =
      ParseSitemap("<urlset><url><loc>https://a.example/x</loc></url></urlset>",
                   "https://a.example/sitemap.xml");
  EXPECT_THAT(Urls(sitemap), ElementsAre("https://a.example/x"));
  EXPECT_TRUE(AnyOddityHas(sitemap, "without the sitemaps.org namespace"));
}

TEST(SitemapParser, ReadsATextSitemapOneUrlPerLine) {
  // Given a BOM, CRLF line ends, blank lines, padding and non-http lines,
  // we should keep exactly the http(s) URLs.
  const SitemapParseResult sitemap =
      ParseSitemap(ReadFixture("sitemaps/sitemap.txt"), "https://www.lakeside-times.example/s.txt");
  EXPECT_EQ(sitemap.kind, SitemapKind::kText);
  EXPECT_THAT(
      Urls(sitemap),
      ElementsAre("https://www.lakeside-times.example/",
                  "https://www.lakeside-times.example/local/2025/02/ice-fishing-season.html",
                  "https://www.lakeside-times.example/sport/curling-final.html",
                  "http://lakeside-times.example/weather"));
  EXPECT_TRUE(AnyOddityHas(sitemap, "ftp://files.lakeside-times.example/archive/"));
  EXPECT_TRUE(AnyOddityHas(sitemap, "'not a url at all'"));
}

TEST(SitemapParser, AcceptsAFeedAsASitemap) {
  // The protocol allows RSS 2.0 and Atom feeds in place of a sitemap.
  const SitemapParseResult sitemap =
      ParseSitemap(ReadFixture("feeds/atom_xml_base.xml"), "https://news.example.org/feed");
  EXPECT_EQ(sitemap.kind, SitemapKind::kUrlset);
  ASSERT_EQ(sitemap.entries.size(), 4u);
  EXPECT_EQ(sitemap.entries[0].url, "https://news.example.org/world/2025/02/04/geneva-talks");
  EXPECT_EQ(sitemap.entries[0].lastmod, "2025-02-04T11:45:00+01:00");
}

TEST(SitemapParser, ReportsADocumentThatIsNoSitemap) {
  const SitemapParseResult html =
      ParseSitemap("<!DOCTYPE html><html><body>404</body></html>", "https://a.example/s.xml");
  EXPECT_EQ(html.kind, SitemapKind::kUnknown);
  EXPECT_THAT(html.entries, IsEmpty());
  EXPECT_TRUE(AnyOddityHas(html, "not a sitemap"));
}

TEST(SitemapParser, InflatesAGzipSitemap) {
  const std::string xml = ReadFixture("sitemaps/news_sitemap.xml");
  const SitemapParseResult plain = ParseSitemapBytes(xml, kHeraldSitemapUrl);
  const SitemapParseResult gzipped =
      ParseSitemapBytes(newsvault::testing::GzipCompress(xml), kHeraldSitemapUrl);
  EXPECT_EQ(gzipped.kind, SitemapKind::kUrlset);
  EXPECT_EQ(Urls(gzipped), Urls(plain));
  EXPECT_EQ(Urls(gzipped).size(), 3u);
  EXPECT_THAT(gzipped.oddities, IsEmpty());
}

TEST(SitemapParser, CutsAGzipBombInsteadOfExpandingIt) {
  // Given gzip members that inflate to ~1 GiB (concatenated members decode
  // as one body, RFC 1952 §2.2), we should inflate at most kMaxSitemapBytes,
  // keep the entries before the cut, and say so.
  std::string bomb = newsvault::testing::GzipCompress(
      "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
      "<url><loc>https://a.example/one</loc></url><url><loc>https://a.example/two</loc></url>"
      "<url><loc>https://a.example/three</loc><lastmod>");
  const std::string member = newsvault::testing::GzipCompress(std::string(16u << 20, '0'));
  for (int i = 0; i < 64; ++i) bomb += member;
  ASSERT_LT(bomb.size(), 2u << 20);
  const SitemapParseResult sitemap = ParseSitemapBytes(bomb, "https://a.example/s.xml.gz");
  EXPECT_EQ(sitemap.kind, SitemapKind::kUrlset);
  ASSERT_FALSE(sitemap.oddities.empty());
  EXPECT_EQ(sitemap.oddities.front(), "gzip sitemap inflates past 52428800 bytes; cut there");
  EXPECT_THAT(Urls(sitemap),
              ::testing::IsSupersetOf({"https://a.example/one", "https://a.example/two"}));
}

TEST(SitemapParser, ReportsUndecodableGzip) {
  const SitemapParseResult sitemap =
      ParseSitemapBytes(newsvault::testing::BrokenGzipBytes(), "https://a.example/s.xml.gz");
  EXPECT_EQ(sitemap.kind, SitemapKind::kUnknown);
  EXPECT_THAT(sitemap.entries, IsEmpty());
  EXPECT_TRUE(AnyOddityHas(sitemap, "undecodable gzip sitemap"));
}

TEST(SitemapParser, KeepsAtMostTheProtocolsFiftyThousandEntries) {
  std::string text;
  for (size_t i = 0; i < kMaxSitemapEntries + 10; ++i) {
    text += "https://a.example/" + std::to_string(i) + "\n";
  }
  const SitemapParseResult sitemap = ParseSitemap(text, "https://a.example/s.txt");
  EXPECT_EQ(sitemap.entries.size(), kMaxSitemapEntries);
  EXPECT_EQ(sitemap.entries.back().url, "https://a.example/49999");
  EXPECT_TRUE(AnyOddityHas(sitemap, "more than 50000 entries"));
}

TEST(SitemapParser, KeepsAmpersandsInLocsAfterAnEarlierXmlError) {
  // Given a raw '&' in one loc (a common sitemap bug), the escaped '&amp;'
  // of later locs must survive libxml2's recovery.
  const SitemapParseResult sitemap = ParseSitemap(
      "<urlset><url><loc>https://a.example/?a=1&b=2</loc></url>"
      "<url><loc>https://a.example/?c=3&amp;d=4</loc></url></urlset>",
      "https://a.example/s.xml");
  EXPECT_THAT(Urls(sitemap),
              ElementsAre("https://a.example/?a=1&b=2", "https://a.example/?c=3&d=4"));
}

}  // namespace
}  // namespace newsvault::parser
