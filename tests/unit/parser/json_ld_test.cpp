// ParseJsonLd: schema.org article metadata from JSON-LD blocks.
#include "parser/json_ld.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsvault::parser {
namespace {

JsonLdArticle Parse(std::initializer_list<std::string_view> scripts) {
  return ParseJsonLd(std::vector<std::string_view>(scripts));
}

TEST(JsonLd, ReadsArticleInGraphAndResolvesIdReferences) {
  const JsonLdArticle a = Parse({R"({"@context":"https://schema.org","@graph":[
      {"@type":"Person","@id":"#jane","name":"Jane Doe"},
      {"@type":"Organization","@id":"#org","name":"The Gazette"},
      {"@type":"NewsArticle","headline":"Title here","author":{"@id":"#jane"},
       "publisher":{"@id":"#org"},"datePublished":"2025-02-04T09:30:00+07:00",
       "dateModified":"2025-02-05T10:00:00+07:00","inLanguage":"en-GB",
       "image":{"@type":"ImageObject","url":"https://x.test/a.jpg"},
       "keywords":["one","two"],"articleSection":["World","Asia"],
       "mainEntityOfPage":{"@id":"https://x.test/story"}}]})"});
  EXPECT_TRUE(a.found);
  EXPECT_EQ(a.type, "NewsArticle");
  EXPECT_EQ(a.headline, "Title here");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Jane Doe"}));
  EXPECT_EQ(a.publisher, "The Gazette");
  EXPECT_EQ(a.date_published, "2025-02-04T09:30:00+07:00");
  EXPECT_EQ(a.date_modified, "2025-02-05T10:00:00+07:00");
  EXPECT_EQ(a.language, "en-GB");
  EXPECT_EQ(a.image, "https://x.test/a.jpg");
  EXPECT_EQ(a.keywords, (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(a.section, "World");
  EXPECT_EQ(a.url, "https://x.test/story");
}

TEST(JsonLd, SkipsOrganizationAuthorsAndReadsArraysAndStrings) {
  const JsonLdArticle a = Parse({R"([{"@type":"BreadcrumbList"},
      {"@type":["Article","schema:ReportageNewsArticle"],"headline":"H",
       "author":[{"@type":"Organization","name":"Desk"},{"@type":"Person","name":"Ann Lee"},"Bo Kim"],
       "image":["https://x.test/1.jpg","https://x.test/2.jpg"],"keywords":"a, b,c"}])"});
  EXPECT_TRUE(a.found);
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Ann Lee", "Bo Kim"}));
  EXPECT_EQ(a.image, "https://x.test/1.jpg");
  EXPECT_EQ(a.keywords, (std::vector<std::string>{"a", "b", "c"}));
}

TEST(JsonLd, ReadsSeveralScriptsAndPrefersNewsArticle) {
  const JsonLdArticle a = Parse({R"({"@type":"WebSite","name":"Site Name"})",
                                 R"({"@type":"BlogPosting","headline":"Blog"})",
                                 R"({"@type":"http://schema.org/NewsArticle","headline":"News"})"});
  EXPECT_EQ(a.headline, "News");
  EXPECT_EQ(a.publisher, "Site Name");
}

TEST(JsonLd, RepairsRawNewlinesAndSurvivesGarbage) {
  const JsonLdArticle a =
      Parse({"{\"@type\":\"NewsArticle\",\"headline\":\"Two\nlines\"}", "{not json at all", "",
             "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["});
  EXPECT_TRUE(a.found);
  EXPECT_EQ(a.headline, "Two lines");
}

TEST(JsonLd, WebPageIsOnlyAFallback) {
  const JsonLdArticle a =
      Parse({R"({"@type":"WebPage","name":"Page","datePublished":"2025-01-01"})"});
  EXPECT_FALSE(a.found);
  EXPECT_EQ(a.date_published, "2025-01-01");
}

}  // namespace
}  // namespace newsvault::parser
