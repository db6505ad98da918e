#include "parser/raw_text_end.h"

#include <cstring>

#include "core/ascii.h"
#include "parser/html_tag_scanner.h"

namespace newsvault::parser {
namespace {

// True when html[pos..] is "</" + `name` (any case) followed by whitespace,
// '/' or '>': an appropriate end tag (§13.2.5.11 and friends). At the end of
// input the tag name state sees EOF instead, which is not an end tag.
bool IsEndTagOf(std::string_view html, size_t pos, std::string_view name) {
  if (pos + 2 + name.size() >= html.size()) return false;
  if (html[pos] != '<' || html[pos + 1] != '/') return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (core::AsciiLower(html[pos + 2 + i]) != name[i]) return false;
  }
  const char next = html[pos + 2 + name.size()];
  return IsHtmlSpace(next) || next == '/' || next == '>';
}

// True when html[pos..] is "<script" (any case) followed by whitespace, '/'
// or '>' (§13.2.5.26 script data double escape start).
bool IsScriptStartTag(std::string_view html, size_t pos) {
  static constexpr std::string_view kName = "script";
  if (pos + 1 + kName.size() >= html.size() || html[pos] != '<') return false;
  for (size_t i = 0; i < kName.size(); ++i) {
    if (core::AsciiLower(html[pos + 1 + i]) != kName[i]) return false;
  }
  const char next = html[pos + 1 + kName.size()];
  return IsHtmlSpace(next) || next == '/' || next == '>';
}

size_t NextLessThan(std::string_view html, size_t pos) {
  if (pos >= html.size()) return html.size();
  const void* hit = std::memchr(html.data() + pos, '<', html.size() - pos);
  return hit == nullptr ? html.size()
                        : static_cast<size_t>(static_cast<const char*>(hit) - html.data());
}

}  // namespace

size_t FindRawTextEnd(std::string_view html, size_t begin, std::string_view name) {
  for (size_t pos = NextLessThan(html, begin); pos < html.size();
       pos = NextLessThan(html, pos + 1)) {
    if (IsEndTagOf(html, pos, name)) return pos;
  }
  return html.size();
}

size_t FindScriptDataEnd(std::string_view html, size_t begin) {
  static constexpr std::string_view kScript = "script";
  // Script data (§13.2.5.4): only "</script" ends it, and "<!--" escapes.
  size_t pos = NextLessThan(html, begin);
  while (pos < html.size()) {
    if (IsEndTagOf(html, pos, kScript)) return pos;
    if (html.compare(pos, 4, "<!--") != 0) {
      pos = NextLessThan(html, pos + 1);
      continue;
    }
    // Escaped (§13.2.5.20–25). "<!--" left us in "escaped dash dash", so a
    // '>' right away ("<!-->") already returns to plain script data.
    pos += 4;
    bool double_escaped = false;
    size_t dashes = 2;
    bool back_to_data = false;
    while (pos < html.size() && !back_to_data) {
      const char c = html[pos];
      if (c == '-') {
        ++dashes;
        ++pos;
        continue;
      }
      if (c == '>' && dashes >= 2) {
        back_to_data = true;  // "-->" ends the escape (escaped dash dash state)
        ++pos;
        break;
      }
      dashes = 0;
      if (c == '<') {
        if (!double_escaped && IsEndTagOf(html, pos, kScript)) return pos;
        if (!double_escaped && IsScriptStartTag(html, pos)) {
          double_escaped = true;  // §13.2.5.26
          pos += 1 + kScript.size();
          continue;
        }
        if (double_escaped && IsEndTagOf(html, pos, kScript)) {
          double_escaped = false;  // §13.2.5.29: back to escaped, not the end
          pos += 2 + kScript.size();
          continue;
        }
      }
      ++pos;
    }
    if (back_to_data) pos = NextLessThan(html, pos);
  }
  return html.size();
}

}  // namespace newsvault::parser
