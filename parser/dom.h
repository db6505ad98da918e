// Document: a compact, read-only HTML tree that the extraction stages walk.
//
// Built once from Gumbo's output (gumbo_document.cpp, the only Gumbo user),
// it holds nodes in document (pre-order) order in one vector, so a parent's
// index is always smaller than its children's: stages aggregate bottom-up by
// iterating indices backwards and walk top-down without recursion, which keeps
// deeply nested input from exhausting the stack. Strings live in one arena
// owned by the Document; tag and attribute names are lowercase.
//
// Thread safety: immutable after construction; safe to share between threads.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsvault::parser {

using NodeId = uint32_t;
inline constexpr NodeId kNoNode = UINT32_MAX;

enum class NodeKind : uint8_t { kDocument, kElement, kText };

class Document {
 public:
  struct Node {
    NodeKind kind = NodeKind::kDocument;
    NodeId parent = kNoNode;
    NodeId first_child = kNoNode;
    NodeId next_sibling = kNoNode;
    uint32_t depth = 0;
    uint32_t str_offset = 0;  // element: tag name; text: the text
    uint32_t str_length = 0;
    uint32_t attr_begin = 0;  // range in the attribute table
    uint32_t attr_end = 0;
    uint8_t flags = 0;  // kBlockFlag, kNonRenderingFlag for elements
  };
  static constexpr uint8_t kBlockFlag = 1;
  static constexpr uint8_t kNonRenderingFlag = 2;
  struct Attribute {
    uint32_t name_offset, name_length, value_offset, value_length;
  };

  NodeId root() const { return 0; }
  size_t size() const { return nodes_.size(); }
  const Node& node(NodeId id) const { return nodes_[id]; }

  bool IsElement(NodeId id) const { return nodes_[id].kind == NodeKind::kElement; }
  bool IsText(NodeId id) const { return nodes_[id].kind == NodeKind::kText; }
  // Lowercase tag name of an element, empty for other nodes.
  std::string_view Tag(NodeId id) const;
  bool IsTag(NodeId id, std::string_view tag) const { return IsElement(id) && Tag(id) == tag; }
  bool IsBlock(NodeId id) const { return (nodes_[id].flags & kBlockFlag) != 0; }
  bool IsNonRendering(NodeId id) const { return (nodes_[id].flags & kNonRenderingFlag) != 0; }
  // Text of a text node, empty for other nodes.
  std::string_view TextOf(NodeId id) const;

  // Attribute value, or empty when absent. `name` must be lowercase.
  std::string_view Attr(NodeId id, std::string_view name) const;
  bool HasAttr(NodeId id, std::string_view name) const;
  // Number of attributes of an element, and the i-th (name, value) in source
  // order: for adapters that copy the tree (xpath_document.h).
  size_t AttrCount(NodeId id) const { return nodes_[id].attr_end - nodes_[id].attr_begin; }
  std::pair<std::string_view, std::string_view> AttrAt(NodeId id, size_t i) const {
    const Attribute& a = attributes_[nodes_[id].attr_begin + i];
    return {Str(a.name_offset, a.name_length), Str(a.value_offset, a.value_length)};
  }
  // Lowercased "class id" of an element, the input to vocabulary hints.
  std::string ClassAndId(NodeId id) const;

  // Collapsed text of the subtree, skipping elements that never render text
  // (script, style, template...). Stops after roughly `max_bytes` bytes.
  std::string Text(NodeId id, size_t max_bytes = SIZE_MAX) const;

  // Pre-order successor of `id` inside the subtree of `scope`, or kNoNode.
  // With `skip_children`, the walk does not descend into `id`.
  NodeId Next(NodeId id, NodeId scope, bool skip_children = false) const;
  // True when `ancestor` is `id` or one of its ancestors.
  bool IsAncestorOrSelf(NodeId ancestor, NodeId id) const;
  // Nearest common ancestor of two nodes.
  NodeId CommonAncestor(NodeId a, NodeId b) const;
  // Nearest ancestor (or self) with tag `tag` not above `limit` (kNoNode: no limit).
  NodeId ClosestTag(NodeId id, std::string_view tag, NodeId limit = kNoNode) const;
  // Number of element children.
  size_t ElementChildCount(NodeId id) const;

  // Walks the subtree of `scope` in document order without recursion.
  // `enter(id)` is called on arrival and returns whether to descend into the
  // children; `leave(id)` is called once the node (and its subtree) is done.
  template <typename Enter, typename Leave>
  void Walk(NodeId scope, Enter&& enter, Leave&& leave) const {
    NodeId cur = scope;
    for (;;) {
      if (enter(cur) && nodes_[cur].first_child != kNoNode) {
        cur = nodes_[cur].first_child;
        continue;
      }
      for (;;) {
        leave(cur);
        if (cur == scope) return;
        if (nodes_[cur].next_sibling != kNoNode) {
          cur = nodes_[cur].next_sibling;
          break;
        }
        cur = nodes_[cur].parent;
      }
    }
  }

  // Tags whose content never renders as text.
  static bool IsNonRenderingTag(std::string_view tag);
  // Block-level tags: they start a new line (and, for text, a new block).
  static bool IsBlockTag(std::string_view tag);

 private:
  friend class DocumentBuilder;
  std::string_view Str(uint32_t offset, uint32_t length) const {
    return std::string_view(strings_).substr(offset, length);
  }

  std::vector<Node> nodes_;
  std::vector<Attribute> attributes_;
  std::string strings_;
};

// Builds a Document node by node in pre-order. Used by the Gumbo adapter and
// by tests that need a tree without HTML parsing.
class DocumentBuilder {
 public:
  DocumentBuilder();
  // Appends an element or text node as the last child of `parent`.
  NodeId AddElement(NodeId parent, std::string_view tag);
  void AddAttribute(NodeId element, std::string_view name, std::string_view value);
  NodeId AddText(NodeId parent, std::string_view text);
  Document Finish() &&;

 private:
  NodeId Append(NodeId parent, NodeKind kind, std::string_view str);
  uint32_t Store(std::string_view str);

  Document doc_;
  std::vector<NodeId> last_child_;
};

}  // namespace newsvault::parser
