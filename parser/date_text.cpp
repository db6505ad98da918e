// FindDateInText (declared in date_parser.h): dates in running text.
//
// The text is cut into tokens (numbers, words, single punctuation marks, and
// each CJK character on its own); a small set of token patterns covers the
// orders languages write dates in. Month names are a table (date_words.cpp);
// adding a language is adding its names.
#include <cstdint>
#include <string>
#include <vector>

#include "parser/date_parser.h"
#include "parser/date_words.h"
#include "parser/text_util.h"
#include "parser/utf8.h"

namespace newsvault::parser {
namespace {

// Running text is searched only this far: dates worth reading sit in short
// datelines, and a cap keeps a hostile value from costing more.
constexpr size_t kMaxScanBytes = 4096;

enum class Kind : uint8_t { kNumber, kWord, kPunct };

struct Token {
  Kind kind;
  std::string text;  // lowercase for words
  int value = 0;     // numbers
  size_t digits = 0;
  size_t begin = 0;  // byte offsets in the text
  size_t end = 0;
};

bool IsCjk(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
         (cp >= 0x3040 && cp <= 0x30FF);
}

bool IsLetter(char32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
         (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && !IsSpaceCodePoint(cp) &&
          !(cp >= 0x2000 && cp <= 0x206F) && !(cp >= 0x3000 && cp <= 0x303F) &&
          !(cp >= 0xFF00 && cp <= 0xFF0F));
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    const char32_t cp = DecodeUtf8(text, pos);
    if (cp >= '0' && cp <= '9') {
      Token t{Kind::kNumber, {}, 0, 0, start};
      size_t p = start;
      while (p < text.size() && text[p] >= '0' && text[p] <= '9' && t.digits < 9) {
        t.value = t.value * 10 + (text[p] - '0');
        ++t.digits;
        ++p;
      }
      pos = p;
      t.end = pos;
      tokens.push_back(std::move(t));
    } else if (IsCjk(cp)) {
      tokens.push_back(
          Token{Kind::kWord, std::string(text.substr(start, pos - start)), 0, 0, start, pos});
    } else if (IsLetter(cp)) {
      Token t{Kind::kWord, {}, 0, 0, start};
      AppendUtf8(t.text, ToLowerCodePoint(cp));
      size_t p = pos;
      while (p < text.size()) {
        size_t next = p;
        const char32_t c = DecodeUtf8(text, next);
        if (!IsLetter(c) || IsCjk(c)) break;
        AppendUtf8(t.text, ToLowerCodePoint(c));
        p = next;
      }
      pos = p;
      t.end = pos;
      tokens.push_back(std::move(t));
    } else if (!IsSpaceCodePoint(cp)) {
      tokens.push_back(
          Token{Kind::kPunct, std::string(text.substr(start, pos - start)), 0, 0, start, pos});
    }
  }
  return tokens;
}

class Matcher {
 public:
  Matcher(const std::vector<Token>& tokens, DateOrder order) : t_(tokens), order_(order) {}

  // Tries every pattern at token `i`; on success fills `date` and `end_`.
  bool DateAt(size_t i, ParsedDate& date) {
    return NumericYmd(i, date) || NumericDmy(i, date) || DayMonthYear(i, date) ||
           MonthDayYear(i, date) || CjkYmd(i, date) || VietnameseDmy(i, date);
  }
  size_t end() const { return end_; }

  // A time right after the date (optionally after fillers), then a zone.
  // Returns the index of the first token after what was read.
  size_t TimeAfter(size_t i, ParsedDate& date) {
    const size_t date_end = i;
    for (int skipped = 0; i < t_.size() && skipped < 3; ++skipped) {
      if (Punct(i, ",") || Punct(i, "-") || Punct(i, "|") || Punct(i, "(") || Punct(i, "@") ||
          Punct(i, "–") || Punct(i, "/") || Filler(i)) {
        ++i;
        continue;
      }
      break;
    }
    if (!(Number(i, 1, 2) && Punct(i + 1, ":") && Number(i + 2, 2, 2))) return date_end;
    int hour = t_[i].value;
    const int minute = t_[i + 2].value;
    i += 3;
    int second = 0;
    if (Punct(i, ":") && Number(i + 1, 2, 2)) {
      second = t_[i + 1].value;
      i += 2;
    }
    if (Word(i, "pm") || (Word(i, "p") && Punct(i + 1, ".") && Word(i + 2, "m"))) {
      if (hour < 12) hour += 12;
      i += Word(i, "pm") ? 1u : 3u;
      if (Punct(i, ".")) ++i;
    } else if (Word(i, "am") || (Word(i, "a") && Punct(i + 1, ".") && Word(i + 2, "m"))) {
      if (hour == 12) hour = 0;
      i += Word(i, "am") ? 1u : 3u;
      if (Punct(i, ".")) ++i;
    }
    if (hour > 23 || minute > 59 || second > 59) return date_end;
    date.has_time = true;
    date.hour = hour;
    date.minute = minute;
    date.second = second;
    const size_t after_time = i;
    if (Punct(i, "(")) ++i;
    if ((Word(i, "gmt") || Word(i, "utc")) && (Punct(i + 1, "+") || Punct(i + 1, "-")) &&
        Number(i + 2, 1, 4)) {
      const int raw = t_[i + 2].value;
      const int minutes = t_[i + 2].digits > 2 ? (raw / 100) * 60 + raw % 100 : raw * 60;
      if (minutes <= 14 * 60) {
        date.zone = ParsedDate::Zone::kOffset;
        date.offset_minutes = Punct(i + 1, "-") ? -minutes : minutes;
        return i + 3;
      }
    } else if (Word(i, "gmt") || Word(i, "utc")) {
      date.zone = ParsedDate::Zone::kUtc;
      return i + 1;
    }
    return after_time;
  }

 private:
  bool Number(size_t i, size_t min_digits, size_t max_digits) const {
    return i < t_.size() && t_[i].kind == Kind::kNumber && t_[i].digits >= min_digits &&
           t_[i].digits <= max_digits;
  }
  bool Punct(size_t i, std::string_view p) const {
    return i < t_.size() && t_[i].kind == Kind::kPunct && t_[i].text == p;
  }
  bool Word(size_t i, std::string_view w) const {
    return i < t_.size() && t_[i].kind == Kind::kWord && t_[i].text == w;
  }
  bool Filler(size_t i) const {
    return i < t_.size() && t_[i].kind == Kind::kWord && IsDateFillerWord(t_[i].text);
  }
  int Month(size_t i) const {
    if (i >= t_.size() || t_[i].kind != Kind::kWord) return 0;
    return MonthFromWord(t_[i].text);
  }
  bool Set(ParsedDate& d, int year, int month, int day, size_t end) {
    if (year < kMinPlausibleYear || year > kMaxParsedYear || month < 1 || month > 12 || day < 1 ||
        day > DaysInMonth(year, month)) {
      return false;
    }
    d = ParsedDate{};
    d.year = year;
    d.month = month;
    d.day = day;
    end_ = end;
    return true;
  }
  bool DateSep(size_t i) const { return Punct(i, "/") || Punct(i, ".") || Punct(i, "-"); }

  // 2025-02-04, 2025/02/04, 2025.02.04
  bool NumericYmd(size_t i, ParsedDate& d) {
    if (!(Number(i, 4, 4) && DateSep(i + 1) && Number(i + 2, 1, 2) &&
          Punct(i + 3, t_[i + 1].text) && Number(i + 4, 1, 2))) {
      return false;
    }
    return Set(d, t_[i].value, t_[i + 2].value, t_[i + 4].value, i + 5);
  }
  // 04/02/2025, 4.2.2025 (day-first or month-first; a part over 12 settles it)
  bool NumericDmy(size_t i, ParsedDate& d) {
    if (!(Number(i, 1, 2) && DateSep(i + 1) && Number(i + 2, 1, 2) &&
          Punct(i + 3, t_[i + 1].text) && Number(i + 4, 4, 4))) {
      return false;
    }
    const int a = t_[i].value;
    const int b = t_[i + 2].value;
    const bool month_first = a <= 12 && (b > 12 || order_ == DateOrder::kMonthFirst);
    return month_first ? Set(d, t_[i + 4].value, a, b, i + 5)
                       : Set(d, t_[i + 4].value, b, a, i + 5);
  }
  // 4 February 2025, 4. Februar 2025, 4 de febrero de 2025, 4th Feb, 2025
  bool DayMonthYear(size_t i, ParsedDate& d) {
    if (!Number(i, 1, 2)) return false;
    size_t j = i + 1;
    if (Punct(j, ".")) ++j;
    if (j < t_.size() && t_[j].kind == Kind::kWord && IsOrdinalSuffix(t_[j].text)) ++j;
    if (Filler(j)) ++j;
    const int month = Month(j);
    if (month == 0) return false;
    ++j;
    if (Punct(j, ".")) ++j;
    if (Punct(j, ",") || Filler(j)) ++j;
    if (!Number(j, 4, 4)) return false;
    return Set(d, t_[j].value, month, t_[i].value, j + 1);
  }
  // February 4, 2025; Feb. 4th 2025
  bool MonthDayYear(size_t i, ParsedDate& d) {
    const int month = Month(i);
    if (month == 0) return false;
    size_t j = i + 1;
    if (Punct(j, ".")) ++j;
    if (!Number(j, 1, 2)) return false;
    const int day = t_[j].value;
    ++j;
    if (j < t_.size() && t_[j].kind == Kind::kWord && IsOrdinalSuffix(t_[j].text)) ++j;
    if (Punct(j, ",")) ++j;
    if (!Number(j, 4, 4)) return false;
    return Set(d, t_[j].value, month, day, j + 1);
  }
  // 2025年2月4日, 2025년 2월 4일
  bool CjkYmd(size_t i, ParsedDate& d) {
    if (!(Number(i, 4, 4) && (Word(i + 1, "年") || Word(i + 1, "년")) && Number(i + 2, 1, 2) &&
          (Word(i + 3, "月") || Word(i + 3, "월")) && Number(i + 4, 1, 2) &&
          (Word(i + 5, "日") || Word(i + 5, "일")))) {
      return false;
    }
    return Set(d, t_[i].value, t_[i + 2].value, t_[i + 4].value, i + 6);
  }
  // 4 tháng 2 năm 2025, 4 tháng 2, 2025
  bool VietnameseDmy(size_t i, ParsedDate& d) {
    if (!(Number(i, 1, 2) && Word(i + 1, "tháng") && Number(i + 2, 1, 2))) return false;
    size_t j = i + 3;
    if (Punct(j, ",") || Word(j, "năm")) ++j;
    if (!Number(j, 4, 4)) return false;
    return Set(d, t_[j].value, t_[i + 2].value, t_[i].value, j + 1);
  }

  const std::vector<Token>& t_;
  DateOrder order_;
  size_t end_ = 0;
};

}  // namespace

std::optional<DateMatch> FindDateMatch(std::string_view text, DateOrder order) {
  const std::vector<Token> tokens = Tokenize(text.substr(0, kMaxScanBytes));
  Matcher matcher(tokens, order);
  for (size_t i = 0; i < tokens.size(); ++i) {
    DateMatch match;
    if (!matcher.DateAt(i, match.date)) continue;
    const size_t next = matcher.TimeAfter(matcher.end(), match.date);
    match.begin = tokens[i].begin;
    match.end = tokens[next - 1].end;
    return match;
  }
  return std::nullopt;
}

std::optional<ParsedDate> FindDateInText(std::string_view text, DateOrder order) {
  auto match = FindDateMatch(text, order);
  if (!match) return std::nullopt;
  return match->date;
}

}  // namespace newsvault::parser
