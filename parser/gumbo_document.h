// ParseHtml: the Gumbo adapter. Parses UTF-8 HTML per the HTML5 tree
// construction rules and copies the tree into our own Document (dom.h), so
// no other file sees Gumbo's C types.
//
// Input is first passed through PrescanForGumbo (nesting_limiter.h) to keep
// Gumbo's cost linear on pathologically nested markup and, unless asked to
// keep them, to empty script (other than JSON-LD) and style bodies, which
// nothing downstream reads and which cost Gumbo more than half its time. Never fails: any byte
// string yields a Document (at worst html/head/body and some text).
//
// Thread safety: reentrant; each call uses its own Gumbo parser.
#pragma once

#include <string_view>

#include "parser/dom.h"

namespace newsvault::parser {

struct ParseOptions {
  // Keep every <script> and <style> body in the Document: for per-site XPath
  // overrides, which may select anything.
  bool keep_script_text = false;
};

Document ParseHtml(std::string_view html_utf8, const ParseOptions& options = {});

}  // namespace newsvault::parser
