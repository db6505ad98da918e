// ScanTag (html_tag_scanner.h): where a tag ends, read with the tokenizer's
// attribute states, so the pre-Gumbo pass cuts exactly where Gumbo would.
#include "parser/html_tag_scanner.h"

#include <gtest/gtest.h>

#include <string>

namespace newsvault::parser {
namespace {

constexpr size_t kNoLimit = 1000;

// Scans the tag at the start of `html` ("<name ...>").
ScannedTag Scan(std::string_view html, size_t limit = kNoLimit) {
  size_t after_name = 1;
  while (after_name < html.size() && !IsHtmlSpace(html[after_name]) && html[after_name] != '/' &&
         html[after_name] != '>') {
    ++after_name;
  }
  return ScanTag(html, after_name, limit);
}

TEST(ScanTag, AGreaterThanInsideAQuotedValueDoesNotEndTheTag) {
  const std::string html = R"(<a title="x > y" data-z='>'>text)";
  const ScannedTag tag = Scan(html);
  EXPECT_TRUE(tag.closed);
  EXPECT_EQ(html.substr(tag.end), "text");
}

TEST(ScanTag, AnAttributeNameStartingWithEqualsTakesNoQuotedValue) {
  // §13.2.5.32: '=' before an attribute name starts the name; the quote is
  // part of that name, so the first '>' ends the tag.
  const std::string html = R"(<a ="x>y">)";
  EXPECT_EQ(html.substr(Scan(html).end), R"(y">)");
}

TEST(ScanTag, QuotesInsideAnUnquotedValueAreJustCharacters) {
  const std::string html = R"(<a b=x"y>z)";
  EXPECT_EQ(html.substr(Scan(html).end), "z");
}

TEST(ScanTag, AMissingValueEndsTheTagAtTheGreaterThan) {
  const std::string html = "<a b=>z";
  EXPECT_EQ(html.substr(Scan(html).end), "z");
}

TEST(ScanTag, SelfClosingIsSeenOnlyRightBeforeTheGreaterThan) {
  EXPECT_TRUE(Scan("<br/>").self_closing);
  EXPECT_TRUE(Scan("<path d='M0' />").self_closing);
  EXPECT_FALSE(Scan("<a href=/x/>").self_closing);  // the '/' is part of the value
  EXPECT_FALSE(Scan("<a / b>").self_closing);
}

TEST(ScanTag, EndOfInputInsideATagIsNotClosed) {
  const std::string html = R"(<a href="never closed>)";
  const ScannedTag tag = Scan(html);
  EXPECT_FALSE(tag.closed);
  EXPECT_EQ(tag.end, html.size());
}

TEST(ScanTag, TypeIsTheFirstTypeAttributeInAnyCase) {
  const ScannedTag tag = Scan(R"(<script TYPE = "application/ld+json" type=text/javascript>)");
  EXPECT_TRUE(tag.has_type);
  EXPECT_EQ(tag.type, "application/ld+json");
  EXPECT_EQ(Scan("<script type=module>").type, "module");
  EXPECT_FALSE(Scan("<script src=x.js>").has_type);
}

TEST(ScanTag, ReportsWhereTheAttributesPastTheLimitBegin) {
  const std::string html = R"(<a a=1 b="2" c d=4>)";
  const ScannedTag tag = Scan(html, 2);
  ASSERT_NE(tag.excess_attributes_begin, std::string_view::npos);
  EXPECT_EQ(html.substr(tag.excess_attributes_begin), "c d=4>");
  EXPECT_EQ(Scan(html, 4).excess_attributes_begin, std::string_view::npos);
}

}  // namespace
}  // namespace newsvault::parser
