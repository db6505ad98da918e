#include "parser/byline_finder.h"

#include "parser/author_names.h"

namespace newsvault::parser {
namespace {

bool Usable(const Document& doc, const std::vector<NodeStats>& stats,
            const std::vector<uint8_t>& chrome, NodeId id) {
  return !chrome[id] && !stats[id].invisible && stats[id].chars > 0 &&
         stats[id].chars <= kMaxBylineTextChars && !doc.IsNonRendering(id);
}

// A byline block often holds its parts as candidates of their own (the
// name in <a rel=author> or .author-name, the role or place in another
// element): the block's whole text would glue them ("Jane Doe Rio de
// Janeiro"), so it defers to an inner candidate that yields a name.
// Candidates are in document order within each group, so the descendants of
// ordered[i] follow it contiguously.
bool HoldsNamingCandidate(const Document& doc, const std::vector<NodeId>& ordered,
                          const std::vector<std::vector<std::string>>& names, size_t i) {
  for (size_t j = i + 1; j < ordered.size() && doc.IsAncestorOrSelf(ordered[i], ordered[j]); ++j) {
    if (!names[j].empty()) return true;
  }
  return false;
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
  std::vector<std::vector<std::string>> names(ordered.size());
  for (size_t i = 0; i < ordered.size(); ++i) names[i] = ParseAuthorNames(doc.Text(ordered[i]));
  Byline byline;
  for (size_t i = 0; i < ordered.size(); ++i) {
    const NodeId id = ordered[i];
    if (names[i].empty() || HoldsNamingCandidate(doc, ordered, names, i)) continue;
    byline.names = std::move(names[i]);
    byline.nodes.push_back(id);
    // The blocks that deferred to it are the same byline: the body drops them too.
    for (size_t k = 0; k < i; ++k) {
      if (doc.IsAncestorOrSelf(ordered[k], id)) byline.nodes.push_back(ordered[k]);
    }
    // Siblings that are candidates of the same kind (same class): more names
    // of the same byline. Differently named parts are the role or the place.
    const NodeId parent = doc.node(id).parent;
    for (size_t j = i + 1; j < ordered.size(); ++j) {
      const NodeId other = ordered[j];
      if (doc.node(other).parent != parent || doc.IsAncestorOrSelf(id, other) ||
          doc.Attr(other, "class") != doc.Attr(id, "class")) {
        continue;
      }
      MergeNames(byline.names, names[j]);
      byline.nodes.push_back(other);
    }
    break;
  }
  return byline;
}

}  // namespace newsvault::parser
