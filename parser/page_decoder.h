// DecodePage: from a stored HTTP response to extractable UTF-8 HTML.
//
// Joins the steps a fetched page goes through before extraction: undo
// Content-Encoding (with a size cap), decide whether it is HTML at all (by
// Content-Type, then by sniffing the bytes), and convert its charset.
//
// Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "parser/charset.h"

namespace newsvault::parser {

struct DecodedPage {
  bool is_html = false;         // false for images, PDFs, JSON...: no article is extracted
  DecodedText text;             // set when is_html
  bool body_truncated = false;  // the decoded body hit the cap or the input was cut
};

// `entity_body` is de-chunked but still content-encoded. Errors: Corruption
// when the Content-Encoding cannot be undone (e.g. "broken gzip data").
core::Result<DecodedPage> DecodePage(std::string_view entity_body, std::string_view content_type,
                                     std::string_view content_encoding,
                                     size_t max_decoded_bytes = 64u << 20);

}  // namespace newsvault::parser
