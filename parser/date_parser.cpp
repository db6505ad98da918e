#include "parser/date_parser.h"

#include <cstdio>

#include "parser/text_util.h"

namespace newsvault::parser {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `count` digits at `pos`.
std::optional<int> ReadDigits(std::string_view s, size_t& pos, size_t count) {
  if (pos + count > s.size()) return std::nullopt;
  int value = 0;
  for (size_t i = 0; i < count; ++i) {
    if (!IsDigit(s[pos + i])) return std::nullopt;
    value = value * 10 + (s[pos + i] - '0');
  }
  pos += count;
  return value;
}

bool ValidDay(int year, int month, int day) {
  return year >= kMinPlausibleYear && year <= kMaxParsedYear && month >= 1 && month <= 12 &&
         day >= 1 && day <= DaysInMonth(year, month);
}

// ISO 8601 / RFC 3339 at the start of `s`: date, optional time, optional zone.
std::optional<ParsedDate> ParseIso(std::string_view s) {
  ParsedDate d;
  size_t pos = 0;
  auto year = ReadDigits(s, pos, 4);
  if (!year) return std::nullopt;
  d.year = *year;
  const bool separated = pos < s.size() && (s[pos] == '-' || s[pos] == '/');
  const char sep = separated ? s[pos] : '\0';
  if (separated) ++pos;
  auto month = ReadDigits(s, pos, 2);
  if (!month) return std::nullopt;
  if (separated) {
    if (pos >= s.size() || s[pos] != sep) return std::nullopt;
    ++pos;
  }
  auto day = ReadDigits(s, pos, 2);
  if (!day || !ValidDay(d.year, *month, *day)) return std::nullopt;
  d.month = *month;
  d.day = *day;
  if (pos < s.size() && IsDigit(s[pos])) return std::nullopt;  // "202502041" is no date
  if (pos + 1 < s.size() && (s[pos] == 'T' || s[pos] == 't' || s[pos] == ' ') &&
      IsDigit(s[pos + 1])) {
    size_t p = pos + 1;
    auto hour = ReadDigits(s, p, 2);
    if (hour && p < s.size() && s[p] == ':') ++p;
    auto minute = hour ? ReadDigits(s, p, 2) : std::nullopt;
    if (hour && minute && *hour < 24 && *minute < 60) {
      d.has_time = true;
      d.hour = *hour;
      d.minute = *minute;
      pos = p;
      if (pos < s.size() && s[pos] == ':') {
        ++pos;
        if (auto second = ReadDigits(s, pos, 2); second && *second < 61) d.second = *second % 60;
      }
      if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        ++pos;
        while (pos < s.size() && IsDigit(s[pos])) ++pos;  // fractions are dropped
      }
    }
  }
  if (!d.has_time) return d;
  std::string_view zone = s.substr(pos);
  if (!zone.empty() && zone[0] == ' ') zone = TrimSpace(zone);
  if (!zone.empty() && (zone[0] == 'Z' || zone[0] == 'z' || StartsWithIgnoreCase(zone, "UTC") ||
                        StartsWithIgnoreCase(zone, "GMT"))) {
    d.zone = ParsedDate::Zone::kUtc;
    const size_t skip = (zone[0] == 'Z' || zone[0] == 'z') ? 1 : 3;
    zone.remove_prefix(skip);
    if (zone.empty() || (zone[0] != '+' && zone[0] != '-')) return d;
  }
  if (!zone.empty() && (zone[0] == '+' || zone[0] == '-')) {
    const int sign = zone[0] == '-' ? -1 : 1;
    size_t p = 1;
    auto oh = ReadDigits(zone, p, 2);
    if (!oh) return d;
    int om = 0;
    if (p < zone.size() && zone[p] == ':') ++p;
    if (auto m = ReadDigits(zone, p, 2)) om = *m;
    if (*oh <= 14 && om < 60) {
      d.zone = ParsedDate::Zone::kOffset;
      d.offset_minutes = sign * (*oh * 60 + om);
    }
  }
  return d;
}

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::optional<ParsedDate> ParseDateValue(std::string_view value, DateOrder order) {
  const std::string_view trimmed = TrimSpace(value);
  if (auto iso = ParseIso(trimmed)) return iso;
  return FindDateInText(trimmed, order);
}

std::optional<ParsedDate> DateFromUrl(std::string_view url) {
  // Only the path: a query's "id=20250204" says nothing about publication.
  const size_t scheme = url.find("://");
  const size_t path_start = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path_start == std::string_view::npos) return std::nullopt;
  std::string_view path = url.substr(path_start);
  path = path.substr(0, path.find_first_of("?#"));
  for (size_t i = 0; i + 8 <= path.size(); ++i) {
    if (path[i] != '/' && path[i] != '-' && path[i] != '_') continue;
    size_t pos = i + 1;
    auto year = ReadDigits(path, pos, 4);
    if (!year || pos >= path.size()) continue;
    ParsedDate d;
    d.year = *year;
    const char sep = path[pos];
    if (sep == '/' || sep == '-' || sep == '_') {
      ++pos;
      auto month = ReadDigits(path, pos, 2);
      if (!month || pos >= path.size() || path[pos] != sep) continue;
      ++pos;
      auto day = ReadDigits(path, pos, 2);
      if (!day || (pos < path.size() && IsDigit(path[pos]))) continue;
      d.month = *month;
      d.day = *day;
    } else {
      auto month = ReadDigits(path, pos, 2);
      auto day = month ? ReadDigits(path, pos, 2) : std::nullopt;
      if (!day || (pos < path.size() && path[pos] != '/' && path[pos] != '-')) continue;
      d.month = *month;
      d.day = *day;
    }
    if (ValidDay(d.year, d.month, d.day)) return d;
  }
  return std::nullopt;
}

std::string FormatRfc3339(const ParsedDate& d) {
  char buf[40];
  if (!d.has_time) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month, d.day, d.hour,
                d.minute, d.second);
  std::string out = buf;
  switch (d.zone) {
    case ParsedDate::Zone::kUtc:
      out += 'Z';
      break;
    case ParsedDate::Zone::kUnknown:
      out += "-00:00";
      break;
    case ParsedDate::Zone::kOffset: {
      const int abs = d.offset_minutes < 0 ? -d.offset_minutes : d.offset_minutes;
      std::snprintf(buf, sizeof buf, "%c%02d:%02d", d.offset_minutes < 0 ? '-' : '+', abs / 60,
                    abs % 60);
      out += buf;
      break;
    }
  }
  return out;
}

bool IsPlausible(const ParsedDate& d, std::chrono::sys_days today) {
  using std::chrono::day;
  using std::chrono::month;
  using std::chrono::year;
  if (d.year < kMinPlausibleYear) return false;
  const std::chrono::year_month_day ymd{year{d.year}, month{static_cast<unsigned>(d.month)},
                                        day{static_cast<unsigned>(d.day)}};
  if (!ymd.ok()) return false;
  return std::chrono::sys_days{ymd} <= today + std::chrono::days{1};
}

DateOrder DateOrderForLanguage(std::string_view lang) {
  const std::string tag = ToLowerAscii(lang);
  // US English (and English with no region, as most US sites write it) and
  // the few other month-first locales.
  if (tag == "en" || tag == "en-us" || tag == "en_us" || tag.starts_with("fil") || tag == "en-ph" ||
      tag == "en_ph") {
    return DateOrder::kMonthFirst;
  }
  return DateOrder::kDayFirst;
}

}  // namespace newsvault::parser
