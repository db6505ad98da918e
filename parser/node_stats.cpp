#include "parser/node_stats.h"

#include <string>

#include "parser/text_util.h"

namespace newsvault::parser {
namespace {

// Class tokens that mean "only for screen readers": text sighted readers never see.
constexpr std::string_view kScreenReaderClasses[] = {"sr-only", "visually-hidden", "visuallyhidden",
                                                     "screen-reader-text"};

}  // namespace

bool IsHiddenElement(const Document& doc, NodeId id) {
  if (doc.HasAttr(id, "hidden")) return true;
  const std::string_view style = doc.Attr(id, "style");
  if (!style.empty()) {
    std::string compact;
    for (const char c : style) {
      if (c != ' ' && c != '\t' && c != '\n') compact.push_back(c);
    }
    compact = ToLowerAscii(compact);
    if (compact.find("display:none") != std::string::npos ||
        compact.find("visibility:hidden") != std::string::npos) {
      return true;
    }
  }
  const std::string_view cls = doc.Attr(id, "class");
  if (!cls.empty()) {
    for (const std::string& token : SplitAndTrim(cls, " \t\n")) {
      for (const std::string_view hidden : kScreenReaderClasses) {
        if (EqualsIgnoreCase(token, hidden)) return true;
      }
    }
  }
  return false;
}

std::vector<NodeStats> ComputeNodeStats(const Document& doc) {
  const size_t n = doc.size();
  std::vector<NodeStats> stats(n);
  std::vector<NodeId> owner_block(n, kNoNode);
  std::vector<uint8_t> in_link(n, 0);
  // Top-down: visibility, the block each node's text belongs to, links.
  // Parents precede children in the node vector (dom.h).
  for (NodeId id = 1; id < n; ++id) {
    const NodeId parent = doc.node(id).parent;
    NodeStats& s = stats[id];
    s.invisible = stats[parent].invisible;
    in_link[id] = in_link[parent];
    owner_block[id] = owner_block[parent];
    if (doc.IsElement(id)) {
      s.invisible = s.invisible || doc.IsNonRendering(id) || IsHiddenElement(doc, id);
      if (doc.IsBlock(id)) owner_block[id] = id;
      if (doc.IsTag(id, "a") && doc.HasAttr(id, "href")) in_link[id] = 1;
      continue;
    }
    if (!doc.IsText(id) || s.invisible) continue;
    const std::string_view text = doc.TextOf(id);
    s.chars = static_cast<uint32_t>(CountTextChars(text));
    if (s.chars == 0) continue;
    s.commas = static_cast<uint32_t>(CountCommas(text));
    if (in_link[id]) s.link_chars = s.chars;
    if (owner_block[id] != kNoNode) {
      stats[owner_block[id]].own_chars += s.chars;
      stats[owner_block[id]].own_commas += s.commas;
    }
  }
  // Bottom-up sums.
  for (NodeId id = static_cast<NodeId>(n); id-- > 1;) {
    NodeStats& parent = stats[doc.node(id).parent];
    parent.chars += stats[id].chars;
    parent.link_chars += stats[id].link_chars;
    parent.commas += stats[id].commas;
  }
  return stats;
}

}  // namespace newsvault::parser
