#include "core/timestamp.h"

#include <array>
#include <cstdio>
#include <optional>

#include "core/ascii.h"

namespace newsvault::core {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::minutes;
using std::chrono::seconds;

struct Civil {
  int year = 1970;
  unsigned month = 1, day = 1;
  int hour = 0, minute = 0, second = 0;
  int64_t micros = 0;          // fraction of the second
  int64_t offset_seconds = 0;  // local time minus UTC
};

// Civil fields to an instant via std::chrono's days_from_civil arithmetic;
// no timegm, no TZ or locale involved.
Result<Timestamp> ToTimestamp(const Civil& c) {
  std::chrono::year_month_day ymd{std::chrono::year{c.year}, std::chrono::month{c.month},
                                  std::chrono::day{c.day}};
  if (!ymd.ok()) return Status::InvalidArgument("no such date");
  if (c.hour > 23 || c.minute > 59 || c.second > 60) {
    return Status::InvalidArgument("time of day out of range");
  }
  // A leap second (:60) lands on the first instant of the next minute.
  Timestamp t = std::chrono::sys_days{ymd} + hours{c.hour} + minutes{c.minute} + seconds{c.second} +
                microseconds{c.micros};
  return t - seconds{c.offset_seconds};
}

struct Broken {
  std::chrono::year_month_day ymd;
  std::chrono::hh_mm_ss<microseconds> hms;
};

Broken Split(Timestamp t) {
  auto day = std::chrono::floor<days>(t);
  return {std::chrono::year_month_day{day}, std::chrono::hh_mm_ss<microseconds>{t - day}};
}

// A cursor over ASCII text; every Read* leaves the position unchanged on failure.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool AtEnd() const { return i_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[i_]; }
  std::string_view Rest() const { return s_.substr(i_); }
  bool Consume(char c) {
    if (Peek() != c || AtEnd()) return false;
    ++i_;
    return true;
  }
  bool ConsumeIgnoreCase(std::string_view word) {
    if (!StartsWithIgnoreCase(Rest(), word)) return false;
    i_ += word.size();
    return true;
  }
  void SkipSpaces() {
    while (!AtEnd() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
  }
  size_t CountDigits() const {
    size_t n = 0;
    while (i_ + n < s_.size() && IsAsciiDigit(s_[i_ + n])) ++n;
    return n;
  }
  // Exactly `count` digits.
  std::optional<int> ReadFixed(size_t count) {
    if (CountDigits() < count) return std::nullopt;
    return ReadN(count);
  }
  // Between min and max digits (takes as many as there are, up to max).
  std::optional<int> ReadRange(size_t min, size_t max) {
    size_t n = CountDigits();
    if (n < min) return std::nullopt;
    return ReadN(n < max ? n : max);
  }
  std::string_view ReadAlpha() {
    size_t start = i_;
    while (!AtEnd() && IsAsciiAlpha(s_[i_])) ++i_;
    return s_.substr(start, i_ - start);
  }

 private:
  int ReadN(size_t count) {
    int v = 0;
    for (size_t k = 0; k < count; ++k) v = v * 10 + (s_[i_++] - '0');
    return v;
  }

  std::string_view s_;
  size_t i_ = 0;
};

Status Malformed(std::string_view what, std::string_view text) {
  return Status::InvalidArgument("malformed " + std::string(what) + " '" + std::string(text) + "'");
}

// Reads ".fraction" (1-9 digits, more are ignored) into microseconds, truncating.
void ReadFraction(Cursor& c, Civil& out) {
  if (c.Peek() != '.' && c.Peek() != ',') return;
  Cursor probe = c;
  probe.Consume(probe.Peek());
  size_t n = probe.CountDigits();
  if (n == 0) return;
  c = probe;
  int64_t micros = 0;
  for (size_t k = 0; k < n; ++k) {
    int d = c.ReadFixed(1).value_or(0);
    if (k < 6) micros = micros * 10 + d;
  }
  for (size_t k = n; k < 6; ++k) micros *= 10;
  out.micros = micros;
}

// "Z", "+hh:mm", "+hhmm", "+hh" (or '-'); absent means UTC. False on junk.
bool ReadOffset(Cursor& c, Civil& out) {
  if (c.Consume('Z') || c.Consume('z')) return true;
  int sign = 0;
  if (c.Consume('+')) {
    sign = 1;
  } else if (c.Consume('-')) {
    sign = -1;
  } else {
    return c.AtEnd();
  }
  auto hh = c.ReadFixed(2);
  if (!hh || *hh > 23) return false;
  int mm = 0;
  if (c.Consume(':')) {
    auto m = c.ReadFixed(2);
    if (!m) return false;
    mm = *m;
  } else if (c.CountDigits() == 2) {
    mm = *c.ReadFixed(2);
  }
  if (mm > 59) return false;
  out.offset_seconds = sign * (*hh * 3600 + mm * 60);
  return true;
}

// W3C-DTF / RFC 3339: YYYY[-MM[-DD[(T| )hh:mm[:ss[.f]][offset]]]].
// `allow_space` admits the date/time separator users type on a command line.
Result<Timestamp> ParseIsoLike(std::string_view text, bool allow_space) {
  std::string_view trimmed = TrimAsciiSpace(text);
  Cursor c(trimmed);
  Civil civil;
  auto year = c.ReadFixed(4);
  if (!year) return Malformed("date", text);
  civil.year = *year;
  if (c.Consume('-')) {
    auto month = c.ReadFixed(2);
    if (!month) return Malformed("date", text);
    civil.month = static_cast<unsigned>(*month);
    if (c.Consume('-')) {
      auto day = c.ReadFixed(2);
      if (!day) return Malformed("date", text);
      civil.day = static_cast<unsigned>(*day);
      bool has_time = c.Consume('T') || c.Consume('t') || (allow_space && c.Consume(' '));
      if (has_time) {
        auto hour = c.ReadFixed(2);
        if (!hour || !c.Consume(':')) return Malformed("time", text);
        auto minute = c.ReadFixed(2);
        if (!minute) return Malformed("time", text);
        civil.hour = *hour;
        civil.minute = *minute;
        if (c.Consume(':')) {
          auto second = c.ReadFixed(2);
          if (!second) return Malformed("time", text);
          civil.second = *second;
          ReadFraction(c, civil);
        }
        if (!ReadOffset(c, civil)) return Malformed("time zone offset", text);
      }
    }
  }
  if (!c.AtEnd()) return Malformed("date-time", text);
  Result<Timestamp> t = ToTimestamp(civil);
  if (!t.ok()) return t.status().WithContext("'" + std::string(text) + "'");
  return t;
}

// "2025", "202502", ..., "20250204101112": the start of that period (pywb's
// timestamp prefix convention).
Result<Timestamp> ParseCdxDigits(std::string_view text) {
  if (text.size() < 4 || text.size() > 14 || text.size() % 2 != 0) {
    return Status::InvalidArgument("a CDX timestamp has 4, 6, 8, 10, 12 or 14 digits, not '" +
                                   std::string(text) + "'");
  }
  Cursor c(text);
  Civil civil;
  civil.year = *c.ReadFixed(4);
  if (!c.AtEnd()) civil.month = static_cast<unsigned>(*c.ReadFixed(2));
  if (!c.AtEnd()) civil.day = static_cast<unsigned>(*c.ReadFixed(2));
  if (!c.AtEnd()) civil.hour = *c.ReadFixed(2);
  if (!c.AtEnd()) civil.minute = *c.ReadFixed(2);
  if (!c.AtEnd()) civil.second = *c.ReadFixed(2);
  Result<Timestamp> t = ToTimestamp(civil);
  if (!t.ok()) return t.status().WithContext("'" + std::string(text) + "'");
  return t;
}

std::optional<unsigned> MonthFromName(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return std::nullopt;
  for (size_t i = 0; i < kMonths.size(); ++i) {
    // Full names ("November") appear in the wild; the first three letters decide.
    if (EqualsIgnoreCase(name.substr(0, 3), kMonths[i])) return static_cast<unsigned>(i + 1);
  }
  return std::nullopt;
}

bool ReadClock(Cursor& c, Civil& civil) {
  auto hh = c.ReadFixed(2);
  if (!hh || !c.Consume(':')) return false;
  auto mm = c.ReadFixed(2);
  if (!mm || !c.Consume(':')) return false;
  auto ss = c.ReadFixed(2);
  if (!ss) return false;
  civil.hour = *hh;
  civil.minute = *mm;
  civil.second = *ss;
  return true;
}

// "GMT" is what RFC 9110 requires; "UTC", "UT", "Z" and numeric offsets are
// tolerated because servers send them.
bool ReadHttpZone(Cursor& c, Civil& civil) {
  c.SkipSpaces();
  if (c.AtEnd()) return true;
  if (c.ConsumeIgnoreCase("GMT") || c.ConsumeIgnoreCase("UTC") || c.ConsumeIgnoreCase("UT")) {
    c.SkipSpaces();
    return c.AtEnd();
  }
  if (c.Peek() == '+' || c.Peek() == '-' || c.Peek() == 'Z') {
    if (!ReadOffset(c, civil)) return false;
    c.SkipSpaces();
    return c.AtEnd();
  }
  return false;
}

}  // namespace

int64_t ToMicros(Timestamp t) { return t.time_since_epoch().count(); }

Timestamp FromMicros(int64_t micros) { return Timestamp(microseconds(micros)); }

std::string FormatWarcDate(Timestamp t) {
  Broken b = Split(t);
  char buf[40];
  std::snprintf(
      buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%06dZ", static_cast<int>(b.ymd.year()),
      static_cast<unsigned>(b.ymd.month()), static_cast<unsigned>(b.ymd.day()),
      static_cast<int>(b.hms.hours().count()), static_cast<int>(b.hms.minutes().count()),
      static_cast<int>(b.hms.seconds().count()), static_cast<int>(b.hms.subseconds().count()));
  return buf;
}

std::string FormatIsoSeconds(Timestamp t) {
  Broken b = Split(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(b.ymd.year()),
                static_cast<unsigned>(b.ymd.month()), static_cast<unsigned>(b.ymd.day()),
                static_cast<int>(b.hms.hours().count()), static_cast<int>(b.hms.minutes().count()),
                static_cast<int>(b.hms.seconds().count()));
  return buf;
}

std::string Format14Digit(Timestamp t) {
  Broken b = Split(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u%02d%02d%02d", static_cast<int>(b.ymd.year()),
                static_cast<unsigned>(b.ymd.month()), static_cast<unsigned>(b.ymd.day()),
                static_cast<int>(b.hms.hours().count()), static_cast<int>(b.hms.minutes().count()),
                static_cast<int>(b.hms.seconds().count()));
  return buf;
}

Result<Timestamp> ParseTimeArgument(std::string_view text) {
  std::string_view trimmed = TrimAsciiSpace(text);
  if (trimmed.empty()) return Status::InvalidArgument("empty time argument");
  bool all_digits = true;
  for (char ch : trimmed) all_digits = all_digits && IsAsciiDigit(ch);
  if (all_digits) return ParseCdxDigits(trimmed);
  return ParseIsoLike(trimmed, /*allow_space=*/true);
}

Result<Timestamp> ParseIso8601(std::string_view text) {
  return ParseIsoLike(text, /*allow_space=*/true);
}

Result<Timestamp> ParseHttpDate(std::string_view text) {
  std::string_view trimmed = TrimAsciiSpace(text);
  Cursor c(trimmed);
  Civil civil;
  // The weekday is redundant and often wrong in the wild; it is not checked.
  std::string_view weekday = c.ReadAlpha();
  if (weekday.empty()) return Malformed("HTTP date", text);
  if (c.Consume(',')) {
    // IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT" or
    // RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT".
    c.SkipSpaces();
    auto day = c.ReadRange(1, 2);
    if (!day) return Malformed("HTTP date", text);
    bool rfc850 = c.Consume('-');
    if (!rfc850) c.SkipSpaces();
    auto month = MonthFromName(c.ReadAlpha());
    if (!month) return Malformed("HTTP date", text);
    if (rfc850) {
      if (!c.Consume('-')) return Malformed("HTTP date", text);
    } else {
      c.SkipSpaces();
    }
    size_t digits = c.CountDigits();
    if (digits == 2) {
      // RFC 9110 §5.6.7 leaves two-digit years to the recipient; like RFC 6265
      // §5.1.1 we read 70-99 as 19xx and 00-69 as 20xx.
      int yy = *c.ReadFixed(2);
      civil.year = yy < 70 ? 2000 + yy : 1900 + yy;
    } else if (digits == 4) {
      civil.year = *c.ReadFixed(4);
    } else {
      return Malformed("HTTP date", text);
    }
    civil.day = static_cast<unsigned>(*day);
    civil.month = *month;
    c.SkipSpaces();
    if (!ReadClock(c, civil) || !ReadHttpZone(c, civil)) return Malformed("HTTP date", text);
  } else {
    // asctime "Sun Nov  6 08:49:37 1994".
    c.SkipSpaces();
    auto month = MonthFromName(c.ReadAlpha());
    c.SkipSpaces();
    auto day = c.ReadRange(1, 2);
    if (!month || !day) return Malformed("HTTP date", text);
    c.SkipSpaces();
    if (!ReadClock(c, civil)) return Malformed("HTTP date", text);
    c.SkipSpaces();
    auto year = c.ReadFixed(4);
    if (!year || !ReadHttpZone(c, civil)) return Malformed("HTTP date", text);
    civil.year = *year;
    civil.month = *month;
    civil.day = static_cast<unsigned>(*day);
  }
  Result<Timestamp> t = ToTimestamp(civil);
  if (!t.ok()) return t.status().WithContext("'" + std::string(text) + "'");
  return t;
}

}  // namespace newsvault::core
