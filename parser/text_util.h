// Small text helpers shared by the extraction stages: whitespace collapsing
// (Unicode spaces included), ASCII case folding, counting, HTML escaping.
//
// All functions take and return UTF-8 and never fail on malformed input
// (invalid bytes count as one character each).
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsvault::parser {

// True for the code points we treat as white space between words: ASCII
// spaces, NBSP, the U+2000..U+200A spaces, U+202F, U+205F, U+3000, and the
// zero-width U+200B/U+FEFF (they only ever separate or decorate words).
bool IsSpaceCodePoint(char32_t cp);

// Appends `text` to `out` with runs of white space collapsed to one ASCII
// space. `pending_space` carries a trailing space across calls, so inline
// fragments can be streamed; no space is emitted at the start of `out`.
void AppendCollapsed(std::string& out, std::string_view text, bool& pending_space);

// `text` with white space collapsed and trimmed.
std::string CollapseWhitespace(std::string_view text);

// Trims ASCII and Unicode white space at both ends.
std::string_view TrimSpace(std::string_view text);

std::string ToLowerAscii(std::string_view text);
// Lowercase for the scripts bylines and dates are written in: ASCII,
// Latin-1, Latin Extended-A, Greek and Cyrillic (simple case mapping).
char32_t ToLowerCodePoint(char32_t cp);
std::string ToLowerSimple(std::string_view text);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix);
bool EndsWithIgnoreCase(std::string_view text, std::string_view suffix);
// Position of `needle` in `haystack` ignoring ASCII case, or npos.
size_t FindIgnoreCase(std::string_view haystack, std::string_view needle);

// Number of code points that are not white space (our unit of "text length":
// independent of markup indentation and of the script's bytes per letter).
size_t CountTextChars(std::string_view text);
// Commas of Latin, CJK and Arabic scripts: a sign of running prose.
size_t CountCommas(std::string_view text);
// Whitespace-separated words.
int CountWords(std::string_view text);

// Splits on any character of `separators`, trimming pieces and dropping empty ones.
std::vector<std::string> SplitAndTrim(std::string_view text, std::string_view separators);

// Lowercases ASCII and folds white space, for comparing titles and names.
std::string NormalizeForCompare(std::string_view text);

// Escapes &, <, > (and " when `attribute`) for HTML output.
void AppendHtmlEscaped(std::string& out, std::string_view text, bool attribute);

}  // namespace newsvault::parser
