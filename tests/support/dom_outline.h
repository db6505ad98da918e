// Helpers that print a parser::Document for tests comparing two parses:
// the script/style elision tests (tests/unit/parser) and the prescan fuzzer
// (tests/fuzz) check that emptying those bodies changes nothing else.
//
// Thread safety: pure functions. Header-only, so the fuzzer (which does not
// link nv_test_support) can use it too.
#pragma once

#include <string>

#include "parser/dom.h"

namespace newsvault::testing {

// The text children of `id`, concatenated.
inline std::string ChildText(const parser::Document& doc, parser::NodeId id) {
  std::string text;
  for (parser::NodeId c = doc.node(id).first_child; c != parser::kNoNode;
       c = doc.node(c).next_sibling) {
    if (doc.IsText(c)) text += doc.TextOf(c);
  }
  return text;
}

// The tree below `id` as text: every element with its attributes, every
// text node, except the text inside <script> and <style>.
inline void OutlineWithoutScriptText(const parser::Document& doc, parser::NodeId id,
                                     std::string& out) {
  for (parser::NodeId c = doc.node(id).first_child; c != parser::kNoNode;
       c = doc.node(c).next_sibling) {
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
    OutlineWithoutScriptText(doc, c, out);
    out += "</>";
  }
}

inline std::string OutlineWithoutScriptText(const parser::Document& doc) {
  std::string out;
  OutlineWithoutScriptText(doc, doc.root(), out);
  return out;
}

}  // namespace newsvault::testing
