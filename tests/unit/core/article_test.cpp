#include "core/article.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace newsvault::core {
namespace {

Article Sample() {
  Article a;
  a.url = "https://example.com/2025/02/04/story.html";
  a.canonical_url = "https://example.com/story";
  a.title = "A title";
  a.authors = {"Ann Author", "Bob Writer"};
  a.published = "2025-02-04T10:11:12+02:00";
  a.published_source = "json-ld";
  a.modified = "2025-02-05T00:00:00Z";
  a.modified_source = "meta";
  a.language = "en";
  a.site_name = "Example News";
  a.section = "World";
  a.tags = {"politics", "europe"};
  a.description = "What happened.";
  a.lead_image = "https://example.com/lead.jpg";
  a.images = {{"https://example.com/1.jpg", "one", "First"}, {"https://example.com/2.jpg", "", ""}};
  a.body_text = "First paragraph.\n\nSecond paragraph.";
  a.body_html = "<p>First paragraph.</p><p>Second paragraph.</p>";
  a.word_count = 4;
  a.extractor_version = "1";
  return a;
}

TEST(ArticleNormalizedText, JoinsTitleAndBodyAndCollapsesWhitespace) {
  Article a;
  a.title = "  Big   News ";
  a.body_text = "First\tparagraph.\n\n  Second\r\nparagraph.  ";
  EXPECT_EQ(a.NormalizedText(), "Big News First paragraph. Second paragraph.");
}

TEST(ArticleNormalizedText, TreatsUnicodeSpacesAsWhitespace) {
  Article a;
  a.title = "Big\xC2\xA0News";                          // NBSP
  a.body_text = "one\xE2\x80\x89two\xE3\x80\x80three";  // thin space, ideographic space
  EXPECT_EQ(a.NormalizedText(), "Big News one two three");
}

TEST(ArticleNormalizedText, DiffersWhenWordsDiffer) {
  Article a = Sample(), b = Sample();
  b.body_text = "First paragraph.\n\nSecond  paragraph, revised.";
  EXPECT_NE(a.NormalizedText(), b.NormalizedText());
  b.body_text = "First paragraph.   \n Second paragraph.";  // only whitespace changed
  EXPECT_EQ(a.NormalizedText(), b.NormalizedText());
}

TEST(ArticleNormalizedText, EmptyArticleIsEmpty) { EXPECT_EQ(Article().NormalizedText(), ""); }

TEST(ArticleJson, UsesMemberNamesAsKeysWithArraysAndNumbers) {
  nlohmann::json j = Sample();
  for (const char* key :
       {"url", "canonical_url", "title", "authors", "published", "published_source", "modified",
        "modified_source", "language", "site_name", "section", "tags", "description", "lead_image",
        "images", "body_text", "body_html", "word_count", "extractor_version"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j.size(), 19u);
  EXPECT_TRUE(j["authors"].is_array());
  EXPECT_EQ(j["authors"][1], "Bob Writer");
  EXPECT_TRUE(j["tags"].is_array());
  EXPECT_TRUE(j["word_count"].is_number_integer());
  EXPECT_EQ(j["word_count"], 4);
  ASSERT_TRUE(j["images"].is_array());
  EXPECT_EQ(
      j["images"][0],
      (nlohmann::json{{"src", "https://example.com/1.jpg"}, {"alt", "one"}, {"caption", "First"}}));
}

TEST(ArticleJson, RoundTripsEveryField) {
  Article a = Sample();
  Article b = nlohmann::json(a).get<Article>();
  EXPECT_EQ(nlohmann::json(b), nlohmann::json(a));
  EXPECT_EQ(b.images.size(), 2u);
  EXPECT_EQ(b.images[0].caption, "First");
  EXPECT_EQ(b.word_count, 4);
  // And through text, as `show --format json` and the archive use it.
  Article c = nlohmann::json::parse(nlohmann::json(a).dump()).get<Article>();
  EXPECT_EQ(nlohmann::json(c), nlohmann::json(a));
}

TEST(ArticleJson, FromJsonToleratesMissingKeys) {
  Article a = nlohmann::json{{"title", "Only a title"}}.get<Article>();
  EXPECT_EQ(a.title, "Only a title");
  EXPECT_TRUE(a.authors.empty());
  EXPECT_EQ(a.word_count, 0);
  EXPECT_EQ(nlohmann::json::object().get<Article>().url, "");
}

TEST(ArticleJson, FromJsonSkipsValuesOfTheWrongType) {
  nlohmann::json j = {{"title", 42},
                      {"authors", {"A", 7, "B"}},
                      {"tags", "not-an-array"},
                      {"images", {{{"src", "x"}}, "junk"}},
                      {"word_count", "many"},
                      {"url", "https://ok"}};
  Article a;
  ASSERT_NO_THROW(a = j.get<Article>());
  EXPECT_EQ(a.title, "");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"A", "B"}));
  EXPECT_TRUE(a.tags.empty());
  ASSERT_EQ(a.images.size(), 1u);
  EXPECT_EQ(a.images[0].src, "x");
  EXPECT_EQ(a.word_count, 0);
  EXPECT_EQ(a.url, "https://ok");
  ASSERT_NO_THROW((void)nlohmann::json::array().get<Article>());
}

}  // namespace
}  // namespace newsvault::core
