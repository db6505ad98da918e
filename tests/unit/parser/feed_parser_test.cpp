// Feeds: RSS 2.0, RSS 1.0 (RDF) and Atom (RFC 4287) entries, link resolution
// (RFC 3986 §5.2, XML Base), dates, and safety against hostile XML.
#include "parser/feed_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "parser/xml_document.h"
#include "tests/unit/parser/parser_test_util.h"

namespace newsvault::parser {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using testing::ReadFixture;

constexpr std::string_view kCourierFeedUrl =
    "https://www.riverside-courier.example/feeds/latest.rss";
constexpr std::string_view kWorldFeedUrl = "https://news.example.org/feeds/world.atom";

std::vector<std::string> Urls(const FeedParseResult& result) {
  std::vector<std::string> urls;
  for (const FeedEntry& entry : result.entries) urls.push_back(entry.url);
  return urls;
}

std::vector<std::string> Published(const FeedParseResult& result) {
  std::vector<std::string> dates;
  for (const FeedEntry& entry : result.entries) dates.push_back(entry.published);
  return dates;
}

bool AnyOddityHas(const FeedParseResult& result, std::string_view text) {
  for (const std::string& oddity : result.oddities) {
    if (oddity.find(text) != std::string::npos) return true;
  }
  return false;
}

const FeedEntry* FindEntry(const FeedParseResult& result, std::string_view url) {
  for (const FeedEntry& entry : result.entries) {
    if (entry.url == url) return &entry;
  }
  return nullptr;
}

TEST(FeedParser, ReadsRss2ItemsInDocumentOrder) {
  // Given an RSS 2.0 news feed, we should get one entry per item with a usable
  // link, relative links resolved against the feed URL (RFC 3986 §5.2) and a
  // permalink guid standing in for a missing link.
  const FeedParseResult feed = ParseFeed(ReadFixture("feeds/rss2_news.xml"), kCourierFeedUrl);
  EXPECT_EQ(feed.kind, FeedKind::kRss);
  EXPECT_EQ(FeedKindName(feed.kind), "rss");
  EXPECT_EQ(feed.title, "The Riverside Courier - Latest News");
  EXPECT_THAT(Urls(feed),
              ElementsAre("https://www.riverside-courier.example/2025/02/04/"
                          "council-riverfront-plan.html?utm_source=rss",
                          "https://www.riverside-courier.example/2025/02/04/storm-warning.html",
                          "https://www.riverside-courier.example/2025/02/04/schools-reopen.html",
                          "https://www.riverside-courier.example/2025/02/03/farmers-market.html",
                          "https://www.riverside-courier.example/2025/02/03/library-hours.html",
                          "https://www.riverside-courier.example/2025/02/03/bridge-closure.html",
                          "https://www.riverside-courier.example/opinion/bus-line.html",
                          "https://www.riverside-courier.example/weather/weekend.html"));
  EXPECT_EQ(feed.entries[0].id, "courier-article-104211");
  EXPECT_EQ(feed.entries[2].id,
            "https://www.riverside-courier.example/2025/02/04/schools-reopen.html");
}

TEST(FeedParser, ConvertsRss2PubDatesInEveryZoneFormToRfc3339) {
  // Given pubDates with GMT, a US zone name, numeric offsets, no weekday or
  // seconds, full names, an ISO date and "-0000" (RFC 5322 §3.3: offset
  // unknown), we should get RFC 3339 keeping each offset.
  const FeedParseResult feed = ParseFeed(ReadFixture("feeds/rss2_news.xml"), kCourierFeedUrl);
  EXPECT_THAT(Published(feed), ElementsAre("2025-02-04T10:11:12Z", "2025-02-04T05:11:12-05:00",
                                           "2025-02-04T17:11:12+07:00", "2025-02-03T21:05:00+01:00",
                                           "2025-02-03T02:11:12-07:00", "2025-02-03T08:00:00+01:00",
                                           "2025-02-03T07:30:00-00:00", ""));
  EXPECT_TRUE(AnyOddityHas(feed, "unreadable date 'sometime soon'"));
}

TEST(FeedParser, ReadsRssTitlesFromCdataAndCollapsesWhitespace) {
  const FeedParseResult feed = ParseFeed(ReadFixture("feeds/rss2_news.xml"), kCourierFeedUrl);
  ASSERT_GE(feed.entries.size(), 4u);
  // media:title is another namespace's title and must not replace the item's.
  EXPECT_EQ(feed.entries[0].title, "City council approves riverfront redevelopment plan");
  EXPECT_EQ(feed.entries[1].title, "Storm warning: \"heavy snow\" expected overnight");
  EXPECT_EQ(feed.entries[3].title, "Farmers market moves indoors for the winter");
}

TEST(FeedParser, SkipsNonHttpLinksAndItemsWithoutALinkAndReportsThem) {
  // Given a mailto: link and an item whose only guid is not a permalink, we
  // should keep neither and say why.
  const FeedParseResult feed = ParseFeed(ReadFixture("feeds/rss2_news.xml"), kCourierFeedUrl);
  for (const FeedEntry& entry : feed.entries) EXPECT_THAT(entry.url, Not(HasSubstr("mailto")));
  EXPECT_TRUE(AnyOddityHas(feed, "mailto:newsroom@riverside-courier.example"));
  EXPECT_TRUE(AnyOddityHas(feed, "'Sponsored: winter tyres' has no usable link"));
}

TEST(FeedParser, ResolvesAtomLinksAgainstNestedXmlBase) {
  // Given xml:base on the feed, on an entry and on a link (XML Base §4.2, RFC
  // 4287 §2), each relative href resolves against the nearest base.
  const FeedParseResult feed = ParseFeed(ReadFixture("feeds/atom_xml_base.xml"), kWorldFeedUrl);
  EXPECT_EQ(feed.kind, FeedKind::kAtom);
  EXPECT_EQ(feed.title, "Example News: World");
  EXPECT_THAT(Urls(feed), ElementsAre("https://news.example.org/world/2025/02/04/geneva-talks",
                                      "https://news.example.org/asia/monsoon-arrives-early",
                                      "https://markets.example.org/2025/02/04/open",
                                      "https://news.example.org/corrections/1004"));
}

TEST(FeedParser, PrefersTheHtmlAlternateLinkOverOtherFormats) {
  // Given an AMP alternate and a link without rel or type (RFC 4287
  // §4.2.7.2: alternate, HTML by default), we should pick the plain page, and
  // never an enclosure.
  const FeedParseResult feed = ParseFeed(ReadFixture("feeds/atom_xml_base.xml"), kWorldFeedUrl);
  ASSERT_EQ(feed.entries.size(), 4u);
  EXPECT_EQ(feed.entries[1].url, "https://news.example.org/asia/monsoon-arrives-early");
  EXPECT_EQ(feed.entries[1].title, "Monsoon arrives early");  // type="xhtml" read as text
  for (const FeedEntry& entry : feed.entries) EXPECT_THAT(entry.url, Not(HasSubstr("media")));
}

TEST(FeedParser, UsesAnHttpAtomIdOnlyWhenNoAlternateLinkExists) {
  const FeedParseResult feed = ParseFeed(ReadFixture("feeds/atom_xml_base.xml"), kWorldFeedUrl);
  EXPECT_NE(FindEntry(feed, "https://news.example.org/corrections/1004"), nullptr);
  EXPECT_TRUE(AnyOddityHas(feed, "no alternate link; using its id"));
  // A tag: id is no address: that entry is skipped and reported.
  EXPECT_TRUE(AnyOddityHas(feed, "'Internal draft' has no usable link"));
}

TEST(FeedParser, KeepsAtomPublishedAndUpdatedWithTheirOffsets) {
  const FeedParseResult feed = ParseFeed(ReadFixture("feeds/atom_xml_base.xml"), kWorldFeedUrl);
  ASSERT_EQ(feed.entries.size(), 4u);
  EXPECT_EQ(feed.entries[0].id, "tag:news.example.org,2025:story-1001");
  EXPECT_EQ(feed.entries[0].published, "2025-02-04T09:30:00+01:00");
  EXPECT_EQ(feed.entries[0].updated, "2025-02-04T11:45:00+01:00");
  EXPECT_EQ(feed.entries[1].published, "2025-02-04T06:00:00+05:30");
  EXPECT_EQ(feed.entries[2].published, "");
  EXPECT_EQ(feed.entries[2].updated, "2025-02-04T08:00:00Z");
}

TEST(FeedParser, ToleratesAnAtomFeedWithoutItsNamespace) {
  const FeedParseResult feed = ParseFeed(
      "<feed><title>Bare</title><entry><title>One</title><link href='/one'/>"
      "<updated>2025-02-04T08:00:00Z</updated></entry></feed>",
      "http://bare.example/feed");
  EXPECT_EQ(feed.kind, FeedKind::kAtom);
  EXPECT_THAT(Urls(feed), ElementsAre("http://bare.example/one"));
  EXPECT_TRUE(AnyOddityHas(feed, "without the Atom namespace"));
}

TEST(FeedParser, ResolvesRssLinksAgainstXmlBaseOnRssAndChannel) {
  const FeedParseResult feed = ParseFeed(
      "<rss version='2.0' xml:base='https://cdn.example/'><channel xml:base='news/'>"
      "<item><link>a.html</link></item><item xml:base='/x/'><link>b.html</link></item>"
      "</channel></rss>",
      "https://a.example/rss");
  EXPECT_THAT(Urls(feed),
              ElementsAre("https://cdn.example/news/a.html", "https://cdn.example/x/b.html"));
}

TEST(FeedParser, ReadsItemsOfAnRssFeedWithoutAChannel) {
  const FeedParseResult feed =
      ParseFeed("<rss version='0.91'><item><link>https://a.example/x</link></item></rss>",
                "https://a.example/rss");
  EXPECT_THAT(Urls(feed), ElementsAre("https://a.example/x"));
  EXPECT_TRUE(AnyOddityHas(feed, "without a <channel>"));
}

TEST(FeedParser, ReadsRss1RdfItemsWithDublinCoreDates) {
  const FeedParseResult feed =
      ParseFeed(ReadFixture("feeds/rdf.xml"), "https://www.hamburger-tageblatt.example/rss");
  EXPECT_EQ(feed.kind, FeedKind::kRdf);
  EXPECT_EQ(feed.title, "Hamburger Tageblatt");
  EXPECT_THAT(
      Urls(feed),
      ElementsAre("https://www.hamburger-tageblatt.example/hafen/elbvertiefung-100.html",
                  "https://www.hamburger-tageblatt.example/kultur/elbphilharmonie-200.html"));
  EXPECT_THAT(Published(feed), ElementsAre("2025-02-04T08:15:00+01:00", "2025-02-03"));
  EXPECT_EQ(feed.entries[1].title, "Konzertsaison in der Elbphilharmonie eröffnet");
  EXPECT_EQ(feed.entries[1].id,
            "https://www.hamburger-tageblatt.example/kultur/elbphilharmonie-200.html");
}

TEST(FeedParser, ToleratesAnUndeclaredDublinCorePrefix) {
  const FeedParseResult feed = ParseFeed(
      "<rss version='2.0'><channel><item><link>https://a.example/x</link>"
      "<dc:date>2025-02-04T08:00:00+02:00</dc:date></item></channel></rss>",
      "https://a.example/rss");
  EXPECT_THAT(Published(feed), ElementsAre("2025-02-04T08:00:00+02:00"));
}

TEST(FeedParser, NeverExpandsABillionLaughsDtd) {
  // Given the classic entity bomb (10^9 "lol"s if expanded), we should finish
  // quickly with small output: entities are never substituted.
  const auto start = std::chrono::steady_clock::now();
  const FeedParseResult feed =
      ParseFeed(ReadFixture("feeds/billion_laughs.xml"), "https://laughs.example/rss");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  EXPECT_THAT(Urls(feed), ElementsAre("https://laughs.example/story-1.html",
                                      "https://laughs.example/story-2.html"));
  EXPECT_EQ(feed.title, "Laughing News");
  EXPECT_LT(feed.entries[0].title.size(), 100u);
}

TEST(FeedParser, NeverReadsAnExternalEntityFromDisk) {
  // Given an XXE feed naming a local file, the file's content must not appear.
  const std::filesystem::path secret =
      std::filesystem::temp_directory_path() / "nv_feed_parser_xxe_secret.txt";
  std::ofstream(secret) << "TOP-SECRET-2025";
  const std::string xml = "<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY xxe SYSTEM 'file://" +
                          secret.string() +
                          "'>]><rss version='2.0'><channel><title>&xxe;</title><item>"
                          "<title>Leak &xxe;</title><link>https://a.example/x</link></item>"
                          "</channel></rss>";
  const FeedParseResult feed = ParseFeed(xml, "https://a.example/rss");
  std::filesystem::remove(secret);
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_THAT(feed.title, Not(HasSubstr("SECRET")));
  EXPECT_EQ(feed.entries[0].title, "Leak");
}

TEST(FeedParser, KeepsItemsAroundUndeclaredHtmlEntities) {
  // Given &nbsp; &mdash; &eacute; with no DTD (common in sloppy feeds), we
  // should keep every item, read the HTML entities as their characters and
  // report them.
  const FeedParseResult feed =
      ParseFeed(ReadFixture("feeds/undeclared_entities.xml"), "https://gazette.example/rss");
  EXPECT_THAT(Urls(feed), ElementsAre("https://gazette.example/news/prices-rise.html",
                                      "https://gazette.example/news/cafe-protest.html"));
  EXPECT_EQ(feed.title, "Daily Gazette");  // &nbsp; is U+00A0, then collapsed
  EXPECT_EQ(feed.entries[0].title, "Prices rise \u2014 again");
  EXPECT_EQ(feed.entries[1].title, "Caf\u00E9 owners protest & march");
  EXPECT_EQ(feed.entries[0].published, "2025-02-05T09:00:00Z");
  EXPECT_TRUE(AnyOddityHas(feed, "mdash"));
}

TEST(FeedParser, RecoversItemsFromMalformedXml) {
  // Given mismatched tags, a raw '&' in a link and a feed cut off before its
  // end tags, we should still read every item and report the XML errors.
  const FeedParseResult feed =
      ParseFeed(ReadFixture("feeds/malformed.xml"), "https://valleypost.example/rss");
  EXPECT_EQ(feed.kind, FeedKind::kRss);
  EXPECT_EQ(feed.title, "Valley Post");
  // The stray '&' is kept as a literal '&' (xml_references.h).
  EXPECT_THAT(Urls(feed), ElementsAre("https://valleypost.example/news/ferry.html?id=5&ref=rss",
                                      "https://valleypost.example/news/bakery.html",
                                      "https://valleypost.example/news/council-moved.html"));
  EXPECT_THAT(Published(feed), ElementsAre("2025-02-06T07:15:00Z", "", "2025-02-06T06:00:00Z"));
  EXPECT_TRUE(AnyOddityHas(feed, "XML error, recovered"));
}

TEST(FeedParser, ReportsADocumentThatIsNoFeed) {
  const FeedParseResult html =
      ParseFeed("<html><body><p>Not here</p></body></html>", "https://a.example/");
  EXPECT_EQ(html.kind, FeedKind::kUnknown);
  EXPECT_THAT(html.entries, IsEmpty());
  EXPECT_TRUE(AnyOddityHas(html, "not a feed: the document element is <html>"));

  for (std::string_view junk : {std::string_view(""), std::string_view("\x1f\x8b\x08\0\xff", 5),
                                std::string_view("plain words")}) {
    const FeedParseResult result = ParseFeed(junk, "https://a.example/");
    EXPECT_EQ(result.kind, FeedKind::kUnknown);
    EXPECT_THAT(result.entries, IsEmpty());
    EXPECT_FALSE(result.oddities.empty());
  }
}

TEST(FeedParser, CapsTheNumberOfEntries) {
  std::string xml = "<rss version='2.0'><channel>";
  for (size_t i = 0; i < kMaxFeedEntries + 3; ++i) {
    xml += "<item><link>https://a.example/" + std::to_string(i) + "</link></item>";
  }
  xml += "</channel></rss>";
  const FeedParseResult feed = ParseFeed(xml, "https://a.example/rss");
  EXPECT_EQ(feed.entries.size(), kMaxFeedEntries);
  EXPECT_TRUE(AnyOddityHas(feed, "the rest are dropped"));
}

TEST(FeedParser, CutsInputLongerThanTheCap) {
  // Given a feed longer than kMaxXmlInputBytes, we should parse the prefix
  // (its first item survives, the last one is never seen) and say it was cut.
  std::string xml = "<rss version='2.0'><channel><item><link>https://a.example/first</link></item>";
  const std::string padding = "<item><description>" + std::string(1u << 20, 'x') +
                              "</description><link>https://a.example/padding</link></item>";
  while (xml.size() <= kMaxXmlInputBytes) xml += padding;
  xml += "<item><link>https://a.example/after-cut</link></item></channel></rss>";
  const FeedParseResult feed = ParseFeed(xml, "https://a.example/rss");
  ASSERT_FALSE(feed.entries.empty());
  EXPECT_EQ(feed.entries.front().url, "https://a.example/first");
  EXPECT_THAT(Urls(feed), Not(Contains("https://a.example/after-cut")));
  EXPECT_TRUE(AnyOddityHas(feed, "feed longer than 52428800 bytes; cut there"));
}

TEST(FeedParser, CapsTheNumberOfOddities) {
  std::string xml = "<rss version='2.0'><channel>";
  for (int i = 0; i < 500; ++i)
    xml += "<item><link>ftp://a.example/" + std::to_string(i) + "</link></item>";
  xml += "</channel></rss>";
  const FeedParseResult feed = ParseFeed(xml, "https://a.example/rss");
  EXPECT_THAT(feed.entries, IsEmpty());
  EXPECT_EQ(feed.oddities.size(), kMaxOddities + 1);
  EXPECT_EQ(feed.oddities.back(), "further oddities dropped");
}

}  // namespace
}  // namespace newsvault::parser
