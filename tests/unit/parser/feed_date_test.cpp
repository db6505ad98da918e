// Feed dates: RFC 822 / RFC 5322 §3.3 date-times (with the obsolete forms of
// §4.3 and the leniencies real feeds need) and W3C datetime, to RFC 3339.
#include "parser/feed_date.h"

#include <gtest/gtest.h>

#include <string>

namespace newsvault::parser {
namespace {

std::string Rfc822(std::string_view text) {
  auto date = ParseRfc822Date(text);
  return date ? FormatRfc3339(*date) : "none";
}

TEST(FeedDate, ReadsTheRfc822NamedZones) {
  // RFC 822 §5.1: UT, GMT and the US zones, standard and daylight.
  struct Case {
    std::string_view zone;
    std::string_view offset;
  };
  const Case cases[] = {{"UT", "Z"},       {"GMT", "Z"},       {"Z", "Z"},        {"EST", "-05:00"},
                        {"EDT", "-04:00"}, {"CST", "-06:00"},  {"CDT", "-05:00"}, {"MST", "-07:00"},
                        {"MDT", "-06:00"}, {"PST", "-08:00"},  {"PDT", "-07:00"}, {"cet", "+01:00"},
                        {"JST", "+09:00"}, {"AEDT", "+11:00"}, {"UTC", "Z"}};
  for (const Case& c : cases) {
    EXPECT_EQ(Rfc822("Tue, 04 Feb 2025 10:11:12 " + std::string(c.zone)),
              "2025-02-04T10:11:12" + std::string(c.offset))
        << c.zone;
  }
}

TEST(FeedDate, ReadsNumericOffsetsAndTheUnknownOffset) {
  EXPECT_EQ(Rfc822("Tue, 04 Feb 2025 10:11:12 +0700"), "2025-02-04T10:11:12+07:00");
  EXPECT_EQ(Rfc822("Tue, 04 Feb 2025 10:11:12 -0330"), "2025-02-04T10:11:12-03:30");
  EXPECT_EQ(Rfc822("Tue, 04 Feb 2025 10:11:12 +05:30"), "2025-02-04T10:11:12+05:30");
  EXPECT_EQ(Rfc822("Tue, 04 Feb 2025 10:11:12 +0000"), "2025-02-04T10:11:12Z");
  EXPECT_EQ(Rfc822("Tue, 04 Feb 2025 10:11:12 GMT+0530"), "2025-02-04T10:11:12+05:30");
  // RFC 5322 §3.3: "-0000" means the local offset is unknown (RFC 3339 §4.3).
  EXPECT_EQ(Rfc822("Tue, 04 Feb 2025 10:11:12 -0000"), "2025-02-04T10:11:12-00:00");
}

TEST(FeedDate, LeavesMilitaryAndUnknownZonesWithoutAnOffset) {
  // RFC 5322 §4.3: RFC 822 got the military letters' signs wrong, so they
  // say nothing reliable.
  EXPECT_EQ(Rfc822("Tue, 04 Feb 2025 10:11:12 A"), "2025-02-04T10:11:12-00:00");
  EXPECT_EQ(Rfc822("Tue, 04 Feb 2025 10:11:12 XYZT"), "2025-02-04T10:11:12-00:00");
  EXPECT_EQ(Rfc822("Tue, 04 Feb 2025 10:11:12"), "2025-02-04T10:11:12-00:00");
}

TEST(FeedDate, AcceptsTheLooseFormsFeedsWrite) {
  EXPECT_EQ(Rfc822("04 Feb 2025 10:11 GMT"), "2025-02-04T10:11:00Z");
  EXPECT_EQ(Rfc822("Tuesday, 4 February 2025 10:11:12 GMT"), "2025-02-04T10:11:12Z");
  EXPECT_EQ(Rfc822("Tue 04 Feb 2025 10:11:12 GMT"), "2025-02-04T10:11:12Z");
  EXPECT_EQ(Rfc822("Tue, 04-Feb-2025 10:11:12 GMT"), "2025-02-04T10:11:12Z");
  EXPECT_EQ(Rfc822("Thu, 04 Sept 2025 10:11:12 GMT"), "2025-09-04T10:11:12Z");
  EXPECT_EQ(Rfc822("  Tue, 04 Feb 2025 10:11:12.250 GMT  "), "2025-02-04T10:11:12Z");
  EXPECT_EQ(Rfc822("Tue, 04 Feb 2025"), "2025-02-04");
  // RFC 5322 §4.3: two-digit years below 50 are 20xx.
  EXPECT_EQ(Rfc822("Tue, 04 Feb 25 10:11:12 GMT"), "2025-02-04T10:11:12Z");
}

TEST(FeedDate, RejectsWhatIsNoRfc822Date) {
  EXPECT_EQ(Rfc822("Tue, 30 Feb 2025 10:11:12 GMT"), "none");
  EXPECT_EQ(Rfc822("Tue, 04 Foo 2025 10:11:12 GMT"), "none");
  EXPECT_EQ(Rfc822("Tue, 04 Feb 2025 25:11:12 GMT"), "none");
  EXPECT_EQ(Rfc822("Tue, 04 Feb 2025 10-11 GMT"), "none");
  EXPECT_EQ(Rfc822("2025-02-04T10:11:12Z"), "none");
  EXPECT_EQ(Rfc822("Yesterday"), "none");
  EXPECT_EQ(Rfc822(""), "none");
}

TEST(FeedDate, ConvertsRfc822AndW3cDatetimes) {
  EXPECT_EQ(FeedDateToRfc3339("Tue, 04 Feb 2025 10:11:12 EST"), "2025-02-04T10:11:12-05:00");
  EXPECT_EQ(FeedDateToRfc3339("2025-02-04T10:11:12.5+01:00"), "2025-02-04T10:11:12+01:00");
  EXPECT_EQ(FeedDateToRfc3339("2025-02-04T10:11Z"), "2025-02-04T10:11:00Z");
  EXPECT_EQ(FeedDateToRfc3339("2025-02-04"), "2025-02-04");
  EXPECT_EQ(FeedDateToRfc3339("soon"), "");
}

}  // namespace
}  // namespace newsvault::parser
