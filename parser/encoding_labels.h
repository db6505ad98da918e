// Encoding labels: from the names pages and servers write ("latin1",
// "utf8", "x-sjis", "gb2312") to one canonical encoding, per the WHATWG
// Encoding standard's label table (https://encoding.spec.whatwg.org/#names-and-labels),
// and from that encoding to the name iconv knows it by.
//
// Thread safety: pure functions over constant tables.
#pragma once

#include <string_view>

namespace newsvault::parser {

// The WHATWG encoding name for `label` (trimmed, any case), e.g. "latin1" ->
// "windows-1252", "gb2312" -> "GBK", or empty when the label is unknown.
// Also accepts the names uchardet reports ("WINDOWS-1251", "MAC-CYRILLIC").
std::string_view CanonicalEncoding(std::string_view label);

// The glibc iconv name that decodes the WHATWG encoding `canonical`, chosen
// for the superset browsers actually decode with (Shift_JIS -> CP932,
// GBK -> GB18030, EUC-KR -> CP949, Big5 -> BIG5-HKSCS).
std::string_view IconvName(std::string_view canonical);

}  // namespace newsvault::parser
