// Body stages for three failure classes measured on the article-extraction
// benchmark (docs/benchmarks.md): bodies split into chunks by ad rails,
// photo captions and galleries outside <figure>, date labels, share and
// newsletter paragraphs, and the headline opening the content.
#include <gtest/gtest.h>

#include <string>

#include "tests/unit/parser/body_test_util.h"

namespace newsvault::parser {
namespace {

using testing::ExtractBody;
using testing::Prose;

// One stretch of a split body: the body container beside an ad rail, in a
// grid wrapper of its own.
std::string Chunk(int first, int second) {
  return "<div class='grid'><div class='article__body'>" + Prose(first) + Prose(second) +
         "</div><div class='rail'><p>Ad slot</p></div></div>";
}

// Given an article whose template cuts the body into containers of the same
// class under different parents, we should join every chunk, in order.
TEST(ContentScorer, JoinsTheChunksOfABodySplitByAdRails) {
  const auto body = ExtractBody("<body><h1>Headline</h1><div class='chunks'>" + Chunk(1, 2) +
                                Chunk(3, 4) + Chunk(5, 6) + "</div></body>");
  const size_t p1 = body.text.find("Paragraph 1");
  const size_t p3 = body.text.find("Paragraph 3");
  const size_t p6 = body.text.find("Paragraph 6");
  ASSERT_NE(p1, std::string::npos) << body.text;
  ASSERT_NE(p3, std::string::npos) << body.text;
  ASSERT_NE(p6, std::string::npos) << body.text;
  EXPECT_LT(p1, p3);
  EXPECT_LT(p3, p6);
  EXPECT_EQ(body.text.find("Ad slot"), std::string::npos);
}

// Given a sidebar box that reuses the body's CMS class for one line of
// text, we should not join it: the class weight alone must not carry it.
TEST(ContentScorer, DoesNotJoinASmallBoxThatReusesTheBodyClass) {
  const auto body = ExtractBody("<body><div class='main'><div class='field-body'>" + Prose(1) +
                                Prose(2) + Prose(3) +
                                "</div></div><div class='right'><div class='field-body'><p>Sign up "
                                "to our newsletter for exclusive updates.</p></div></div></body>");
  EXPECT_NE(body.text.find("Paragraph 3"), std::string::npos) << body.text;
  EXPECT_EQ(body.text.find("Sign up"), std::string::npos) << body.text;
}

// Given a WordPress-style caption box (no <figure>), we should keep the
// image and caption in body_html and keep the caption out of body_text.
TEST(BodyCleaner, ClassMarkedCaptionsStayInHtmlAndOutOfText) {
  const auto body = ExtractBody(
      "<div class='body'>" + Prose(1) +
      "<div class='wp-caption'><img src='/a.jpg' alt='A'><p class='wp-caption-text'>The mayor "
      "speaks at the opening, Tuesday, Nov. 19, 2019.</p></div>" +
      Prose(2) + "</div>");
  EXPECT_EQ(body.text.find("The mayor"), std::string::npos) << body.text;
  EXPECT_EQ(body.blocks.size(), 2u);
  EXPECT_NE(body.html.find("https://news.test/a.jpg"), std::string::npos) << body.html;
  EXPECT_NE(body.html.find("The mayor speaks"), std::string::npos) << body.html;
}

// Given a photo credit inside a paragraph, we should drop only the credit.
TEST(BodyCleaner, AnInlineCreditLeavesTheRestOfItsParagraph) {
  const auto body =
      ExtractBody("<div class='body'>" + Prose(1) +
                  "<p>Text before the credit, <span class='photo-credit'>Photo: A. Person, "
                  "AP</span>and text after it.</p>" +
                  Prose(2) + "</div>");
  EXPECT_NE(body.text.find("Text before the credit, and text after it."), std::string::npos)
      << body.text;
  EXPECT_EQ(body.text.find("Photo:"), std::string::npos) << body.text;
}

TEST(BodyCleaner, DropsPhotoGalleries) {
  const auto body = ExtractBody(
      "<div class='body'>" + Prose(1) +
      "<div class='asset_gallery'><ul><li><img src='/1.jpg'><div>Slide one shows the crowd "
      "outside the hall.</div></li><li><div>Back to Gallery</div></li></ul></div>" +
      Prose(2) + "</div>");
  EXPECT_EQ(body.text.find("Slide one"), std::string::npos) << body.text;
  EXPECT_EQ(body.text.find("Back to Gallery"), std::string::npos) << body.text;
  EXPECT_EQ(body.blocks.size(), 2u);
}

// Given date labels marked by class or itemprop (too long for the plain
// dateline rule), we should drop them.
TEST(BodyCleaner, DropsDateLabelsMarkedByClassOrItemprop) {
  const auto body = ExtractBody(
      "<div class='body'><span class='timestamp'>Updated 5:27 am CST, Wednesday, November 20, "
      "2019</span>" +
      Prose(1) +
      "<span itemprop='datePublished'>segunda-feira, 22 de janeiro de 2018 às 0:13</span>" +
      Prose(2) + "</div>");
  EXPECT_EQ(body.text.find("Updated"), std::string::npos) << body.text;
  EXPECT_EQ(body.text.find("janeiro"), std::string::npos) << body.text;
  EXPECT_EQ(body.blocks.size(), 2u);
}

// Given a date marked up inside a sentence, we should keep it: it is part
// of what the sentence says.
TEST(BodyCleaner, KeepsADateLabelInsideASentence) {
  const auto body = ExtractBody(
      "<div class='body'>" + Prose(1) +
      "<p>The council met on <span class='date'>Nov. 19, 2019</span> and voted to approve the "
      "plan after a long debate about its cost.</p>" +
      Prose(2) + "</div>");
  EXPECT_NE(body.text.find("met on Nov. 19, 2019 and voted"), std::string::npos) << body.text;
}

// Given a share bar's label written as a paragraph, we should drop it even
// though its class also says "text"; a "subheader" heading stays (layout
// words do not judge paragraphs and headings).
TEST(BodyCleaner, DropsParagraphsWhoseClassSaysShareOrNewsletter) {
  const auto body = ExtractBody("<div class='body'>" + Prose(1) +
                                "<p class='share-text'>Sharing is caring!</p>"
                                "<h2 class='subheader'>A subheading</h2>"
                                "<p class='newsletter-pitch'>Get our daily newsletter.</p>" +
                                Prose(2) + "</div>");
  EXPECT_EQ(body.text.find("Sharing"), std::string::npos) << body.text;
  EXPECT_EQ(body.text.find("newsletter"), std::string::npos) << body.text;
  EXPECT_NE(body.text.find("A subheading"), std::string::npos) << body.text;
}

// Given a visible headline that differs from the meta title, we should still
// drop the <h1> that opens the content, and keep an <h1> further down.
TEST(BodyCleaner, DropsTheH1ThatOpensTheContentWhateverItsWords) {
  const auto body = ExtractBody("<div class='body'><h1>The visible headline says more</h1>" +
                                    Prose(1) + "<h1>A later section</h1>" + Prose(2) + "</div>",
                                true, "Shorter meta title");
  EXPECT_EQ(body.text.find("visible headline"), std::string::npos) << body.text;
  EXPECT_NE(body.text.find("A later section"), std::string::npos) << body.text;
}

}  // namespace
}  // namespace newsvault::parser
