// FindRawTextEnd / FindScriptDataEnd (raw_text_end.h): where a style's or a
// script's text ends, which must be exactly where Gumbo ends it, since the
// pre-Gumbo pass cuts script and style bodies by these offsets. Each tricky
// case is checked against the spec's rule and against Gumbo's own parse.
#include "parser/raw_text_end.h"

#include <gtest/gtest.h>

#include <string>

#include "parser/gumbo_document.h"
#include "tests/support/dom_outline.h"

namespace newsvault::parser {
namespace {

// The text Gumbo puts in the first <tag> element (script text kept).
std::string GumboText(const std::string& html, std::string_view tag) {
  const Document doc = ParseHtml(html, {.keep_script_text = true});
  for (NodeId id = 0; id < doc.size(); ++id) {
    if (doc.IsTag(id, tag)) return newsvault::testing::ChildText(doc, id);
  }
  return "<no such element>";
}

// The body we find for the element whose start tag is the first `open` in `html`.
std::string OurText(const std::string& html, std::string_view open, std::string_view name) {
  const size_t begin = html.find(open) + open.size();
  const size_t end =
      name == "script" ? FindScriptDataEnd(html, begin) : FindRawTextEnd(html, begin, name);
  return html.substr(begin, end - begin);
}

TEST(RawTextEnd, StyleEndsAtItsEndTagInAnyCaseWithWhitespaceOrSlash) {
  EXPECT_EQ(OurText("<style>a{}</style>x", "<style>", "style"), "a{}");
  EXPECT_EQ(OurText("<style>a{}</STYLE >x", "<style>", "style"), "a{}");
  EXPECT_EQ(OurText("<style>a{}</style/>x", "<style>", "style"), "a{}");
  EXPECT_EQ(OurText("<style>a{}</style\n>x", "<style>", "style"), "a{}");
}

TEST(RawTextEnd, LookalikeEndTagsDoNotEndAStyle) {
  // "</stylex>" and "</style1>" are text inside RAWTEXT (§13.2.5.14).
  const std::string html = "<style>a</stylex>b</style1>c</style>d";
  EXPECT_EQ(OurText(html, "<style>", "style"), "a</stylex>b</style1>c");
  EXPECT_EQ(GumboText(html, "style"), "a</stylex>b</style1>c");
}

TEST(RawTextEnd, AnUnclosedStyleRunsToTheEndOfInput) {
  const std::string html = "<style>a{} </style";  // EOF in the end tag name: text
  EXPECT_EQ(OurText(html, "<style>", "style"), "a{} </style");
}

TEST(RawTextEnd, TitleIsRcdataAndEndsTheSameWay) {
  const std::string html = "<title>A <b>bold</b> </titles> title</title><p>x";
  EXPECT_EQ(OurText(html, "<title>", "title"), "A <b>bold</b> </titles> title");
  EXPECT_EQ(GumboText(html, "title"), "A <b>bold</b> </titles> title");
}

TEST(ScriptDataEnd, PlainScriptEndsAtTheFirstEndTag) {
  const std::string html = "<script>if (a < b) x = '</div>';</script><p>after";
  EXPECT_EQ(OurText(html, "<script>", "script"), "if (a < b) x = '</div>';");
  EXPECT_EQ(GumboText(html, "script"), OurText(html, "<script>", "script"));
}

TEST(ScriptDataEnd, EndTagInsideAnEscapeStillEndsTheScript) {
  // "<!--" alone (no "<script" after it) does not protect "</script>".
  const std::string html = "<script><!-- x = 1; </script><p>after";
  EXPECT_EQ(OurText(html, "<script>", "script"), "<!-- x = 1; ");
  EXPECT_EQ(GumboText(html, "script"), OurText(html, "<script>", "script"));
}

TEST(ScriptDataEnd, DoubleEscapedEndTagDoesNotEndTheScript) {
  // §13.2.5.26–29: after "<!--<script>", "</script>" only leaves the double escape.
  const std::string html =
      "<script><!--document.write('<script>x()</script>');--></script><p>after";
  EXPECT_EQ(OurText(html, "<script>", "script"), "<!--document.write('<script>x()</script>');-->");
  EXPECT_EQ(GumboText(html, "script"), OurText(html, "<script>", "script"));
}

TEST(ScriptDataEnd, DoubleEscapeWithoutTheCommentCloseSwallowsTheNextEndTag) {
  // The first "</script>" leaves the double escape; the second ends the script.
  const std::string html = "<script><!--<script></script>a</script>b</script>c";
  EXPECT_EQ(OurText(html, "<script>", "script"), "<!--<script></script>a");
  EXPECT_EQ(GumboText(html, "script"), OurText(html, "<script>", "script"));
}

TEST(ScriptDataEnd, ShortCommentsReturnToPlainScriptData) {
  // "<!-->" closes the escape at once, so a later "<script" is just text.
  const std::string html = "<script><!--><script></script>tail";
  EXPECT_EQ(OurText(html, "<script>", "script"), "<!--><script>");
  EXPECT_EQ(GumboText(html, "script"), OurText(html, "<script>", "script"));
  const std::string dashes = "<script><!-- a --><script></script>tail";
  EXPECT_EQ(OurText(dashes, "<script>", "script"), "<!-- a --><script>");
  EXPECT_EQ(GumboText(dashes, "script"), OurText(dashes, "<script>", "script"));
}

TEST(ScriptDataEnd, LookalikeTagsInsideTheEscapeAreText) {
  const std::string html = "<script><!--<scripts></script>x";
  EXPECT_EQ(OurText(html, "<script>", "script"), "<!--<scripts>");
  EXPECT_EQ(GumboText(html, "script"), OurText(html, "<script>", "script"));
}

TEST(ScriptDataEnd, AnUnclosedScriptRunsToTheEndOfInput) {
  const std::string html = "<script>var a = 1; <!--<script></script>";
  EXPECT_EQ(OurText(html, "<script>", "script"), "var a = 1; <!--<script></script>");
}

}  // namespace
}  // namespace newsvault::parser
