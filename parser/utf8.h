// UTF-8 primitives: validation, decoding one code point, encoding, repair.
//
// Decoding follows the WHATWG Encoding standard's UTF-8 decoder: a maximal
// invalid subpart becomes one U+FFFD, so counts match what browsers show.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsvault::parser {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates, or > U+10FFFF).
bool IsValidUtf8(std::string_view bytes);

// Decodes the code point at `pos` and advances `pos` past it. An invalid or
// truncated sequence yields kReplacementChar and advances past its maximal
// invalid subpart (at least one byte). REQUIRES: pos < bytes.size().
char32_t DecodeUtf8(std::string_view bytes, size_t& pos);

// Appends the UTF-8 encoding of `cp` (kReplacementChar when not a scalar value).
void AppendUtf8(std::string& out, char32_t cp);

// Copies `bytes` to `out`, replacing each invalid sequence by U+FFFD.
// Returns how many replacements were made. Valid input is copied byte for byte.
int RepairUtf8(std::string_view bytes, std::string& out);

}  // namespace newsvault::parser
