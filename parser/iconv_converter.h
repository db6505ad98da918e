// ConvertToUtf8: the iconv adapter (glibc), converting bytes in a legacy
// encoding to UTF-8 without ever failing on bad input.
//
// Thread safety: reentrant; each call opens its own conversion descriptor.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsvault::parser {

struct ConvertedText {
  std::string utf8;
  int replaced = 0;  // invalid or truncated sequences, each now U+FFFD
};

// Converts `bytes` from `iconv_name` to UTF-8. Invalid sequences become
// U+FFFD (one per offending byte) and are counted. Returns nullopt only when
// iconv does not know the encoding.
std::optional<ConvertedText> ConvertToUtf8(std::string_view bytes, std::string_view iconv_name);

}  // namespace newsvault::parser
