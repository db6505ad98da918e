#include "parser/text_util.h"

#include <cstdint>

#include "parser/utf8.h"

namespace newsvault::parser {
namespace {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool IsSpaceCodePoint(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
  return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000 || cp == 0xFEFF || cp == 0x1680 || cp == 0x2028 || cp == 0x2029;
}

void AppendCollapsed(std::string& out, std::string_view text, bool& pending_space) {
  size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    if (static_cast<uint8_t>(c) < 0x80) {
      ++pos;
      if (IsAsciiSpace(c)) {
        pending_space = true;
        continue;
      }
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.push_back(c);
      continue;
    }
    const size_t start = pos;
    const char32_t cp = DecodeUtf8(text, pos);
    if (IsSpaceCodePoint(cp)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.append(text.substr(start, pos - start));
  }
}

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending = false;
  AppendCollapsed(out, text, pending);
  return out;
}

std::string_view TrimSpace(std::string_view text) {
  // Leading.
  size_t pos = 0;
  while (pos < text.size()) {
    size_t next = pos;
    if (!IsSpaceCodePoint(DecodeUtf8(text, next))) break;
    pos = next;
  }
  text.remove_prefix(pos);
  // Trailing: step back over ASCII spaces and the multi-byte spaces we know.
  while (!text.empty()) {
    if (IsAsciiSpace(text.back())) {
      text.remove_suffix(1);
      continue;
    }
    size_t start = text.size();
    while (start > 0 && (static_cast<uint8_t>(text[start - 1]) & 0xC0) == 0x80 &&
           text.size() - start < 3) {
      --start;
    }
    if (start == 0) break;
    --start;
    size_t probe = start;
    if (IsSpaceCodePoint(DecodeUtf8(text, probe)) && probe == text.size()) {
      text.remove_suffix(text.size() - start);
      continue;
    }
    break;
  }
  return text;
}

std::string ToLowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

char32_t ToLowerCodePoint(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;    // Latin-1
  if (cp >= 0x100 && cp <= 0x137 && cp % 2 == 0) return cp + 1;  // Latin Extended-A pairs
  if (cp >= 0x139 && cp <= 0x148 && cp % 2 == 1) return cp + 1;
  if (cp >= 0x14A && cp <= 0x177 && cp % 2 == 0) return cp + 1;
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;  // Greek
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;                 // Cyrillic А..Я
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;                 // Ѐ..Џ (Ё, Є, І, Ї)
  return cp;
}

std::string ToLowerSimple(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    if (static_cast<uint8_t>(text[pos]) < 0x80) {
      out.push_back(LowerAscii(text[pos++]));
      continue;
    }
    const size_t start = pos;
    const char32_t cp = DecodeUtf8(text, pos);
    const char32_t lower = ToLowerCodePoint(cp);
    if (lower == cp) {
      out.append(text.substr(start, pos - start));
    } else {
      AppendUtf8(out, lower);
    }
  }
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

bool EndsWithIgnoreCase(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         EqualsIgnoreCase(text.substr(text.size() - suffix.size()), suffix);
}

size_t FindIgnoreCase(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return 0;
  if (needle.size() > haystack.size()) return std::string_view::npos;
  const char first = LowerAscii(needle[0]);
  for (size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    if (LowerAscii(haystack[i]) == first &&
        EqualsIgnoreCase(haystack.substr(i, needle.size()), needle)) {
      return i;
    }
  }
  return std::string_view::npos;
}

size_t CountTextChars(std::string_view text) {
  size_t count = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    if (static_cast<uint8_t>(c) < 0x80) {
      ++pos;
      if (!IsAsciiSpace(c)) ++count;
      continue;
    }
    if (!IsSpaceCodePoint(DecodeUtf8(text, pos))) ++count;
  }
  return count;
}

size_t CountCommas(std::string_view text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ',') {
      ++count;
    } else if (text.compare(i, 3, "\xEF\xBC\x8C") == 0 ||  // U+FF0C fullwidth comma
               text.compare(i, 3, "\xE3\x80\x81") == 0) {  // U+3001 ideographic comma
      ++count;
      i += 2;
    } else if (text.compare(i, 2, "\xD8\x8C") == 0) {  // U+060C Arabic comma
      ++count;
      ++i;
    }
  }
  return count;
}

int CountWords(std::string_view text) {
  int words = 0;
  bool in_word = false;
  size_t pos = 0;
  while (pos < text.size()) {
    const bool space = static_cast<uint8_t>(text[pos]) < 0x80
                           ? IsAsciiSpace(text[pos++])
                           : IsSpaceCodePoint(DecodeUtf8(text, pos));
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

std::vector<std::string> SplitAndTrim(std::string_view text, std::string_view separators) {
  std::vector<std::string> pieces;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find_first_of(separators, start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view piece = TrimSpace(text.substr(start, end - start));
    if (!piece.empty()) pieces.emplace_back(piece);
    start = end + 1;
  }
  return pieces;
}

std::string NormalizeForCompare(std::string_view text) {
  std::string out = CollapseWhitespace(text);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

void AppendHtmlEscaped(std::string& out, std::string_view text, bool attribute) {
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        if (attribute) {
          out += "&quot;";
          break;
        }
        out.push_back(c);
        break;
      default:
        out.push_back(c);
    }
  }
}

}  // namespace newsvault::parser
