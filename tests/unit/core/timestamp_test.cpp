#include "core/timestamp.h"

#include <gtest/gtest.h>

namespace newsvault::core {
namespace {

using std::chrono::microseconds;

// 2025-02-04T10:11:12.123456Z, computed independently with Python's datetime.
constexpr int64_t kSample = 1738663872123456;

TEST(Timestamp, MicrosRoundTrip) {
  EXPECT_EQ(ToMicros(FromMicros(kSample)), kSample);
  EXPECT_EQ(ToMicros(FromMicros(-1)), -1);
}

TEST(Timestamp, FormatsWarcDateWithSixFractionDigits) {
  // WARC 1.1 §5.4: W3C-DTF with a fraction.
  EXPECT_EQ(FormatWarcDate(FromMicros(kSample)), "2025-02-04T10:11:12.123456Z");
  EXPECT_EQ(FormatWarcDate(FromMicros(0)), "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(FormatWarcDate(FromMicros(1738663872000001)), "2025-02-04T10:11:12.000001Z");
}

TEST(Timestamp, FormatsSecondsAndFourteenDigits) {
  EXPECT_EQ(FormatIsoSeconds(FromMicros(kSample)), "2025-02-04T10:11:12Z");
  EXPECT_EQ(Format14Digit(FromMicros(kSample)), "20250204101112");
}

TEST(Timestamp, FormatsInstantsBeforeTheEpoch) {
  // Given -1 µs we should floor to the previous second, not round towards zero.
  EXPECT_EQ(FormatWarcDate(FromMicros(-1)), "1969-12-31T23:59:59.999999Z");
  EXPECT_EQ(Format14Digit(FromMicros(-1000000)), "19691231235959");
}

TEST(Timestamp, FormatsLeapDay) {
  Result<Timestamp> t = ParseIso8601("2024-02-29T23:59:59Z");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(FormatIsoSeconds(*t), "2024-02-29T23:59:59Z");
  EXPECT_EQ(FormatIsoSeconds(*t + std::chrono::seconds(1)), "2024-03-01T00:00:00Z");
}

TEST(ParseIso8601, ParsesWarcDateBackToTheSameInstant) {
  Result<Timestamp> t = ParseIso8601("2025-02-04T10:11:12.123456Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(ToMicros(*t), kSample);
}

TEST(ParseIso8601, ConvertsOffsetsToTheUtcInstant) {
  // RFC 3339 §4.2: local time minus the offset is UTC.
  Result<Timestamp> plus = ParseIso8601("2025-02-04T12:11:12+02:00");
  Result<Timestamp> minus = ParseIso8601("2025-02-04T05:41:12-0430");
  Result<Timestamp> hours_only = ParseIso8601("2025-02-04T13:11:12+03");
  ASSERT_TRUE(plus.ok() && minus.ok() && hours_only.ok());
  EXPECT_EQ(FormatIsoSeconds(*plus), "2025-02-04T10:11:12Z");
  EXPECT_EQ(FormatIsoSeconds(*minus), "2025-02-04T10:11:12Z");
  EXPECT_EQ(FormatIsoSeconds(*hours_only), "2025-02-04T10:11:12Z");
}

TEST(ParseIso8601, OffsetCanCrossTheDateLine) {
  Result<Timestamp> t = ParseIso8601("2025-01-01T01:00:00+05:00");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatIsoSeconds(*t), "2024-12-31T20:00:00Z");
}

TEST(ParseIso8601, AcceptsOneToNineFractionDigits) {
  EXPECT_EQ(ToMicros(*ParseIso8601("2025-02-04T10:11:12.1Z")) % 1000000, 100000);
  EXPECT_EQ(ToMicros(*ParseIso8601("2025-02-04T10:11:12.123Z")) % 1000000, 123000);
  // Digits past microseconds are truncated, not rounded.
  EXPECT_EQ(ToMicros(*ParseIso8601("2025-02-04T10:11:12.123456789Z")) % 1000000, 123456);
  EXPECT_EQ(ToMicros(*ParseIso8601("2025-02-04T10:11:12.999999999Z")) % 1000000, 999999);
}

TEST(ParseIso8601, AcceptsLowercaseAndSpaceSeparators) {
  Result<Timestamp> t = ParseIso8601("2025-02-04t10:11:12z");
  Result<Timestamp> s = ParseIso8601("2025-02-04 10:11:12Z");
  ASSERT_TRUE(t.ok() && s.ok());
  EXPECT_EQ(FormatIsoSeconds(*t), "2025-02-04T10:11:12Z");
  EXPECT_EQ(*t, *s);
}

TEST(ParseIso8601, AcceptsReducedW3cDtfPrecision) {
  // W3C-DTF (the WARC-Date grammar) allows "YYYY", "YYYY-MM", "YYYY-MM-DD" and hh:mm.
  EXPECT_EQ(FormatIsoSeconds(*ParseIso8601("2025")), "2025-01-01T00:00:00Z");
  EXPECT_EQ(FormatIsoSeconds(*ParseIso8601("2025-02")), "2025-02-01T00:00:00Z");
  EXPECT_EQ(FormatIsoSeconds(*ParseIso8601("2025-02-04")), "2025-02-04T00:00:00Z");
  EXPECT_EQ(FormatIsoSeconds(*ParseIso8601("2025-02-04T10:11+01:00")), "2025-02-04T09:11:00Z");
}

TEST(ParseIso8601, RejectsImpossibleOrMalformedDates) {
  for (const char* bad :
       {"", "yesterday", "2025-02-30T00:00:00Z", "2025-13-01", "2025-02-04T24:00:00Z",
        "2025-02-04T10:60:00Z", "2025-02-04T10:11:12+25:00", "2025-02-04T10:11:12Zjunk", "2025-2-4",
        "20250204T101112Z", "2025-02-04T10"}) {
    Result<Timestamp> t = ParseIso8601(bad);
    EXPECT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(ParseTimeArgument, AcceptsEveryDocumentedForm) {
  EXPECT_EQ(FormatIsoSeconds(*ParseTimeArgument("2025-02-04")), "2025-02-04T00:00:00Z");
  EXPECT_EQ(FormatIsoSeconds(*ParseTimeArgument("2025-02-04T10:11:12Z")), "2025-02-04T10:11:12Z");
  EXPECT_EQ(FormatWarcDate(*ParseTimeArgument("2025-02-04T10:11:12.5+02:00")),
            "2025-02-04T08:11:12.500000Z");
  EXPECT_EQ(FormatIsoSeconds(*ParseTimeArgument("2025-02-04 10:11")), "2025-02-04T10:11:00Z");
  EXPECT_EQ(FormatIsoSeconds(*ParseTimeArgument("  2025-02-04  ")), "2025-02-04T00:00:00Z");
}

TEST(ParseTimeArgument, ShortCdxDigitsMeanTheStartOfThePeriod) {
  EXPECT_EQ(FormatIsoSeconds(*ParseTimeArgument("2025")), "2025-01-01T00:00:00Z");
  EXPECT_EQ(FormatIsoSeconds(*ParseTimeArgument("202502")), "2025-02-01T00:00:00Z");
  EXPECT_EQ(FormatIsoSeconds(*ParseTimeArgument("20250204")), "2025-02-04T00:00:00Z");
  EXPECT_EQ(FormatIsoSeconds(*ParseTimeArgument("2025020410")), "2025-02-04T10:00:00Z");
  EXPECT_EQ(FormatIsoSeconds(*ParseTimeArgument("202502041011")), "2025-02-04T10:11:00Z");
  EXPECT_EQ(FormatIsoSeconds(*ParseTimeArgument("20250204101112")), "2025-02-04T10:11:12Z");
}

TEST(ParseTimeArgument, RejectsBadDigitCountsAndDates) {
  for (const char* bad : {"", "202", "20251", "202502041011121", "20251301", "20250230", "soon"}) {
    Result<Timestamp> t = ParseTimeArgument(bad);
    EXPECT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(ParseTimeArgument, ErrorMessageQuotesTheInput) {
  Result<Timestamp> t = ParseTimeArgument("2025-02-31");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message().find("2025-02-31"), std::string::npos) << t.error().message();
}

// RFC 9110 §5.6.7 gives one instant in three forms: 784111777 = 1994-11-06T08:49:37Z.
TEST(ParseHttpDate, ParsesImfFixdate) {
  Result<Timestamp> t = ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(ToMicros(*t), 784111777LL * 1000000);
}

TEST(ParseHttpDate, ParsesObsoleteRfc850Form) {
  Result<Timestamp> t = ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(ToMicros(*t), 784111777LL * 1000000);
  // Two-digit years below 70 are in this century.
  EXPECT_EQ(FormatIsoSeconds(*ParseHttpDate("Tuesday, 04-Feb-25 10:11:12 GMT")),
            "2025-02-04T10:11:12Z");
}

TEST(ParseHttpDate, ParsesAsctimeForm) {
  Result<Timestamp> t = ParseHttpDate("Sun Nov  6 08:49:37 1994");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(ToMicros(*t), 784111777LL * 1000000);
}

TEST(ParseHttpDate, ToleratesCaseAndCommonZoneSpellings) {
  EXPECT_EQ(FormatIsoSeconds(*ParseHttpDate("tue, 04 feb 2025 10:11:12 gmt")),
            "2025-02-04T10:11:12Z");
  EXPECT_EQ(FormatIsoSeconds(*ParseHttpDate("Tue, 04 Feb 2025 10:11:12 UTC")),
            "2025-02-04T10:11:12Z");
  EXPECT_EQ(FormatIsoSeconds(*ParseHttpDate("Tue, 04 Feb 2025 12:11:12 +0200")),
            "2025-02-04T10:11:12Z");
  EXPECT_EQ(FormatIsoSeconds(*ParseHttpDate("Tue, 4 Feb 2025 10:11:12 GMT")),
            "2025-02-04T10:11:12Z");
}

TEST(ParseHttpDate, RejectsGarbageAndImpossibleDates) {
  for (const char* bad : {"", "0", "-1", "tomorrow", "Tue, 04 Foo 2025 10:11:12 GMT",
                          "Tue, 31 Feb 2025 10:11:12 GMT", "Tue, 04 Feb 2025 10:11 GMT",
                          "Tue, 04 Feb 2025 10:11:12 PST", "Tue, 04 Feb 2025 25:11:12 GMT"}) {
    EXPECT_FALSE(ParseHttpDate(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace newsvault::core
