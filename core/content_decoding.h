// Content-Encoding decoding (gzip, x-gzip, deflate, br, identity) with a cap.
//
// The archive keeps encoded bytes; the parser reads a decoded copy made here.
// The cap defends against decompression bombs: output past `max_output_bytes`
// is cut and reported, never expanded.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace newsvault::core {

struct DecodedContent {
  std::string bytes;
  bool truncated = false;  // output hit max_output_bytes, or the input was cut off
};

// Decodes `body` per the Content-Encoding header value (a comma-separated list,
// applied in order, so decoded in reverse). Empty or "identity" returns the body.
// Errors: Corruption("broken gzip data: ...") for undecodable input,
// Unsupported for an unknown coding.
Result<DecodedContent> DecodeContent(std::string_view body, std::string_view content_encoding,
                                     size_t max_output_bytes = 64u << 20);

}  // namespace newsvault::core
