// XmlDocument: the libxml2 adapter's safety budgets and its read-only views
// (namespaces by URI, text without entity expansion).
#include "parser/xml_document.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace newsvault::parser {
namespace {

using ::testing::HasSubstr;

TEST(XmlDocument, MatchesElementsAndAttributesByNamespaceUri) {
  const XmlDocument doc = XmlDocument::Parse(
      "<a:feed xmlns:a='http://www.w3.org/2005/Atom' xml:base='https://x.example/'>"
      "<a:title type='text'>T</a:title><title>plain</title></a:feed>",
      "https://x.example/feed");
  auto root = doc.root();
  ASSERT_TRUE(root.has_value());
  EXPECT_TRUE(root->Is(kAtomNamespace, "feed"));
  EXPECT_FALSE(root->Is({}, "feed"));
  EXPECT_EQ(root->Attribute("base", kXmlNamespace), "https://x.example/");
  EXPECT_EQ(root->Attribute("base"), std::nullopt);  // no such attribute outside the xml namespace
  EXPECT_EQ(root->FirstChild(kAtomNamespace, "title")->Text(), "T");
  EXPECT_EQ(root->FirstChild({}, "title")->Text(), "plain");
  EXPECT_EQ(root->Children().size(), 2u);
}

TEST(XmlDocument, ReadsAnUndeclaredPrefixAsALocalNameWithoutNamespace) {
  const XmlDocument doc = XmlDocument::Parse("<r><news:title>N</news:title></r>", "");
  auto title = doc.root()->FirstChild({}, "title");
  ASSERT_TRUE(title.has_value());
  EXPECT_EQ(title->local_name(), "title");
  EXPECT_EQ(title->namespace_uri(), "");
  EXPECT_GT(doc.error_count(), 0u);  // libxml2 reports the undeclared prefix
}

TEST(XmlDocument, CollectsTextFromNestedElementsAndCdata) {
  const XmlDocument doc =
      XmlDocument::Parse("<r>  a<b>b<c>c</c></b><![CDATA[<d>]]>&amp;&#233;  </r>", "");
  EXPECT_EQ(doc.root()->Text(), "abc<d>&\xC3\xA9");
  EXPECT_EQ(doc.error_count(), 0u);
}

TEST(XmlDocument, NeverExpandsDeclaredEntitiesInTextOrAttributes) {
  const XmlDocument doc =
      XmlDocument::Parse("<!DOCTYPE r [<!ENTITY e 'EXPANDED'>]><r a='x&e;y'>1&e;2</r>", "");
  EXPECT_EQ(doc.root()->Text(), "12");
  EXPECT_EQ(doc.root()->Attribute("a"), "xy");
}

TEST(XmlDocument, StopsBuildingPastTheNodeBudget) {
  // Given millions of tiny elements (a few bytes of input, ~100 bytes of
  // tree each), we should stop at kMaxXmlNodes and keep what was read.
  std::string xml = "<r>";
  for (size_t i = 0; i < kMaxXmlNodes + 10; ++i) xml += "<a/>";
  xml += "</r>";
  const XmlDocument doc = XmlDocument::Parse(xml, "");
  EXPECT_THAT(doc.stop_reason(), HasSubstr("XML nodes"));
  ASSERT_TRUE(doc.root().has_value());
  EXPECT_LE(doc.root()->Children().size(), kMaxXmlNodes);
  EXPECT_GT(doc.root()->Children().size(), kMaxXmlNodes / 2);
}

TEST(XmlDocument, StopsAfterTooManyErrors) {
  // Given a million and more bad start tags ("< " is no element name), we
  // should stop at the error budget and keep what came before.
  std::string xml = "<r><a>kept</a><b>";
  for (size_t i = 0; i < kMaxXmlErrorsBeforeStop + 5; ++i) xml += "< ";
  xml += "</b></r>";
  const XmlDocument doc = XmlDocument::Parse(xml, "");
  EXPECT_THAT(doc.stop_reason(), HasSubstr("XML errors"));
  EXPECT_EQ(doc.error_count(), kMaxXmlErrorsBeforeStop);
  EXPECT_EQ(doc.errors().size(), kMaxXmlErrors);
  EXPECT_EQ(doc.root()->FirstChild({}, "a")->Text(), "kept");
}

TEST(XmlDocument, ReportsInputItCannotParseAtAll) {
  for (std::string_view input : {std::string_view(""), std::string_view("no xml here")}) {
    const XmlDocument doc = XmlDocument::Parse(input, "");
    EXPECT_FALSE(doc.root().has_value());
    EXPECT_FALSE(doc.errors().empty());
  }
}

TEST(XmlDocument, CapsOdditiesWithOneFinalNote) {
  std::vector<std::string> oddities;
  for (int i = 0; i < 300; ++i) NoteOddity(oddities, "odd " + std::to_string(i));
  ASSERT_EQ(oddities.size(), kMaxOddities + 1);
  EXPECT_EQ(oddities.front(), "odd 0");
  EXPECT_EQ(oddities.back(), "further oddities dropped");
}

TEST(XmlDocument, QuotesOddityTextShortAndOnACharacterBoundary) {
  EXPECT_EQ(QuoteForOddity("abc"), "'abc'");
  const std::string long_text(119, 'x');
  const std::string quoted = QuoteForOddity(long_text + "\xC3\xA9\xC3\xA9");  // é straddles 120
  EXPECT_EQ(quoted, "'" + long_text + "...'");
}

}  // namespace
}  // namespace newsvault::parser
