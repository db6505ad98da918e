// DetectCharset: the uchardet adapter, guessing the encoding of bytes that
// declare none (DESIGN §2: after BOM, HTTP and <meta>, before the UTF-8 default).
//
// Thread safety: reentrant; each call uses its own detector.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsvault::parser {

// How much of a page the detector reads: enough text for a confident guess,
// bounded so a huge page costs no more than a normal one.
inline constexpr size_t kMaxDetectionBytes = 256 * 1024;

// uchardet's name for the encoding (e.g. "WINDOWS-1251"), or empty when it
// cannot tell. The name still has to go through CanonicalEncoding().
std::string DetectCharset(std::string_view bytes);

}  // namespace newsvault::parser
