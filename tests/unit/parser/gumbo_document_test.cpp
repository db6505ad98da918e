// ParseHtml and Document: the tree the extraction stages walk, and the
// nesting cap that keeps hostile markup linear (nesting_limiter.h).
#include "parser/gumbo_document.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "parser/nesting_limiter.h"

namespace newsvault::parser {
namespace {

NodeId FindTag(const Document& doc, std::string_view tag) {
  for (NodeId id = 0; id < doc.size(); ++id) {
    if (doc.IsTag(id, tag)) return id;
  }
  return kNoNode;
}

TEST(GumboDocument, BuildsTreeInDocumentOrder) {
  const Document doc = ParseHtml("<p class=Lead ID=x>Hello <b>big</b> world</p><div>next</div>");
  const NodeId p = FindTag(doc, "p");
  ASSERT_NE(p, kNoNode);
  EXPECT_EQ(doc.Attr(p, "class"), "Lead");
  EXPECT_EQ(doc.Attr(p, "id"), "x");
  EXPECT_EQ(doc.ClassAndId(p), "lead x");
  EXPECT_EQ(doc.Text(p), "Hello big world");
  EXPECT_TRUE(doc.IsTag(doc.node(p).parent, "body"));
  const NodeId div = FindTag(doc, "div");
  EXPECT_EQ(doc.node(p).next_sibling, div);
  // Parents always precede children.
  for (NodeId id = 1; id < doc.size(); ++id) EXPECT_LT(doc.node(id).parent, id);
}

TEST(GumboDocument, TextSkipsScriptsAndSeparatesBlocks) {
  const Document doc =
      ParseHtml("<body><p>one</p><script>var x = 1;</script><p>two<br>three</p></body>");
  EXPECT_EQ(doc.Text(FindTag(doc, "body")), "one two three");
}

TEST(GumboDocument, DecodesEntitiesAndRepairsMisnesting) {
  const Document doc = ParseHtml("<p>A &amp; B &mdash; <i>C</p><p>D");
  const NodeId body = FindTag(doc, "body");
  EXPECT_EQ(doc.Text(body), "A & B \u2014 C D");
}

TEST(GumboDocument, KeepsCustomElementNames) {
  const Document doc = ParseHtml("<my-widget data-x=1>inside</my-widget>");
  EXPECT_NE(FindTag(doc, "my-widget"), kNoNode);
}

TEST(GumboDocument, WalkVisitsEnterAndLeaveInOrder) {
  const Document doc = ParseHtml("<div><p>a</p><p>b</p></div>");
  std::vector<std::string> events;
  doc.Walk(
      FindTag(doc, "div"),
      [&](NodeId id) {
        events.push_back(doc.IsText(id) ? std::string(doc.TextOf(id))
                                        : "<" + std::string(doc.Tag(id)));
        return true;
      },
      [&](NodeId id) {
        if (doc.IsElement(id)) events.push_back("/" + std::string(doc.Tag(id)));
      });
  EXPECT_EQ(events, (std::vector<std::string>{"<div", "<p", "a", "/p", "<p", "b", "/p", "/div"}));
}

TEST(NestingLimiter, LeavesNormalPagesUntouched) {
  std::string storage;
  const std::string html = "<div><div><p>x</p></div></div>";
  EXPECT_EQ(LimitNesting(html, storage, 8), html);
  EXPECT_TRUE(storage.empty());
}

TEST(NestingLimiter, DropsStartAndEndTagsPastTheCapButKeepsText) {
  std::string storage;
  const std::string_view out =
      LimitNesting("<div><div><div>deep</div></div></div>tail", storage, 2);
  EXPECT_EQ(out, "<div><div>deep</div></div>tail");
}

TEST(NestingLimiter, DoesNotCountSelfClosingSvgOrAutoClosingTags) {
  std::string svg = "<svg>";
  for (int i = 0; i < 50; ++i) svg += "<path d='M0'/>";
  svg += "</svg><div>ok</div>";
  std::string storage;
  EXPECT_EQ(LimitNesting(svg, storage, 4), svg);
  std::string paragraphs;
  for (int i = 0; i < 50; ++i) paragraphs += "<p>para";
  EXPECT_EQ(LimitNesting(paragraphs, storage, 4), paragraphs);
}

TEST(NestingLimiter, IgnoresTagsInsideScriptsAndComments) {
  std::string storage;
  const std::string html = "<script>var s = '<div><div><div>';</script><!-- <div><div> --><p>x</p>";
  EXPECT_EQ(LimitNesting(html, storage, 1), html);
}

// Given 100 000 unclosed <div>s, we should parse in bounded time without
// exhausting the stack (Gumbo alone is quadratic here).
TEST(GumboDocument, SurvivesHundredThousandNestedDivs) {
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "bottom";
  const auto start = std::chrono::steady_clock::now();
  const Document doc = ParseHtml(html);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(20));
  EXPECT_EQ(doc.Text(doc.root()), "bottom");
  uint32_t max_depth = 0;
  for (NodeId id = 0; id < doc.size(); ++id) max_depth = std::max(max_depth, doc.node(id).depth);
  EXPECT_LE(max_depth, kMaxNestingDepth + 4);
}

TEST(GumboDocument, EmptyAndBinaryInputYieldADocument) {
  EXPECT_GE(ParseHtml("").size(), 1u);
  static constexpr char kJunk[] = "\0\xFF\xFE<\x01\x02>\x80";
  const std::string junk(kJunk, sizeof(kJunk) - 1);
  EXPECT_GE(ParseHtml(junk).size(), 1u);
}

}  // namespace
}  // namespace newsvault::parser
