// libFuzzer target: the pre-Gumbo pass must not change the tree (issue 3's
// script and style elision, nesting_limiter.h). For any input, ParseHtml with
// script and style bodies emptied and ParseHtml keeping them must give the
// same elements, attributes and text, apart from the text inside <script>
// and <style>. A difference means the pass read a tag, comment or raw-text
// end differently from Gumbo; the fuzzer aborts on it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "parser/gumbo_document.h"

namespace {

using newsvault::parser::Document;
using newsvault::parser::kNoNode;
using newsvault::parser::NodeId;

void Serialize(const Document& doc, NodeId id, std::string& out) {
  for (NodeId c = doc.node(id).first_child; c != kNoNode; c = doc.node(c).next_sibling) {
    if (doc.IsText(c)) {
      if (!doc.IsTag(id, "script") && !doc.IsTag(id, "style")) {
        out += '"';
        out += doc.TextOf(c);
        out += '"';
      }
      continue;
    }
    if (!doc.IsElement(c)) continue;
    out += '<';
    out += doc.Tag(c);
    for (size_t i = 0; i < doc.AttrCount(c); ++i) {
      const auto [name, value] = doc.AttrAt(c, i);
      out += ' ';
      out += name;
      out += '=';
      out += value;
    }
    out += '>';
    Serialize(doc, c, out);
    out += "</>";
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  std::string elided;
  std::string kept;
  Serialize(newsvault::parser::ParseHtml(html), 0, elided);
  Serialize(newsvault::parser::ParseHtml(html, {.keep_script_text = true}), 0, kept);
  if (elided != kept) {
    std::fprintf(stderr, "prescan changed the tree\n  kept:   %s\n  elided: %s\n", kept.c_str(),
                 elided.c_str());
    std::abort();
  }
  return 0;
}
