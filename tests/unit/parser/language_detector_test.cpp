// ChooseLanguage: declared tags, checked against the body's script.
#include "parser/language_detector.h"

#include <gtest/gtest.h>

#include <string>

namespace newsvault::parser {
namespace {

std::string Repeat(std::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) {
    out += text;
    out += ' ';
  }
  return out;
}

const std::string kRussian =
    Repeat("Эксперты считают, что эта мера поможет сохранить рабочие места.", 8);
const std::string kEnglish =
    Repeat("The council said that the plan was approved and it is the first of its kind.", 6);

TEST(LanguageDetector, ReducesTagsToThePrimarySubtag) {
  EXPECT_EQ(PrimaryLanguageSubtag("en-US"), "en");
  EXPECT_EQ(PrimaryLanguageSubtag("pt_BR"), "pt");
  EXPECT_EQ(PrimaryLanguageSubtag(" RU "), "ru");
  EXPECT_EQ(PrimaryLanguageSubtag("x-default"), "");
}

TEST(LanguageDetector, KeepsADeclarationTheTextAgreesWith) {
  EXPECT_EQ(ChooseLanguage({"en-GB"}, kEnglish), "en");
  EXPECT_EQ(ChooseLanguage({"uk"}, kRussian), "uk");  // same script: the page knows best
}

// Given a Vietnamese template around a Russian article, we should report the
// article's language, not the template's.
TEST(LanguageDetector, OverrulesADeclarationInTheWrongScript) {
  EXPECT_EQ(ChooseLanguage({"vi"}, kRussian), "ru");
}

TEST(LanguageDetector, DetectsFromTextWhenNothingIsDeclared) {
  EXPECT_EQ(ChooseLanguage({}, kRussian), "ru");
  EXPECT_EQ(ChooseLanguage({}, kEnglish), "en");
  EXPECT_EQ(ChooseLanguage(
                {}, Repeat("東京都は来年度から、子育て世帯への支援を拡充すると発表しました。", 10)),
            "ja");
  EXPECT_EQ(ChooseLanguage({}, Repeat("国家统计局今天发布数据显示经济增长。", 20)), "zh");
}

TEST(LanguageDetector, ShortTextKeepsTheDeclaration) {
  EXPECT_EQ(ChooseLanguage({"vi"}, "Привет"), "vi");
  EXPECT_EQ(ChooseLanguage({}, "Hi"), "");
}

}  // namespace
}  // namespace newsvault::parser
