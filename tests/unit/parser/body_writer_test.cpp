// WriteBody and BodyCleaner: minimal clean HTML and block text (DESIGN §3).
#include "parser/body_writer.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/parser/body_test_util.h"

namespace newsvault::parser {
namespace {

using testing::ExtractBody;
using testing::Prose;

TEST(BodyWriter, KeepsOnlyWhitelistedTagsAndAttributes) {
  const auto body = ExtractBody(
      "<div class='body'><p class='x' style='color:red' data-id='1'>Lead with <a href='/more' "
      "class='l' onclick='x()'>a link</a>, <strong>bold</strong> and <em>emphasis</em>, and "
      "commas, to score.</p>" +
      Prose(1) + Prose(2) + "</div>");
  EXPECT_TRUE(body.html.starts_with(
      "<p>Lead with <a href=\"https://news.test/more\">a link</a>, bold and emphasis, and "
      "commas, to score.</p>"))
      << body.html;
  EXPECT_EQ(body.html.find("class="), std::string::npos);
  EXPECT_EQ(body.html.find("style="), std::string::npos);
  EXPECT_EQ(body.html.find("<strong>"), std::string::npos);
}

TEST(BodyWriter, BlocksAreSeparatedByOneBlankLine) {
  const auto body = ExtractBody("<div class='body'>" + Prose(1) +
                                "<h3>Sub head</h3><ul><li>One item</li><li>Two item</li></ul>" +
                                Prose(2) + "</div>");
  EXPECT_NE(body.text.find("running text.\n\nSub head\n\nOne item\n\nTwo item\n\nParagraph 2"),
            std::string::npos)
      << body.text;
  EXPECT_NE(body.html.find("<h3>Sub head</h3><ul><li>One item</li><li>Two item</li></ul>"),
            std::string::npos);
}

// Given a figure inside the article, we should keep it in the HTML with its
// caption, and keep both caption and alt text out of body_text.
TEST(BodyWriter, FiguresStayInHtmlCaptionsStayOutOfText) {
  const auto body = ExtractBody(
      "<div class='body'>" + Prose(1) +
      "<figure><img src='/img/a.jpg' alt='Alt words' class='x'><figcaption>Caption words "
      "<span>Credit: Someone</span></figcaption></figure>" +
      Prose(2) + "</div>");
  EXPECT_NE(
      body.html.find("<figure><img src=\"https://news.test/img/a.jpg\" alt=\"Alt "
                     "words\"><figcaption>Caption words Credit: Someone</figcaption></figure>"),
      std::string::npos);
  EXPECT_EQ(body.text.find("Caption"), std::string::npos);
  EXPECT_EQ(body.text.find("Alt words"), std::string::npos);
  EXPECT_EQ(body.blocks.size(), 2u);
}

TEST(BodyWriter, LooseTextAndBreaksBecomeParagraphs) {
  const auto body = ExtractBody(
      "<div class='body'>First loose paragraph of text, long enough, with commas, to count."
      "<br><br>Second loose paragraph of text, also long enough, with commas, to count.<br>"
      "Third one, after a single break, with commas, to count as its own.</div>");
  EXPECT_EQ(body.blocks.size(), 3u);
  EXPECT_EQ(body.html.substr(0, 3), "<p>");
}

TEST(BodyWriter, DropsScriptsFormsAndEmptyElements) {
  const auto body = ExtractBody("<div class='body'>" + Prose(1) +
                                "<script>var x='<p>';</script><form><input><button>Go</button>"
                                "</form><p> </p><a href='/x'></a>" +
                                Prose(2) + "</div>");
  EXPECT_EQ(body.html.find("script"), std::string::npos);
  EXPECT_EQ(body.html.find("<p></p>"), std::string::npos);
  EXPECT_EQ(body.html.find("Go"), std::string::npos);
  EXPECT_EQ(body.blocks.size(), 2u);
}

TEST(BodyCleaner, DropsLinkDenseTeasersAndChromeInsideTheBody) {
  const auto body = ExtractBody(
      "<div class='body'>" + Prose(1) +
      "<p><strong>Read more:</strong> <a href='/other'>A headline of another story entirely</a></p>"
      "<div class='share-tools'><span>Share this</span></div>"
      "<div class='card'><h3><a href='/o'>Teaser headline here</a></h3><p>Teaser "
      "summary.</p></div>" +
      Prose(2) + "</div>");
  EXPECT_EQ(body.text.find("Read more"), std::string::npos);
  EXPECT_EQ(body.text.find("Share this"), std::string::npos);
  EXPECT_EQ(body.text.find("Teaser"), std::string::npos);
  EXPECT_EQ(body.blocks.size(), 2u);
}

TEST(BodyCleaner, JudgesHeadingsAndParagraphsByContentNotClass) {
  const auto body = ExtractBody("<div class='body'>" + Prose(1) +
                                "<h2 class='subheader'>A subheading</h2>" + Prose(2) + "</div>");
  EXPECT_NE(body.text.find("\n\nA subheading\n\n"), std::string::npos) << body.text;
}

TEST(BodyCleaner, DropsTheRepeatedHeadlineAndDatelines) {
  const auto body = ExtractBody("<div class='body'><h1>The headline</h1><p>04/02/2025 10:15</p>" +
                                    Prose(1) + Prose(2) + "</div>",
                                true, "The headline");
  EXPECT_EQ(body.text.find("The headline"), std::string::npos);
  EXPECT_EQ(body.text.find("04/02/2025"), std::string::npos);
  EXPECT_EQ(body.blocks.size(), 2u);
}

TEST(BodyCleaner, KeepsAChromeLabelledWrapperThatHoldsMostOfTheContent) {
  // "widget" reads as chrome, but the wrapper holds most of the article.
  const auto body = ExtractBody("<div class='body'>" + Prose(1) + "<div class='widget'>" +
                                Prose(2) + Prose(3) + Prose(4) + "</div></div>");
  EXPECT_EQ(body.blocks.size(), 4u);
}

}  // namespace
}  // namespace newsvault::parser
