// Dates as news pages write them, to RFC 3339 keeping the page's own offset.
//
// Machine forms (ISO 8601 / RFC 3339 in JSON-LD, meta tags and <time
// datetime>, RFC 2822 in some feeds-turned-meta) and human forms in running
// text: "04/02/2025" (day-first or month-first by locale), "4 February 2025",
// "February 4, 2025", "4 февраля 2025", "2025年2月4日", "4 tháng 2 năm 2025",
// optionally with a time ("10:15", "9:30 pm", "GMT+7"). Relative forms
// ("2 hours ago") are never read: they describe the crawl, not the article.
//
// Thread safety: pure functions over constant tables.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace newsvault::parser {

struct ParsedDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  bool has_time = false;
  int hour = 0, minute = 0, second = 0;
  enum class Zone { kUnknown, kUtc, kOffset } zone = Zone::kUnknown;
  int offset_minutes = 0;  // east of UTC, when zone == kOffset
};

// How to read an ambiguous "01/02/2025".
enum class DateOrder { kDayFirst, kMonthFirst };

// Years outside this window are never dates of a news article (the web's
// news archive starts in the mid-1990s); checked again against "now" by IsPlausible.
inline constexpr int kMinPlausibleYear = 1995;
inline constexpr int kMaxParsedYear = 2100;

// Parses a whole value that should be a date: ISO 8601 first, then the human
// forms anywhere in it. nullopt when no valid date is found.
std::optional<ParsedDate> ParseDateValue(std::string_view value, DateOrder order);

// A date found in running text and where it sits (byte offsets).
struct DateMatch {
  ParsedDate date;
  size_t begin = 0;
  size_t end = 0;
};

// The first human-form (or ISO) date in running text, with its position, so
// callers can read the label before it ("Updated:") and search on after it.
std::optional<DateMatch> FindDateMatch(std::string_view text, DateOrder order);
// Same, the date only.
std::optional<ParsedDate> FindDateInText(std::string_view text, DateOrder order);

// A /2025/02/04/, /2025-02-04 or /20250204/ date in a URL's path.
std::optional<ParsedDate> DateFromUrl(std::string_view url);

// RFC 3339 text: "2025-02-04T09:30:00+07:00", "...Z", "...-00:00" when the
// offset is unknown (RFC 3339 §4.3), or the full-date "2025-02-04" when the
// page gives no time.
std::string FormatRfc3339(const ParsedDate& date);

// True when the date is not before kMinPlausibleYear and not after `today`
// plus one day (time zones put some pages a day ahead of UTC).
bool IsPlausible(const ParsedDate& date, std::chrono::sys_days today);

// Month-first ("MM/DD/YYYY") locales: US English and a few others. `lang` is
// a BCP 47 tag or locale as pages write it ("en-US", "en_us", "en").
DateOrder DateOrderForLanguage(std::string_view lang);

// Days in a month of the proleptic Gregorian calendar.
int DaysInMonth(int year, int month);

}  // namespace newsvault::parser
