// Response bodies as the parser reads them: the wire bytes of an exchange with
// chunked framing removed (RFC 9112 §7.1) and Content-Encoding undone under a
// size cap, so a gzip bomb is cut, not expanded. The archive keeps the wire
// bytes; these are the parser's copies. Shared by PageArchiver (`newsvault
// archive`) and PageProcessor (`newsvault crawl`).
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>

#include "core/content_decoding.h"
#include "core/http_exchange.h"
#include "core/status.h"
#include "parser/page_decoder.h"

namespace newsvault::crawler {

// The response's entity body (de-chunked when Transfer-Encoding is chunked),
// content-decoded to at most `max_decoded_bytes`. For feeds and sitemaps,
// whose XML declares its own encoding. Errors: those of core::DecodeContent.
core::Result<core::DecodedContent> DecodeEntity(const core::HttpExchange& exchange,
                                                size_t max_decoded_bytes);

// The same, then parser::DecodePage: whether it is HTML and, if so, its text
// converted to UTF-8. Errors: those of parser::DecodePage.
core::Result<parser::DecodedPage> DecodeHtmlPage(const core::HttpExchange& exchange,
                                                 size_t max_decoded_bytes);

}  // namespace newsvault::crawler
