#include "parser/feed_date.h"

#include <span>

#include "parser/text_util.h"

namespace newsvault::parser {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  void SkipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r' || s_[pos_] == '\n')) {
      ++pos_;
    }
  }
  // Skips spaces and also the '-' that some feeds put between date parts.
  void SkipSeparator() {
    SkipSpace();
    if (Consume('-')) SkipSpace();
  }
  bool Consume(char c) {
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[pos_]; }
  std::string_view ReadAlpha() {
    const size_t start = pos_;
    while (pos_ < s_.size() && IsAlpha(s_[pos_])) ++pos_;
    return s_.substr(start, pos_ - start);
  }
  // Reads 1..max_digits digits; nullopt (consuming nothing) when there are
  // none or more than max_digits.
  std::optional<int> ReadNumber(size_t max_digits, size_t* count = nullptr) {
    size_t end = pos_;
    while (end < s_.size() && IsDigit(s_[end])) ++end;
    const size_t n = end - pos_;
    if (n == 0 || n > max_digits) return std::nullopt;
    int value = 0;
    for (; pos_ < end; ++pos_) value = value * 10 + (s_[pos_] - '0');
    if (count != nullptr) *count = n;
    return value;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

// Matches a day or month name: any prefix of the English name of at least
// three letters ("Tue", "Tues", "Tuesday", "Sept").
int NameIndex(std::string_view word, std::span<const std::string_view> names) {
  if (word.size() < 3) return -1;
  const std::string lower = ToLowerAscii(word);
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i].starts_with(lower)) return static_cast<int>(i);
  }
  return -1;
}

constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                        "may",       "june",     "july",     "august",
                                        "september", "october",  "november", "december"};
constexpr std::string_view kWeekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                          "friday", "saturday", "sunday"};

struct NamedZone {
  std::string_view name;
  int offset_minutes;
};
// RFC 822 §5.1 names first, then abbreviations common in real feeds whose
// meaning is not in doubt. Ambiguous ones (IST, CST as China time) are not
// guessed beyond RFC 822's reading.
constexpr NamedZone kNamedZones[] = {
    {"est", -5 * 60},  {"edt", -4 * 60}, {"cst", -6 * 60}, {"cdt", -5 * 60},  {"mst", -7 * 60},
    {"mdt", -6 * 60},  {"pst", -8 * 60}, {"pdt", -7 * 60}, {"akst", -9 * 60}, {"akdt", -8 * 60},
    {"hst", -10 * 60}, {"ast", -4 * 60}, {"bst", 60},      {"cet", 60},       {"cest", 120},
    {"wet", 0},        {"west", 60},     {"eet", 120},     {"eest", 180},     {"msk", 180},
    {"jst", 9 * 60},   {"kst", 9 * 60},  {"hkt", 8 * 60},  {"sgt", 8 * 60},   {"aest", 600},
    {"aedt", 660},     {"awst", 480},    {"nzst", 720},    {"nzdt", 780},
};

// "+hhmm", "+hh:mm" or "+hh" after the sign; false when malformed.
bool ReadNumericOffset(Scanner& scan, ParsedDate& date) {
  const int sign = scan.Consume('-') ? -1 : (scan.Consume('+'), 1);
  size_t digits = 0;
  auto first = scan.ReadNumber(4, &digits);
  if (!first) return false;
  int hours = *first;
  int minutes = 0;
  if (digits == 4) {
    hours = *first / 100;
    minutes = *first % 100;
  } else if (digits <= 2 && scan.Consume(':')) {
    auto m = scan.ReadNumber(2);
    if (!m) return false;
    minutes = *m;
  } else if (digits == 3) {
    return false;
  }
  if (hours > 14 || minutes > 59) return false;
  // RFC 5322 §3.3: "-0000" says the local offset is unknown.
  if (sign < 0 && hours == 0 && minutes == 0) {
    date.zone = ParsedDate::Zone::kUnknown;
    return true;
  }
  date.zone = ParsedDate::Zone::kOffset;
  date.offset_minutes = sign * (hours * 60 + minutes);
  if (date.offset_minutes == 0) date.zone = ParsedDate::Zone::kUtc;
  return true;
}

void ReadZone(Scanner& scan, ParsedDate& date) {
  scan.SkipSpace();
  if (scan.Peek() == '+' || scan.Peek() == '-') {
    ReadNumericOffset(scan, date);
    return;
  }
  const std::string zone = ToLowerAscii(scan.ReadAlpha());
  if (zone == "ut" || zone == "utc" || zone == "gmt" || zone == "z") {
    date.zone = ParsedDate::Zone::kUtc;
    // "GMT+0700", "UTC-05:00".
    if (scan.Peek() == '+' || scan.Peek() == '-') ReadNumericOffset(scan, date);
    return;
  }
  for (const NamedZone& named : kNamedZones) {
    if (zone == named.name) {
      date.zone = ParsedDate::Zone::kOffset;
      date.offset_minutes = named.offset_minutes;
      return;
    }
  }
  // Military letters and unknown names: the offset stays unknown.
}

}  // namespace

std::optional<ParsedDate> ParseRfc822Date(std::string_view text) {
  Scanner scan(TrimSpace(text));
  scan.SkipSpace();
  if (IsAlpha(scan.Peek())) {
    if (NameIndex(scan.ReadAlpha(), kWeekdays) < 0) return std::nullopt;
    scan.SkipSpace();
    scan.Consume(',');
    scan.SkipSpace();
  }
  ParsedDate date;
  auto day = scan.ReadNumber(2);
  if (!day) return std::nullopt;
  scan.SkipSeparator();
  const int month = NameIndex(scan.ReadAlpha(), kMonths);
  if (month < 0) return std::nullopt;
  scan.SkipSeparator();
  size_t year_digits = 0;
  auto year = scan.ReadNumber(4, &year_digits);
  if (!year) return std::nullopt;
  // RFC 5322 §4.3: two-digit years below 50 are 20xx, others 19xx;
  // three-digit years add 1900.
  if (year_digits == 2) *year += *year < 50 ? 2000 : 1900;
  if (year_digits == 3) *year += 1900;
  date.year = *year;
  date.month = month + 1;
  date.day = *day;
  if (date.year < kMinPlausibleYear || date.year > kMaxParsedYear ||
      date.day > DaysInMonth(date.year, date.month) || date.day < 1) {
    return std::nullopt;
  }
  scan.SkipSpace();
  auto hour = scan.ReadNumber(2);
  if (!hour) return date;  // a date without a time
  if (!scan.Consume(':')) return std::nullopt;
  auto minute = scan.ReadNumber(2);
  if (!minute || *hour > 23 || *minute > 59) return std::nullopt;
  int second = 0;
  if (scan.Consume(':')) {
    auto s = scan.ReadNumber(2);
    if (!s || *s > 60) return std::nullopt;
    second = *s == 60 ? 59 : *s;                // a leap second keeps its minute
    if (scan.Consume('.')) scan.ReadNumber(9);  // fractions are dropped
  }
  date.has_time = true;
  date.hour = *hour;
  date.minute = *minute;
  date.second = second;
  ReadZone(scan, date);
  return date;
}

std::string FeedDateToRfc3339(std::string_view text) {
  if (auto rfc822 = ParseRfc822Date(text)) return FormatRfc3339(*rfc822);
  // Day-first: numeric feed dates outside ISO form are rare, and ISO is read first.
  if (auto other = ParseDateValue(text, DateOrder::kDayFirst)) return FormatRfc3339(*other);
  return {};
}

}  // namespace newsvault::parser
