// PrescanForCharset: the WHATWG "prescan a byte stream to determine its
// encoding" algorithm (HTML 13.2.3.2), run on the first 1024 bytes of a page
// to find <meta charset="..."> or <meta http-equiv="Content-Type"
// content="text/html; charset=...">.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>

namespace newsvault::parser {

// How far the prescan looks (HTML 13.2.3.2 suggests 1024 bytes).
inline constexpr size_t kPrescanBytes = 1024;

// The WHATWG encoding name the page declares, or empty. Per the spec a
// declared UTF-16 means UTF-8 and x-user-defined means windows-1252.
std::string_view PrescanForCharset(std::string_view bytes);

// The encoding label inside a Content-Type-like value ("text/html;
// charset=utf-8" -> "utf-8"), per the WHATWG "extract a character encoding
// from a meta element" algorithm; empty when none.
std::string_view ExtractCharsetParameter(std::string_view content);

}  // namespace newsvault::parser
