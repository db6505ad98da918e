// ScanTag: finds where an HTML start or end tag ends, the way the HTML
// tokenizer does (WHATWG HTML §13.2.5.8–13.2.5.40: tag name, attribute name
// and value states, self-closing start tag), without building tokens.
//
// Why exact: the pre-Gumbo pass (nesting_limiter.h) drops tags and elides
// script and style bodies by byte offsets; if it read a tag's end differently
// from Gumbo (a '>' inside a quoted value, an attribute that starts with '='),
// it would cut the wrong bytes.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>

namespace newsvault::parser {

struct ScannedTag {
  // One past the tag's '>', or html.size() when the input ends inside the tag
  // (the tokenizer then drops the tag: "eof-in-tag").
  size_t end = 0;
  bool closed = false;        // a '>' ended the tag
  bool self_closing = false;  // "/>" (only meaningful in SVG and MathML)
  // Offset where attribute number `attribute_limit` + 1 starts, or npos when
  // the tag has no more than `attribute_limit` attributes.
  size_t excess_attributes_begin = std::string_view::npos;
  // The first `type` attribute's raw value (as written, character references
  // not decoded); `has_type` tells an absent attribute from an empty one.
  std::string_view type;
  bool has_type = false;
};

// Scans the tag whose name ends at `after_name` (the first byte after the tag
// name: whitespace, '/', '>' or the end of input).
ScannedTag ScanTag(std::string_view html, size_t after_name, size_t attribute_limit);

// HTML whitespace after input preprocessing, which turns CR into LF (§13.2.3.5).
inline bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

}  // namespace newsvault::parser
