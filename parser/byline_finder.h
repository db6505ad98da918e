// FindByline: the visible byline of the article and the names in it.
//
// Candidates are elements whose rel, itemprop, class or id names an author or
// byline (PageSignals::bylines). Candidates in chrome (comment authors,
// teaser bylines in rails) never count; those inside the article scope come
// before the rest; a candidate must be short (a byline, not an author box
// with a biography). The first candidate that yields names wins (a block
// defers to a candidate inside it that yields names: its name element, not
// the name glued to the role or place), joined by its sibling candidates of
// the same class (<span class=author> pairs).
//
// Thread safety: pure function.
#pragma once

#include <string>
#include <vector>

#include "parser/dom.h"
#include "parser/node_stats.h"
#include "parser/page_signals.h"

namespace newsvault::parser {

// Longest text (non-space characters) a byline element may hold.
inline constexpr uint32_t kMaxBylineTextChars = 150;

struct Byline {
  std::vector<std::string> names;
  std::vector<NodeId> nodes;  // the elements the names came from
};

// `scope` is the article scope (kNoNode: the whole page); `chrome` marks chrome zones.
Byline FindByline(const Document& doc, const std::vector<NodeStats>& stats,
                  const PageSignals& signals, NodeId scope, const std::vector<uint8_t>& chrome);

}  // namespace newsvault::parser
