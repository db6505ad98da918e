#include "parser/utf8.h"

#include <cstdint>
#include <cstring>

namespace newsvault::parser {
namespace {

// Bounds of the second byte per lead byte (Unicode Table 3-7), which rules out
// overlongs, surrogates and code points past U+10FFFF.
struct LeadInfo {
  int length;  // total sequence length, 0 for an invalid lead byte
  uint8_t second_min;
  uint8_t second_max;
};

LeadInfo Lead(uint8_t b) {
  if (b < 0x80) return {1, 0, 0};
  if (b >= 0xC2 && b <= 0xDF) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};
  if (b >= 0xE1 && b <= 0xEC) return {3, 0x80, 0xBF};
  if (b == 0xED) return {3, 0x80, 0x9F};
  if (b >= 0xEE && b <= 0xEF) return {3, 0x80, 0xBF};
  if (b == 0xF0) return {4, 0x90, 0xBF};
  if (b >= 0xF1 && b <= 0xF3) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};
}

}  // namespace

char32_t DecodeUtf8(std::string_view bytes, size_t& pos) {
  const auto b0 = static_cast<uint8_t>(bytes[pos]);
  const LeadInfo lead = Lead(b0);
  if (lead.length == 1) {
    ++pos;
    return b0;
  }
  if (lead.length == 0) {
    ++pos;
    return kReplacementChar;
  }
  char32_t cp = b0 & (0xFFu >> (lead.length + 1));
  size_t i = pos + 1;
  for (int k = 1; k < lead.length; ++k, ++i) {
    if (i >= bytes.size()) {
      pos = i;
      return kReplacementChar;
    }
    const auto b = static_cast<uint8_t>(bytes[i]);
    const uint8_t lo = k == 1 ? lead.second_min : 0x80;
    const uint8_t hi = k == 1 ? lead.second_max : 0xBF;
    if (b < lo || b > hi) {
      pos = i;  // the offending byte starts the next sequence
      return kReplacementChar;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  pos = i;
  return cp;
}

bool IsValidUtf8(std::string_view bytes) {
  size_t pos = 0;
  while (pos < bytes.size()) {
    // ASCII fast path, eight bytes at a time: most of an HTML page is markup.
    uint64_t word = 0;
    while (pos + sizeof word <= bytes.size()) {
      std::memcpy(&word, bytes.data() + pos, sizeof word);
      if ((word & 0x8080808080808080ULL) != 0) break;
      pos += sizeof word;
    }
    if (pos >= bytes.size()) break;
    if (static_cast<uint8_t>(bytes[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const size_t start = pos;
    if (DecodeUtf8(bytes, pos) == kReplacementChar) {
      // U+FFFD itself is valid (EF BF BD); anything else that yields it is not.
      if (bytes.substr(start, pos - start) != "\xEF\xBF\xBD") return false;
    }
  }
  return true;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacementChar;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

int RepairUtf8(std::string_view bytes, std::string& out) {
  out.reserve(out.size() + bytes.size());
  int replaced = 0;
  size_t pos = 0;
  while (pos < bytes.size()) {
    const size_t start = pos;
    const char32_t cp = DecodeUtf8(bytes, pos);
    if (cp == kReplacementChar && bytes.substr(start, pos - start) != "\xEF\xBF\xBD") {
      AppendUtf8(out, kReplacementChar);
      ++replaced;
    } else {
      out.append(bytes.substr(start, pos - start));
    }
  }
  return replaced;
}

}  // namespace newsvault::parser
