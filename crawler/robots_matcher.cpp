#include "crawler/robots_matcher.h"

#include "core/ascii.h"

namespace newsvault::crawler {
namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";

// RFC 3986 §2.3.
bool IsUnreserved(unsigned char c) {
  return core::IsAsciiAlpha(static_cast<char>(c)) || core::IsAsciiDigit(static_cast<char>(c)) ||
         c == '-' || c == '.' || c == '_' || c == '~';
}

void AppendEncoded(unsigned char c, std::string* out) {
  out->push_back('%');
  out->push_back(kHexDigits[c >> 4]);
  out->push_back(kHexDigits[c & 0x0F]);
}

enum class Side { kPath, kPattern };

std::string Normalize(std::string_view in, Side side) {
  std::string out;
  out.reserve(in.size() + 8);
  for (size_t i = 0; i < in.size(); ++i) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (c == '%') {
      if (i + 2 < in.size() && core::IsAsciiHexDigit(in[i + 1]) &&
          core::IsAsciiHexDigit(in[i + 2])) {
        const auto value = static_cast<unsigned char>(core::HexDigitValue(in[i + 1]) * 16 +
                                                      core::HexDigitValue(in[i + 2]));
        i += 2;
        if (IsUnreserved(value)) {
          out.push_back(static_cast<char>(value));
        } else {
          AppendEncoded(value, &out);
        }
      } else {
        AppendEncoded(c, &out);  // a stray '%' is itself
      }
      continue;
    }
    if (c <= 0x20 || c >= 0x7F) {
      AppendEncoded(c, &out);
      continue;
    }
    if (c == '*' && side == Side::kPath) {
      AppendEncoded(c, &out);
      continue;
    }
    if (c == '$' && (side == Side::kPath || i + 1 != in.size())) {
      AppendEncoded(c, &out);
      continue;
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

}  // namespace

std::string NormalizeRobotsPath(std::string_view path) { return Normalize(path, Side::kPath); }

std::string NormalizeRobotsPattern(std::string_view pattern) {
  return Normalize(pattern, Side::kPattern);
}

bool RobotsPatternMatches(std::string_view pattern, std::string_view path) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // Glob matching that backtracks only to the most recent '*': once the text
  // before a star has matched, any later match can be found by growing that
  // star alone, so no earlier choice needs revisiting (linear memory, no stack).
  constexpr size_t kNoStar = std::string_view::npos;
  size_t p = 0;
  size_t s = 0;
  size_t star = kNoStar;
  size_t star_s = 0;
  while (true) {
    if (p == pattern.size()) {
      // Without '$' a match of the whole pattern against a prefix is enough.
      if (!anchored || s == path.size()) return true;
    } else if (pattern[p] == '*') {
      star = p++;
      star_s = s;
      continue;
    } else if (s < path.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
      continue;
    }
    if (star == kNoStar || star_s >= path.size()) return false;
    p = star + 1;
    s = ++star_s;
  }
}

std::string RobotsPathOf(std::string_view url_or_path) {
  std::string_view rest = url_or_path;
  if (rest.empty() || rest.front() != '/') {
    const size_t scheme_end = rest.find("://");
    const size_t first_delim = rest.find_first_of("/?#");
    if (scheme_end != std::string_view::npos && scheme_end < first_delim) {
      rest.remove_prefix(scheme_end + 3);
      const size_t authority_end = rest.find_first_of("/?#");
      rest =
          authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
    }
  }
  const size_t hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  std::string path(rest);
  if (path.empty() || path.front() != '/') path.insert(path.begin(), '/');
  return path;
}

}  // namespace newsvault::crawler
