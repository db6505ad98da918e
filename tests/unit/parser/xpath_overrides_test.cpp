// Per-site XPath overrides (parser/xpath_overrides.h) and the libxml2 copy
// of the page they run on (parser/xpath_document.h), on a fixture page whose
// template the generic extractor reads differently from what the site wants.
#include "parser/xpath_overrides.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "parser/article_extractor.h"
#include "parser/gumbo_document.h"
#include "parser/xpath_document.h"
#include "tests/unit/parser/parser_test_util.h"

namespace newsvault::parser {
namespace {

using testing::ReadFixture;
using Strings = std::vector<std::string>;

constexpr const char* kUrl = "https://harbourdaily.example/islands/ferry-resumes";
constexpr const char* kRailText = "coastal road between the two northern villages";

core::Article Extract(const std::string& html, const ExtractOverrides* overrides) {
  ExtractInput input;
  input.html_utf8 = html;
  input.url = kUrl;
  input.now = std::chrono::sys_days{std::chrono::year{2025} / 4 / 1};
  input.overrides = overrides;
  return ExtractArticle(input);
}

// Every field of an article, for whole-article comparisons.
std::string AsJson(const core::Article& article) { return nlohmann::json(article).dump(); }

std::string Page() { return ReadFixture("pages/xpath-override.html"); }

TEST(XPathOverrides, TitleTakesTheMatchedElementsText) {
  // Given a headline in a plain <p>, the generic title is the site name;
  // the override names the element.
  const core::Article generic = Extract(Page(), nullptr);
  ExtractOverrides overrides;
  overrides.title = "//p[@class='display-head']";
  const core::Article a = Extract(Page(), &overrides);
  const std::string expected = "Ferry service to the outer islands resumes after storm repairs";
  EXPECT_NE(generic.title, expected);
  EXPECT_EQ(a.title, expected);
}

TEST(XPathOverrides, TitleFromAStringExpressionIsNormalised) {
  ExtractOverrides overrides;
  overrides.title = "concat('  Ferry   back', '\n  on time ')";
  EXPECT_EQ(Extract(Page(), &overrides).title, "Ferry back on time");
}

TEST(XPathOverrides, PublishedIsParsedWithSourceXPath) {
  const core::Article generic = Extract(Page(), nullptr);
  ExtractOverrides overrides;
  overrides.published = "//span[@class='stamp']";
  const core::Article a = Extract(Page(), &overrides);
  EXPECT_NE(generic.published_source, "xpath");
  EXPECT_EQ(a.published, "2025-03-14T08:15:00-00:00");
  EXPECT_EQ(a.published_source, "xpath");
}

TEST(XPathOverrides, UnparsablePublishedMatchKeepsTheGenericDate) {
  const core::Article generic = Extract(Page(), nullptr);
  ExtractOverrides overrides;
  overrides.published = "//p[@class='display-head']";
  const core::Article a = Extract(Page(), &overrides);
  EXPECT_EQ(a.published, generic.published);
  EXPECT_EQ(a.published_source, generic.published_source);
}

TEST(XPathOverrides, AuthorsGoThroughTheBylineParser) {
  const core::Article generic = Extract(Page(), nullptr);
  ExtractOverrides overrides;
  overrides.authors = "//span[@class='pen']";
  const core::Article a = Extract(Page(), &overrides);
  EXPECT_NE(generic.authors, (Strings{"Maria Lopez", "Tom Weir"}));
  EXPECT_EQ(a.authors, (Strings{"Maria Lopez", "Tom Weir"}));
}

TEST(XPathOverrides, BodyIsTheMatchedElementInTheUsualFormat) {
  ExtractOverrides overrides;
  overrides.body = "//div[@class='story-text']";
  const core::Article a = Extract(Page(), &overrides);
  EXPECT_EQ(a.body_text.rfind("The ferry link between the harbour", 0), 0u) << a.body_text;
  EXPECT_NE(a.body_text.find("\n\nEngineers from the port authority"), std::string::npos);
  EXPECT_TRUE(a.body_text.ends_with("assessment of the damage to the landing stage."))
      << a.body_text;
  EXPECT_EQ(a.body_text.find("This article was amended"), std::string::npos);
  EXPECT_EQ(a.body_html.rfind("<p>The ferry link", 0), 0u) << a.body_html;
  EXPECT_GT(a.word_count, 100);
}

TEST(XPathOverrides, DropRemovesARailThatOtherwiseLeaksIntoTheBody) {
  const core::Article generic = Extract(Page(), nullptr);
  ASSERT_NE(generic.body_text.find(kRailText), std::string::npos) << generic.body_text;
  ExtractOverrides overrides;
  overrides.drop = {"//div[@class='more-box']", "//div[@class='story-notes']"};
  const core::Article a = Extract(Page(), &overrides);
  EXPECT_EQ(a.body_text.find(kRailText), std::string::npos) << a.body_text;
  EXPECT_EQ(a.body_text.find("This article was amended"), std::string::npos);
  EXPECT_NE(a.body_text.find("The first sailing on Friday"), std::string::npos);
}

TEST(XPathOverrides, DroppedNodesAreInvisibleToFieldExpressions) {
  ExtractOverrides overrides;
  overrides.drop = {"//p[@class='display-head']"};
  overrides.title = "//p[@class='display-head']";
  const core::Article a = Extract(Page(), &overrides);
  EXPECT_EQ(a.title, Extract(Page(), nullptr).title);
}

TEST(XPathOverrides, NoOverridesGiveTheGenericArticle) {
  const ExtractOverrides none;
  EXPECT_EQ(AsJson(Extract(Page(), &none)), AsJson(Extract(Page(), nullptr)));
  const std::string story = ReadFixture("pages/story.html");
  EXPECT_EQ(AsJson(Extract(story, &none)), AsJson(Extract(story, nullptr)));
}

TEST(XPathOverrides, ExpressionMatchingNothingKeepsTheGenericField) {
  const core::Article generic = Extract(Page(), nullptr);
  ExtractOverrides overrides;
  overrides.title = "//h1";
  overrides.body = "//article";
  overrides.drop = {"//aside"};
  const core::Article a = Extract(Page(), &overrides);
  EXPECT_EQ(a.title, generic.title);
  EXPECT_EQ(a.body_text, generic.body_text);
}

TEST(XPathOverrides, BadXPathIsAnInvalidArgumentWithLibxmlsReason) {
  ExtractOverrides overrides;
  overrides.title = "//p[@class='display-head']";
  overrides.drop = {"//div", "//div[@class="};
  const core::Status status = ValidateOverrides(overrides);
  ASSERT_EQ(status.code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("drop[1]"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("//div[@class="), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("at offset"), std::string::npos) << status.message();
  overrides.drop.pop_back();
  EXPECT_TRUE(ValidateOverrides(overrides).ok());
}

TEST(XPathOverrides, RunTimeErrorSkipsTheFieldAndNeverFails) {
  // Syntax is fine; the function is unknown only when evaluated.
  ExtractOverrides overrides;
  overrides.title = "no-such-function(//p)";
  EXPECT_TRUE(ValidateOverrides(overrides).ok());
  EXPECT_EQ(Extract(Page(), &overrides).title, Extract(Page(), nullptr).title);
}

TEST(XPathOverrides, DeeplyNestedPageIsHandled) {
  // Given 20,000 nested <div>s, the copy into libxml2 and the query finish
  // without exhausting the stack (the nesting cap and an iterative walk).
  std::string html;
  for (int i = 0; i < 20000; ++i) html += "<div>";
  html += "<p>Deep headline</p>";
  ExtractOverrides overrides;
  overrides.title = "//p";
  overrides.drop = {"//div[not(*)]"};
  EXPECT_EQ(Extract(html, &overrides).title, "Deep headline");
}

TEST(XPathDocument, MapsMatchesBackToDocumentNodes) {
  const Document doc = ParseHtml(R"(<div id="a" data-x="1 &amp; 2"><p>One</p><p>Two</p></div>)");
  const XPathDocument xml(doc);
  auto paragraphs = xml.Evaluate("//div[@id='a']/p");
  ASSERT_TRUE(paragraphs.ok()) << paragraphs.status().message();
  ASSERT_EQ(paragraphs.value().size(), 2u);
  EXPECT_TRUE(doc.IsTag(paragraphs.value()[0].node, "p"));
  EXPECT_EQ(doc.Text(paragraphs.value()[1].node), "Two");
  auto attribute = xml.Evaluate("//div/@data-x");
  ASSERT_TRUE(attribute.ok());
  ASSERT_EQ(attribute.value().size(), 1u);
  EXPECT_EQ(attribute.value()[0].node, kNoNode);
  EXPECT_EQ(attribute.value()[0].value, "1 & 2");
  auto count = xml.Evaluate("count(//p)");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count.value()[0].value, "2");
  EXPECT_FALSE(xml.Evaluate("//p[").ok());
}

}  // namespace
}  // namespace newsvault::parser
