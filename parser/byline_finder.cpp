#include "parser/byline_finder.h"

#include "parser/author_names.h"

namespace newsvault::parser {
namespace {

bool Usable(const Document& doc, const std::vector<NodeStats>& stats,
            const std::vector<uint8_t>& chrome, NodeId id) {
  return !chrome[id] && !stats[id].invisible && stats[id].chars > 0 &&
         stats[id].chars <= kMaxBylineTextChars && !doc.IsNonRendering(id);
}

}  // namespace

Byline FindByline(const Document& doc, const std::vector<NodeStats>& stats,
                  const PageSignals& signals, NodeId scope, const std::vector<uint8_t>& chrome) {
  // In-scope candidates first, then the others, each in document order.
  std::vector<NodeId> ordered;
  for (const bool want_in_scope : {true, false}) {
    for (const NodeId id : signals.bylines) {
      const bool in_scope = scope != kNoNode && doc.IsAncestorOrSelf(scope, id);
      if (in_scope == want_in_scope && Usable(doc, stats, chrome, id)) ordered.push_back(id);
    }
  }
  Byline byline;
  for (size_t i = 0; i < ordered.size(); ++i) {
    const NodeId id = ordered[i];
    std::vector<std::string> names = ParseAuthorNames(doc.Text(id));
    if (names.empty()) continue;
    byline.names = std::move(names);
    byline.nodes.push_back(id);
    // Siblings that are candidates too: more names of the same byline.
    const NodeId parent = doc.node(id).parent;
    for (size_t j = i + 1; j < ordered.size(); ++j) {
      const NodeId other = ordered[j];
      if (doc.node(other).parent != parent || doc.IsAncestorOrSelf(id, other)) continue;
      MergeNames(byline.names, ParseAuthorNames(doc.Text(other)));
      byline.nodes.push_back(other);
    }
    break;
  }
  return byline;
}

}  // namespace newsvault::parser
