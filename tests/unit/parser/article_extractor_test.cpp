// ExtractArticle end to end on fixture pages (tests/fixtures/pages), and
// LooksLikeArticle. The fixtures model real templates: chrome around the
// article, share bars, newsletter boxes, related rails, comments.
#include "parser/article_extractor.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "parser/charset.h"
#include "tests/unit/parser/parser_test_util.h"

namespace newsvault::parser {
namespace {

using testing::ReadFixture;
using Strings = std::vector<std::string>;

constexpr const char* kStoryUrl =
    "https://www.riversidegazette.example/2025/02/04/city-council-approves-flood-barrier.html"
    "?utm_source=newsletter";

core::Timestamp March2025() { return std::chrono::sys_days{std::chrono::year{2025} / 3 / 1}; }

core::Article Extract(const std::string& html, const std::string& url) {
  ExtractInput input;
  input.html_utf8 = html;
  input.url = url;
  input.now = March2025();
  return ExtractArticle(input);
}

std::string ExpectedStoryText() {
  std::string text = ReadFixture("pages/story.expected.txt");
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

TEST(ArticleExtractor, StoryFieldsAreExact) {
  const core::Article a = Extract(ReadFixture("pages/story.html"), kStoryUrl);
  EXPECT_EQ(a.url, kStoryUrl);
  EXPECT_EQ(a.title, "City council approves riverside flood barrier after decade of debate");
  EXPECT_EQ(a.authors, (Strings{"Jane Doe", "John Roe"}));
  EXPECT_EQ(a.published, "2025-02-04T09:30:00+07:00");
  EXPECT_EQ(a.published_source, "json-ld");
  EXPECT_EQ(a.modified, "2025-02-04T14:05:00+07:00");
  EXPECT_EQ(a.modified_source, "json-ld");
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(
      a.canonical_url,
      "https://www.riversidegazette.example/2025/02/04/city-council-approves-flood-barrier.html");
  EXPECT_EQ(a.site_name, "The Riverside Gazette");
  EXPECT_EQ(a.section, "Local News");
  EXPECT_EQ(a.tags, (Strings{"Flooding", "City Council", "Infrastructure"}));
  EXPECT_EQ(a.description,
            "The 14-kilometre barrier along the Alder River will be built in three phases starting "
            "this autumn.");
  // og:image is relative in the page; the field is absolute.
  EXPECT_EQ(a.lead_image,
            "https://www.riversidegazette.example/images/2025/02/barrier-lead-1200.jpg");
  ASSERT_EQ(a.images.size(), 1u);
  EXPECT_EQ(a.images[0].src, a.lead_image);
  EXPECT_EQ(a.images[0].alt, "Workers inspect the eroded riverbank near Mill Street");
  EXPECT_EQ(a.images[0].caption,
            "Workers inspect the eroded riverbank near Mill Street on Monday. Photo: Sam Lee / The "
            "Riverside Gazette");
  EXPECT_EQ(a.extractor_version, kExtractorVersion);
  EXPECT_TRUE(LooksLikeArticle(a));
}

TEST(ArticleExtractor, StoryBodyIsExactlyTheArticle) {
  const core::Article a = Extract(ReadFixture("pages/story.html"), kStoryUrl);
  EXPECT_EQ(a.body_text, ExpectedStoryText());
  int words = 0;
  bool in_word = false;
  for (const char c : ExpectedStoryText()) {
    const bool space = c == ' ' || c == '\n';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  EXPECT_EQ(a.word_count, words);
  for (const char* boilerplate : {"cookies",
                                  "Skip to content",
                                  "Subscribe",
                                  "Sign in",
                                  "Facebook",
                                  "Copy link",
                                  "Read more",
                                  "River levels hit record high",
                                  "Morning Brief",
                                  "Sign up",
                                  "Advertisement",
                                  "Topics",
                                  "covers city hall",
                                  "Spotted an error",
                                  "Comments",
                                  "RiverWatcher",
                                  "Forty-eight million",
                                  "Related stories",
                                  "Most read",
                                  "All rights reserved",
                                  "Photo: Sam Lee",
                                  "Local News",
                                  "By Jane Doe",
                                  "9:30 a.m.",
                                  "City council approves riverside flood barrier"}) {
    EXPECT_EQ(a.body_text.find(boilerplate), std::string::npos) << boilerplate;
    EXPECT_EQ(a.body_html.find(boilerplate), std::string::npos) << boilerplate;
  }
  // Links in the body are absolute.
  EXPECT_NE(a.body_html.find("<a href=\"https://www.riversidegazette.example/topics/city-council\">"
                             "city council</a>"),
            std::string::npos);
  EXPECT_NE(a.body_html.find("<blockquote><p>"), std::string::npos);
  EXPECT_NE(a.body_html.find("<h2>What the barrier will do</h2>"), std::string::npos);
}

// Given the story without JSON-LD and meta dates, we should fall back to the
// visible byline and the article's own <time>, not the comments' ones.
TEST(ArticleExtractor, FallsBackToVisibleBylineAndTime) {
  std::string html = ReadFixture("pages/story.html");
  const size_t ld = html.find("<script type=\"application/ld+json\">");
  const size_t ld_end = html.find("</script>", ld);
  html.erase(ld, ld_end + 9 - ld);
  for (const char* prop : {"article:published_time", "article:modified_time"}) {
    const size_t pos = html.find(prop);
    html.replace(pos, std::string(prop).size(), "x-removed");
  }
  const core::Article a = Extract(html, kStoryUrl);
  EXPECT_EQ(a.authors, (Strings{"Jane Doe", "John Roe"}));
  EXPECT_EQ(a.published, "2025-02-04T09:30:00+07:00");
  EXPECT_EQ(a.published_source, "time");
  EXPECT_EQ(a.modified, "2025-02-04T14:05:00+07:00");
  EXPECT_EQ(a.modified_source, "time");
  EXPECT_EQ(a.body_text, ExpectedStoryText());
}

TEST(ArticleExtractor, StoryV2DiffersInOneParagraph) {
  const core::Article v1 = Extract(ReadFixture("pages/story.html"), kStoryUrl);
  const core::Article v2 = Extract(ReadFixture("pages/story-v2.html"), kStoryUrl);
  EXPECT_EQ(v1.title, v2.title);
  EXPECT_NE(v1.body_text, v2.body_text);
  EXPECT_NE(v2.body_text.find("at three public meetings in March and April"), std::string::npos);
}

TEST(ArticleExtractor, CongluanLikePageKeepsExactlyTheArticle) {
  const core::Article a =
      Extract(ReadFixture("pages/congluan-like.html"), "https://ru.news.example/deepseek.html");
  EXPECT_EQ(a.title, "Поворотный момент в развитии ИИ или просто шумиха?");
  EXPECT_EQ(a.site_name, "Công Luận");
  EXPECT_EQ(a.published.substr(0, 10), "2025-02-04");
  EXPECT_EQ(a.authors, (Strings{"Као Фонг"}));
  EXPECT_EQ(a.language, "ru");
  EXPECT_EQ(a.canonical_url,
            "https://www.congluan.vn/deepseek-buoc-ngoat-ai-hay-chi-la-cuong-dieu-post332892.html");
  EXPECT_TRUE(
      a.body_text.starts_with("(CLO) Китайский стартап DeepSeek потряс мировое сообщество"));
  EXPECT_TRUE(a.body_text.ends_with(
      "но это не значит, что он изменит ландшафт индустрии чипов для искусственного интеллекта», — "
      "сказал Чжэн."));
  EXPECT_NE(a.body_text.find("\n\nРеакции экспертов\n\n"), std::string::npos);
  EXPECT_NE(a.body_text.find("\n\nСкептицизм относительно будущего DeepSeek\n\n"),
            std::string::npos);
  for (const char* boilerplate : {"Comment (0)",
                                  "No data",
                                  "Event Calendar",
                                  "Cùng chủ đề",
                                  "Cùng chuyên mục",
                                  "Cùng tác giả",
                                  "Happy VietNam",
                                  "Tác phẩm Ngày hè",
                                  "Фигура",
                                  "Тет во сне",
                                  "Хошимин с высоты птичьего полета",
                                  "поля хризантем",
                                  "в старинном кафе",
                                  "No videos available",
                                  "Источник",
                                  "Као Фонг",
                                  "по данным SCMP",
                                  "Công Luận",
                                  "04/02/2025",
                                  "Иллюстрация: ИИ",
                                  "Фото: Weibo",
                                  "deepseek шаг наружу",
                                  "Trang chủ"}) {
    EXPECT_EQ(a.body_text.find(boilerplate), std::string::npos) << boilerplate;
  }
  // The images stay in body_html as figures and in images[] with captions.
  EXPECT_NE(a.body_html.find("<figcaption><p>Война искусственного интеллекта"), std::string::npos);
  ASSERT_EQ(a.images.size(), 2u);
  EXPECT_EQ(a.images[0].alt, "deepseek шаг наружу кто или просто сильная форма 1");
  EXPECT_EQ(a.images[0].caption,
            "Война искусственного интеллекта между США и Китаем становится все более ожесточенной. "
            "Иллюстрация: ИИ");
  EXPECT_TRUE(LooksLikeArticle(a));
}

// Given a page whose only date is the written "04/02/2025" after the
// headline, we should read it day-first (a Russian page) with source "text".
TEST(ArticleExtractor, ReadsTheWrittenDateWhenNoMachineDateExists) {
  std::string html = ReadFixture("pages/congluan-like.html");
  for (const char* key : {"\"datePublished\"", "\"dateModified\"", "article:published_time"}) {
    const size_t pos = html.find(key);
    html.replace(pos, std::string(key).size(), "\"x-removed\"");
  }
  const core::Article a = Extract(html, "https://ru.news.example/deepseek.html");
  EXPECT_EQ(a.published, "2025-02-04");
  EXPECT_EQ(a.published_source, "text");
  EXPECT_EQ(a.modified, "");
}

TEST(ArticleExtractor, SectionFrontIsNotAnArticle) {
  const core::Article a =
      Extract(ReadFixture("pages/listing.html"), "https://www.riversidegazette.example/world/");
  EXPECT_FALSE(LooksLikeArticle(a));
  EXPECT_TRUE(a.authors.empty());  // the teasers' bylines are not the page's
  EXPECT_EQ(a.title, "World News");
}

TEST(ArticleExtractor, ReadsTheDateFromTheUrlAsALastResort) {
  const core::Article a = Extract("<h1>Short note</h1><p>Only a few words.</p>",
                                  "https://example.com/2025/01/31/short-note.html");
  EXPECT_EQ(a.published, "2025-01-31");
  EXPECT_EQ(a.published_source, "url");
}

TEST(ArticleExtractor, RejectsDatesInTheFuture) {
  const core::Article a =
      Extract("<meta property='article:published_time' content='2031-01-01T00:00:00Z'><p>x</p>",
              "https://example.com/story");
  EXPECT_EQ(a.published, "");
}

TEST(ArticleExtractor, RecoversAnArticleWhoseWrapperLooksLikeChrome) {
  std::string paragraphs;
  for (int i = 0; i < 5; ++i) {
    paragraphs += "<p>Paragraph " + std::to_string(i) +
                  " of the only article on this page, with enough words, commas, and detail to "
                  "read as prose.</p>";
  }
  const core::Article a = Extract(
      "<body><div class='sidebar-widget'>" + paragraphs + "</div></body>", "https://e.test/");
  EXPECT_NE(a.body_text.find("Paragraph 4"), std::string::npos);
  EXPECT_TRUE(LooksLikeArticle(a));
}

TEST(ArticleExtractor, EmptyAndJunkInputYieldAnEmptyArticle) {
  static constexpr char kJunk[] = "\0\x01\x02\xFF\xFE garbage \x89PNG";
  for (const std::string& input : {std::string(), std::string(kJunk, sizeof(kJunk) - 1),
                                   std::string("<<<>>></p></div><div<p<a href=>"),
                                   std::string("<html><body></body></html>")}) {
    const core::Article a = Extract(input, "not a url");
    EXPECT_EQ(a.body_text, "");
    EXPECT_FALSE(LooksLikeArticle(a));
    EXPECT_EQ(a.extractor_version, kExtractorVersion);
  }
}

TEST(ArticleExtractor, SurvivesMalformedHtml) {
  const core::Article a = Extract(
      "<html><head><title>Broken page</title><body><div class=content><p>First paragraph, "
      "unclosed, with commas, and enough text to be read as prose by the scorer<p>Second "
      "paragraph <b>bold <i>nested wrongly</b> still</i> going, with commas, and more words here"
      "<table><tr><td>cell<p>Third paragraph inside a stray table, with commas, and words</div>"
      "</span></html></html><script>unterminated",
      "https://e.test/");
  EXPECT_NE(a.body_text.find("First paragraph"), std::string::npos);
  EXPECT_NE(a.body_text.find("nested wrongly still"), std::string::npos);
}

// Given a 5 MB page, extraction finishes in bounded time and finds the text.
TEST(ArticleExtractor, HandlesAFiveMegabytePage) {
  std::string html = "<html><body><div class='article-body'>";
  const std::string paragraph =
      "<p>This is a long paragraph of an enormous page, repeated many times over, with commas, "
      "to make the document about five megabytes large in total.</p>\n";
  while (html.size() < 5u << 20) html += paragraph;
  html += "</div></body></html>";
  const auto start = std::chrono::steady_clock::now();
  const core::Article a = Extract(html, "https://e.test/big");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
  EXPECT_TRUE(LooksLikeArticle(a));
  EXPECT_GT(a.word_count, 500000);
}

TEST(ArticleExtractor, HandlesHundredThousandNestedDivs) {
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div class='d'>";
  html += "<p>Deep text, with commas, long enough to be a paragraph of an article.</p>";
  const auto start = std::chrono::steady_clock::now();
  const core::Article a = Extract(html, "https://e.test/deep");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
  EXPECT_NE(a.body_text.find("Deep text"), std::string::npos);
}

TEST(LooksLikeArticle, NeedsEnoughParagraphText) {
  core::Article a;
  a.body_text = "Short.\n\nAlso short.";
  EXPECT_FALSE(LooksLikeArticle(a));
  const std::string p = std::string(150, 'x');
  a.body_text = p + "\n\n" + p + "\n\n" + p;
  EXPECT_TRUE(LooksLikeArticle(a));
  a.body_text = p + "\n\n" + p;  // 300 chars in two paragraphs: not enough...
  EXPECT_FALSE(LooksLikeArticle(a));
  a.title = "A brief";  // ...unless the page titles and dates it.
  a.published = "2025-02-04";
  EXPECT_TRUE(LooksLikeArticle(a));
}

}  // namespace
}  // namespace newsvault::parser
