// Dates: RFC 3339 output keeping the page's offset (RFC 3339 §4.3 for
// unknown offsets), machine and human input forms, plausibility.
#include "parser/date_parser.h"

#include <gtest/gtest.h>

#include <string>

namespace newsvault::parser {
namespace {

std::string Value(std::string_view text, DateOrder order = DateOrder::kDayFirst) {
  auto d = ParseDateValue(text, order);
  return d ? FormatRfc3339(*d) : "none";
}

std::string InText(std::string_view text, DateOrder order = DateOrder::kDayFirst) {
  auto d = FindDateInText(text, order);
  return d ? FormatRfc3339(*d) : "none";
}

TEST(DateParser, KeepsTheOffsetAsWritten) {
  EXPECT_EQ(Value("2025-02-04T09:30:00+07:00"), "2025-02-04T09:30:00+07:00");
  EXPECT_EQ(Value("2025-02-04T09:30:00.123-0500"), "2025-02-04T09:30:00-05:00");
  EXPECT_EQ(Value("2025-02-04T09:30:00Z"), "2025-02-04T09:30:00Z");
  EXPECT_EQ(Value("2025-02-04 09:30"), "2025-02-04T09:30:00-00:00");
  EXPECT_EQ(Value("2025-02-04"), "2025-02-04");
  EXPECT_EQ(Value("20250204"), "2025-02-04");
}

TEST(DateParser, RejectsImpossibleDates) {
  EXPECT_EQ(Value("2025-02-30"), "none");
  EXPECT_EQ(Value("2025-13-01"), "none");
  EXPECT_EQ(Value("0001-01-01T00:00:00Z"), "none");
  EXPECT_EQ(Value("2 hours ago"), "none");
}

TEST(DateParser, ReadsHumanFormsInSeveralLanguages) {
  EXPECT_EQ(InText("Published February 4, 2025"), "2025-02-04");
  EXPECT_EQ(InText("4 February 2025"), "2025-02-04");
  EXPECT_EQ(InText("Stand: 4. Februar 2025, 10:15 Uhr"), "2025-02-04T10:15:00-00:00");
  EXPECT_EQ(InText("le 4 février 2025"), "2025-02-04");
  EXPECT_EQ(InText("4 de febrero de 2025"), "2025-02-04");
  EXPECT_EQ(InText("29 июня 2020"), "2020-06-29");
  EXPECT_EQ(InText("Thứ năm, 2/11/2023"), "2023-11-02");
  EXPECT_EQ(InText("ngày 4 tháng 2 năm 2025"), "2025-02-04");
  EXPECT_EQ(InText("2025年2月4日"), "2025-02-04");
  EXPECT_EQ(InText("Feb. 4th, 2025 9:30 p.m. GMT+7"), "2025-02-04T21:30:00+07:00");
}

TEST(DateParser, AmbiguousNumericDatesFollowTheLocale) {
  EXPECT_EQ(InText("04/02/2025", DateOrder::kDayFirst), "2025-02-04");
  EXPECT_EQ(InText("04/02/2025", DateOrder::kMonthFirst), "2025-04-02");
  // A part above 12 settles the order whatever the locale.
  EXPECT_EQ(InText("13/02/2025", DateOrder::kMonthFirst), "2025-02-13");
  EXPECT_EQ(InText("02/13/2025", DateOrder::kDayFirst), "2025-02-13");
  EXPECT_EQ(DateOrderForLanguage("en-US"), DateOrder::kMonthFirst);
  EXPECT_EQ(DateOrderForLanguage("en-GB"), DateOrder::kDayFirst);
  EXPECT_EQ(DateOrderForLanguage("vi"), DateOrder::kDayFirst);
}

TEST(DateParser, ReportsWhereTheDateSits) {
  const std::string text = "Updated: 05/02/2025 08:00 | First published 04/02/2025";
  auto first = FindDateMatch(text, DateOrder::kDayFirst);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(text.substr(0, first->begin), "Updated: ");
  EXPECT_EQ(text.substr(first->begin, first->end - first->begin), "05/02/2025 08:00");
}

TEST(DateParser, FindsDatesInUrlPaths) {
  auto d = DateFromUrl("https://example.com/2025/02/04/some-story.html");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(FormatRfc3339(*d), "2025-02-04");
  ASSERT_TRUE(DateFromUrl("https://example.com/news/2025-02-04-some-story").has_value());
  ASSERT_TRUE(DateFromUrl("https://example.com/a/20250204/story").has_value());
  EXPECT_FALSE(DateFromUrl("https://example.com/story?id=20250204").has_value());
  EXPECT_FALSE(DateFromUrl("https://example.com/product/1234567890").has_value());
}

TEST(DateParser, PlausibleMeansAfter1995AndNotTomorrowPlusOne) {
  using std::chrono::days;
  const auto today = std::chrono::sys_days{std::chrono::year{2025} / 2 / 4};
  ParsedDate d;
  d.year = 2025;
  d.month = 2;
  d.day = 5;
  EXPECT_TRUE(IsPlausible(d, today));  // a time zone ahead
  d.day = 6;
  EXPECT_FALSE(IsPlausible(d, today));
  d.year = 1994;
  EXPECT_FALSE(IsPlausible(d, today));
}

}  // namespace
}  // namespace newsvault::parser
