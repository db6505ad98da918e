// SelectContent: readability-style scoring picks the article's container.
#include "parser/content_scorer.h"

#include <gtest/gtest.h>

#include <string>

#include "parser/gumbo_document.h"
#include "tests/unit/parser/body_test_util.h"

namespace newsvault::parser {
namespace {

using testing::ExtractBody;
using testing::Prose;

std::string ClassOfTop(const std::string& html, bool use_class_hints = true) {
  const Document doc = ParseHtml(html);
  const auto stats = ComputeNodeStats(doc);
  const ContentSelection s = SelectContent(doc, stats, ScoringOptions{use_class_hints});
  return s.top == kNoNode ? "none" : std::string(doc.Attr(s.top, "class"));
}

TEST(ContentScorer, PicksTheContainerOfMostProse) {
  const std::string html = "<div class='a'>" + Prose(1) + "</div><div class='b'>" + Prose(2) +
                           Prose(3) + Prose(4) + "</div>";
  EXPECT_EQ(ClassOfTop(html), "b");
}

// Given a comment section with more text than the article, we should still
// choose the article: comments are chrome by their class.
TEST(ContentScorer, ChromeZonesNeverWinEvenWithMoreText) {
  const std::string html = "<div class='story'>" + Prose(1) + Prose(2) + "</div>" +
                           "<div class='comments'>" + Prose(3) + Prose(4) + Prose(5) + Prose(6) +
                           "</div>";
  EXPECT_EQ(ClassOfTop(html), "story");
  // Without class hints the longer block wins: the hints are what decide.
  EXPECT_EQ(ClassOfTop(html, false), "comments");
}

TEST(ContentScorer, LinkDensityPenalisesLinkLists) {
  std::string links = "<div class='x'>";
  for (int i = 0; i < 4; ++i) {
    links += "<p><a href='/s" + std::to_string(i) +
             "'>A long headline of another story, linked, that goes on for a while</a></p>";
  }
  links += "</div>";
  EXPECT_EQ(ClassOfTop(links + "<div class='y'>" + Prose(1) + Prose(2) + "</div>"), "y");
}

TEST(ContentScorer, ArticleBodyItempropOutweighsATeaserArticle) {
  const std::string html = "<article class='t'>" + Prose(1) +
                           "</article><div class='m' "
                           "itemprop='articleBody'>" +
                           Prose(2) + "</div>";
  EXPECT_EQ(ClassOfTop(html), "m");
}

TEST(ContentScorer, JoinsSiblingParagraphsOfTheSameText) {
  const auto body =
      ExtractBody("<body><div class='body'>" + Prose(1) + Prose(2) + Prose(3) + "</div>" +
                  Prose(4) + "<p><a href='/x'>Other story link</a></p></body>");
  EXPECT_NE(body.text.find("Paragraph 4"), std::string::npos);
  EXPECT_EQ(body.text.find("Other story"), std::string::npos);
}

// Given a lead paragraph in its own container beside the body (a "sapo" or
// standfirst), we should join it; the headline block beside it stays out.
TEST(ContentScorer, JoinsALeadContainerButNotTheHeadlineBlock) {
  const auto body = ExtractBody(
      "<body><div class='top'><h1>Headline of the story</h1><span>By Someone, on a long date "
      "line that goes on for more than eighty characters.</span></div>"
      "<div class='lead'><p>The lead says what happened, to whom, and why it matters to the "
      "people who live there, all in one long sentence.</p></div><div class='body'>" +
      Prose(1) + Prose(2) + Prose(3) + "</div></body>");
  EXPECT_TRUE(body.text.starts_with("The lead says what happened")) << body.text;
  EXPECT_EQ(body.text.find("Headline"), std::string::npos);
}

TEST(ContentScorer, NoTextNoCandidate) {
  EXPECT_EQ(ClassOfTop("<div class='x'><img src='a.png'></div>"), "none");
  EXPECT_EQ(ClassOfTop(""), "none");
}

}  // namespace
}  // namespace newsvault::parser
