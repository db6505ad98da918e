// NodeStats: per-node text measures every body stage reads (text length,
// link text, commas, and the text a block holds itself), computed for the
// whole document in two linear passes.
//
// Lengths count code points that are not white space, so markup indentation
// and the bytes-per-letter of a script do not matter. Text that never renders
// (script, style, hidden elements) counts nowhere.
//
// Thread safety: pure function; the result is a plain value.
#pragma once

#include <cstdint>
#include <vector>

#include "parser/dom.h"

namespace newsvault::parser {

struct NodeStats {
  uint32_t chars = 0;       // text in the subtree
  uint32_t link_chars = 0;  // of which inside <a href>
  uint32_t commas = 0;
  uint32_t own_chars = 0;  // block elements: text not inside a nested block
  uint32_t own_commas = 0;
  bool invisible = false;  // never rendered: non-rendering tag, `hidden`, display:none

  double LinkDensity() const {
    return chars == 0 ? 0.0 : static_cast<double>(link_chars) / static_cast<double>(chars);
  }
};

std::vector<NodeStats> ComputeNodeStats(const Document& doc);

// True for an element hidden from readers by markup (hidden attribute,
// inline display:none / visibility:hidden, screen-reader-only classes).
bool IsHiddenElement(const Document& doc, NodeId id);

}  // namespace newsvault::parser
