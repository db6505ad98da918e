// Where the text content of a raw-text element ends, found as the HTML
// tokenizer finds it (WHATWG HTML §13.2.5.2–13.2.5.29).
//
// - RAWTEXT (style, xmp, iframe, noembed, noframes) and RCDATA (title,
//   textarea) end at the first "appropriate end tag": "</" + the element's
//   name in any case, followed by whitespace, '/' or '>'. "</stylex>" does
//   not end a <style>; "</STYLE >" does.
// - Script data adds the escaped states: after "<!--", a "<script" enters the
//   double-escaped state, where "</script>" does NOT end the script until a
//   "-->" or a "</script" has left it again (§13.2.5.20–13.2.5.29).
//
// The pre-Gumbo pass (nesting_limiter.h) skips and elides these bodies by the
// offsets found here, so they must agree with Gumbo byte for byte.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>

namespace newsvault::parser {

// Offset of the "</" of the end tag that closes the RAWTEXT or RCDATA element
// `name` (lower case) whose content starts at `begin`, or html.size() when the
// input ends first (the rest of the document is then that element's text).
size_t FindRawTextEnd(std::string_view html, size_t begin, std::string_view name);

// The same for a <script> whose content starts at `begin`.
size_t FindScriptDataEnd(std::string_view html, size_t begin);

}  // namespace newsvault::parser
