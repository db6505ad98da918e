// The general metadata rules added after measuring the labelled set
// (tests/fixtures/metadata, metadata_accuracy_test.cpp): one focused test per
// rule, each on a small page or value that the rule alone gets right.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "parser/article_extractor.h"
#include "parser/author_names.h"
#include "parser/json_ld.h"
#include "parser/language_detector.h"

namespace newsvault::parser {
namespace {

using Strings = std::vector<std::string>;

core::Article Extract(const std::string& html, const std::string& url = "https://news.example/a") {
  ExtractInput input;
  input.html_utf8 = html;
  input.url = url;
  input.now = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};
  return ExtractArticle(input);
}

// A page around `article` (inside <body>): enough paragraphs to be an article.
std::string Page(const std::string& head, const std::string& article,
                 const std::string& lang = "en") {
  return "<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=utf-8>" + head +
         "</head><body><nav><a href=/>Home</a><a href=/news>News</a></nav>" + article +
         "<footer>Copyright The Example Times</footer></body></html>";
}

const std::string kParagraphs =
    "<p>The city council voted on Tuesday to approve the new budget after a long debate.</p>"
    "<p>Members argued for three hours about library hours and the police budget.</p>"
    "<p>The mayor said she would sign the budget before the end of the week.</p>"
    "<p>The budget takes effect on the first day of the next fiscal year.</p>";

// --- author names ---

TEST(AuthorNameRules, ItalianLowercaseDiIsALeadIn) {
  EXPECT_EQ(ParseAuthorNames("di Marco Rossi"), (Strings{"Marco Rossi"}));
  // Capitalised, "Di" starts a surname.
  EXPECT_EQ(ParseAuthorNames("Di Stefano Paolo"), (Strings{"Di Stefano Paolo"}));
}

TEST(AuthorNameRules, ShortCapitalisedAgencyCodesAreNotNames) {
  EXPECT_EQ(ParseAuthorNames("Autor: Anna Nowak, PAP"), (Strings{"Anna Nowak"}));
  EXPECT_EQ(ParseAuthorNames("Analysis by Stephen Collinson, CNN"), (Strings{"Stephen Collinson"}));
}

TEST(AuthorNameRules, SlashGluedAgencyIsSplitOffButLinksAreNot) {
  EXPECT_EQ(ParseAuthorNames("Av Erik Lindqvist och Sara Holm/TT"),
            (Strings{"Erik Lindqvist", "Sara Holm"}));
  EXPECT_TRUE(ParseAuthorNames("facebook.com/jane.doe").empty());
  EXPECT_TRUE(ParseAuthorNames("https://twitter.com/janedoe").empty());
}

TEST(AuthorNameRules, CjkNamesSeparatedBySpacesAreSeveralPeople) {
  EXPECT_EQ(ParseAuthorNames("作者：李华 张伟"), (Strings{"李华", "张伟"}));
}

TEST(AuthorNameRules, KoreanReporterSuffixIsARole) {
  EXPECT_EQ(ParseAuthorNames("김민수 기자"), (Strings{"김민수"}));
}

TEST(AuthorNameRules, ArabicAndIndonesianLeadIns) {
  EXPECT_EQ(ParseAuthorNames("بقلم: محمد الأحمد"), (Strings{"محمد الأحمد"}));
  EXPECT_EQ(ParseAuthorNames("Penulis Budi Santoso"), (Strings{"Budi Santoso"}));
}

TEST(AuthorNameRules, DropsNamesOfTheSiteOrPublisher) {
  Strings names = {"Ana Souza", "Portal G SP", "日本経済ジャーナル"};
  DropOrganizationNames(names, {"Portal G", "日本経済ジャーナル"});
  EXPECT_EQ(names, (Strings{"Ana Souza"}));
  // Whole words only: "Times" is no part of "Tim Timesson".
  Strings person = {"Tim Timesson"};
  DropOrganizationNames(person, {"Times"});
  EXPECT_EQ(person, (Strings{"Tim Timesson"}));
}

TEST(AuthorNameRules, MetaAuthorNamingThePaperIsNoAuthor) {
  // Given a page whose only author field is the paper's own name...
  const core::Article a =
      Extract(Page("<meta property=og:site_name content='The Example Times'>"
                   "<meta name=author content='The Example Times'>",
                   "<article><h1>Council approves the budget after a long debate</h1>" +
                       kParagraphs + "</article>"));
  // ...we should report no author.
  EXPECT_TRUE(a.authors.empty());
}

// --- JSON-LD ---

TEST(JsonLdRules, PersonWithAnArrayOfNamesIsSeveralAuthors) {
  const JsonLdArticle a = ParseJsonLd(
      {R"({"@type":"NewsArticle","author":{"@type":"Person","name":["Ana Souza","Pedro Lima"]}})"});
  EXPECT_EQ(a.authors, (Strings{"Ana Souza", "Pedro Lima"}));
}

// --- bylines ---

TEST(BylineRules, BlockDefersToTheNameElementInside) {
  // Given a signature block holding the name and, apart, the place...
  const core::Article a = Extract(
      Page("",
           "<article><h1>Council approves the budget after a long debate</h1>"
           "<div class=c-signature><strong class=c-signature__author>Leonardo Vieceli</strong>"
           "<p class=c-signature__location>Rio de Janeiro</p></div>" +
               kParagraphs + "</article>"));
  // ...the author is the name alone, not the name glued to the place.
  EXPECT_EQ(a.authors, (Strings{"Leonardo Vieceli"}));
  EXPECT_EQ(a.body_text.find("Rio de Janeiro"), std::string::npos);
}

TEST(BylineRules, SpanishAutorClassAndFrenchSignatureClassAreBylines) {
  const core::Article es =
      Extract(Page("",
                   "<div class=nota><h1>Banxico recorta la tasa de interés por primera vez</h1>"
                   "<div class=autor-fecha><span class=autor>Por Carlos Ruiz y Ana Gómez</span>"
                   "<span class=fecha>21 de marzo de 2024</span></div>" +
                       kParagraphs + "</div>",
                   "es"));
  EXPECT_EQ(es.authors, (Strings{"Carlos Ruiz", "Ana Gómez"}));
  const core::Article fr =
      Extract(Page("",
                   "<div class=article-full><h1>Un incendie ravage un entrepôt à Lyon</h1>"
                   "<p class=signature>Par Jean Martin et Sophie Bernard</p>" +
                       kParagraphs + "</div>",
                   "fr"));
  EXPECT_EQ(fr.authors, (Strings{"Jean Martin", "Sophie Bernard"}));
}

TEST(BylineRules, RdfaPersonIsAByline) {
  // Drupal: "Submitted by <span typeof=schema:Person property=schema:name>".
  const core::Article a =
      Extract(Page("",
                   "<article><h1>County extends burn ban through Labor Day</h1>"
                   "<div class=node__submitted>Submitted by <span typeof='schema:Person' "
                   "property='schema:name'>Maria Lopez</span> on Thu, 08/24/2023 - 16:05</div>" +
                       kParagraphs + "</article>"));
  EXPECT_EQ(a.authors, (Strings{"Maria Lopez"}));
}

// --- dates ---

TEST(DateRules, UpdateLabelsInOtherLanguagesAndCapitalCyrillic) {
  const core::Article ru =
      Extract(Page("",
                   "<article><h1>ЦБ сохранил ключевую ставку на уровне 7,5%</h1>"
                   "<div>Опубликовано 12.03.2021, 13:31 · Обновлено 13.03.2021, 08:02</div>" +
                       kParagraphs + "</article>",
                   "ru"));
  EXPECT_EQ(ru.published.substr(0, 10), "2021-03-12");
  EXPECT_EQ(ru.modified.substr(0, 10), "2021-03-13");
  const core::Article it =
      Extract(Page("",
                   "<article><h1>Maltempo in Emilia-Romagna, scuole chiuse</h1>"
                   "<div>12 gennaio 2024 (modifica il 13 gennaio 2024 | 07:40)</div>" +
                       kParagraphs + "</article>",
                   "it"));
  EXPECT_EQ(it.published.substr(0, 10), "2024-01-12");
  EXPECT_EQ(it.modified.substr(0, 10), "2024-01-13");
}

TEST(DateRules, DatelineUnderTheHeadlineBeatsTimeElementsOutsideTheArticle) {
  // Given a left column of dated headlines before the article...
  const core::Article a =
      Extract(Page("",
                   "<div id=left><ul><li><a href=/4410>School levy passes</a>"
                   "<time datetime=2021-06-01>June 1, 2021</time></li></ul></div>"
                   "<div id=center><h1>Ferry service to resume after two-year pause</h1>"
                   "<p class=dl>June 3, 2021 &middot; By Ellen Park</p>" +
                       kParagraphs + "</div>"));
  // ...the article's own dateline wins.
  EXPECT_EQ(a.published, "2021-06-03");
}

TEST(DateRules, DateLabelAboveTheHeadlineIsRead) {
  const core::Article a =
      Extract(Page("",
                   "<div class=main-col><div class=top><span class=date>Thứ năm, 2/11/2023, "
                   "15:20 (GMT+7)</span></div><h1>Giá xăng giảm lần thứ ba liên tiếp</h1>"
                   "<article>" +
                       kParagraphs + "</article></div>",
                   "vi"));
  EXPECT_EQ(a.published, "2023-11-02T15:20:00+07:00");
}

TEST(DateRules, ArticleHeaderPartsAndArticleFooterAreNotChromeForMetadata) {
  // BEM parts of the article header ("doc_header__time") and the article's
  // <footer> hold its date; they are not page chrome.
  const core::Article header =
      Extract(Page("",
                   "<article><header class=doc_header><h1 class=doc_header__name>Rates held at 7.5 "
                   "percent by the central bank</h1><div class=doc_header__publish>Published "
                   "12.03.2021</div></header>" +
                       kParagraphs + "</article>",
                   "en-GB"));
  EXPECT_EQ(header.published, "2021-03-12");
  const core::Article footer =
      Extract(Page("",
                   "<h1>County extends burn ban through Labor Day</h1><article>"
                   "<footer class=node__meta>Submitted on Thu, 08/24/2023 - 16:05</footer>" +
                       kParagraphs + "</article>"));
  EXPECT_EQ(footer.published.substr(0, 10), "2023-08-24");
}

// --- language, title, site ---

TEST(LanguageRules, ShortChineseTextIsDetected) {
  // 70 Han characters: too few letters for an alphabet, plenty for Chinese.
  const std::string text =
      "我国首艘国产大型邮轮六日完成第二次试航返回上海外高桥造船有限公司码头此次试航历时六天主要对邮"
      "轮的生活"
      "区域娱乐设施和消防系统进行了测试";
  EXPECT_EQ(DetectLanguageFromText(text), "zh");
}

TEST(TitleRules, LoneHeadlineBeatsADifferentSocialTitle) {
  const core::Article a =
      Extract(Page("<title>Budget approved: council votes 7-2 | City Paper</title>"
                   "<meta property=og:title content='Budget approved: council votes 7-2'>",
                   "<article><h1>After 11 hours, council passes a $1.2 billion budget</h1>" +
                       kParagraphs + "</article>"));
  EXPECT_EQ(a.title, "After 11 hours, council passes a $1.2 billion budget");
}

TEST(TitleRules, ShortLoneH1IsASectionLabelNotTheHeadline) {
  const core::Article a = Extract(Page(
      "<meta property=og:title content='Council approves the budget after a long debate'>",
      "<div class=section-head><h1>City Hall</h1></div><article>" + kParagraphs + "</article>"));
  EXPECT_EQ(a.title, "Council approves the budget after a long debate");
}

TEST(SiteRules, SiteNameFromTheTitleWhenNoneIsDeclared) {
  const core::Article a = Extract(
      Page("<title>Harbor Town Weekly :: Ferry service to resume after pause</title>",
           "<div id=center><h1>Ferry service to resume after pause</h1>" + kParagraphs + "</div>"));
  EXPECT_EQ(a.site_name, "Harbor Town Weekly");
}

}  // namespace
}  // namespace newsvault::parser
