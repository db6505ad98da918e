// WriteBody: turns the chosen, cleaned content into the article's body_text
// and body_html (DESIGN §3).
//
// body_html keeps only p, h2-h6, ul/ol/li, blockquote, figure/img/figcaption
// and a, with only href/src/alt attributes (absolute URLs); every other
// element is unwrapped, and loose text in containers becomes a <p>.
// body_text is the text of each block (paragraph, heading, list item, quote
// paragraph) in order, separated by one blank line; captions and alt text
// stay out of it.
//
// Thread safety: pure function.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/url.h"
#include "parser/body_cleaner.h"
#include "parser/dom.h"

namespace newsvault::parser {

struct BodyOutput {
  std::string text;
  std::string html;
  std::vector<std::string> blocks;  // the blocks of `text`
};

BodyOutput WriteBody(const Document& doc, const BodyCleaner& cleaner,
                     const std::vector<NodeId>& parts, const std::optional<core::Url>& base);

}  // namespace newsvault::parser
