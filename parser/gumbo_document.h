// ParseHtml: the Gumbo adapter. Parses UTF-8 HTML per the HTML5 tree
// construction rules and copies the tree into our own Document (dom.h), so
// no other file sees Gumbo's C types.
//
// Input is first passed through LimitNesting (nesting_limiter.h) to keep
// Gumbo's cost linear on pathologically nested markup. Never fails: any byte
// string yields a Document (at worst html/head/body and some text).
//
// Thread safety: reentrant; each call uses its own Gumbo parser.
#pragma once

#include <string_view>

#include "parser/dom.h"

namespace newsvault::parser {

Document ParseHtml(std::string_view html_utf8);

}  // namespace newsvault::parser
