// Charset detection and conversion to UTF-8 (DESIGN §2).
//
// Order: byte-order mark, then the HTTP Content-Type charset, then a <meta>
// prescan of the first 1024 bytes (WHATWG "prescan a byte stream"), then
// uchardet detection, then UTF-8. Labels are mapped per the WHATWG Encoding
// standard (e.g. "latin1"/"iso-8859-1" mean windows-1252). Conversion uses
// iconv; invalid sequences become U+FFFD, never an error.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace newsvault::parser {

struct DecodedText {
  std::string utf8;     // valid UTF-8
  std::string charset;  // canonical name used, e.g. "UTF-8", "windows-1251"
  std::string source;   // "bom", "http", "meta", "detected", "default"
  int replaced = 0;     // invalid sequences replaced by U+FFFD
};

// `content_type` is the HTTP Content-Type header value (may be empty).
DecodedText DecodeToUtf8(std::string_view bytes, std::string_view content_type);

}  // namespace newsvault::parser
