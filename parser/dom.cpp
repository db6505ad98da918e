#include "parser/dom.h"

#include "parser/text_util.h"

namespace newsvault::parser {

std::string_view Document::Tag(NodeId id) const {
  const Node& n = nodes_[id];
  return n.kind == NodeKind::kElement ? Str(n.str_offset, n.str_length) : std::string_view();
}

std::string_view Document::TextOf(NodeId id) const {
  const Node& n = nodes_[id];
  return n.kind == NodeKind::kText ? Str(n.str_offset, n.str_length) : std::string_view();
}

std::string_view Document::Attr(NodeId id, std::string_view name) const {
  const Node& n = nodes_[id];
  for (uint32_t i = n.attr_begin; i < n.attr_end; ++i) {
    const Attribute& a = attributes_[i];
    if (Str(a.name_offset, a.name_length) == name) return Str(a.value_offset, a.value_length);
  }
  return {};
}

bool Document::HasAttr(NodeId id, std::string_view name) const {
  const Node& n = nodes_[id];
  for (uint32_t i = n.attr_begin; i < n.attr_end; ++i) {
    const Attribute& a = attributes_[i];
    if (Str(a.name_offset, a.name_length) == name) return true;
  }
  return false;
}

std::string Document::ClassAndId(NodeId id) const {
  std::string out = ToLowerAscii(Attr(id, "class"));
  const std::string_view element_id = Attr(id, "id");
  if (!element_id.empty()) {
    out.push_back(' ');
    out += ToLowerAscii(element_id);
  }
  return out;
}

bool Document::IsNonRenderingTag(std::string_view tag) {
  return tag == "script" || tag == "style" || tag == "noscript" || tag == "template" ||
         tag == "head" || tag == "title" || tag == "svg" || tag == "math" || tag == "iframe" ||
         tag == "object" || tag == "select" || tag == "textarea" || tag == "option";
}

bool Document::IsBlockTag(std::string_view tag) {
  static constexpr std::string_view kBlockTags[] = {
      "address", "article", "aside", "blockquote", "body",    "caption",  "center",     "dd",
      "details", "dialog",  "div",   "dl",         "dt",      "fieldset", "figcaption", "figure",
      "footer",  "form",    "h1",    "h2",         "h3",      "h4",       "h5",         "h6",
      "header",  "hgroup",  "hr",    "html",       "li",      "main",     "menu",       "nav",
      "ol",      "p",       "pre",   "section",    "summary", "table",    "tbody",      "td",
      "tfoot",   "th",      "thead", "tr",         "ul",      "br"};
  for (const std::string_view t : kBlockTags) {
    if (t == tag) return true;
  }
  return false;
}

std::string Document::Text(NodeId id, size_t max_bytes) const {
  std::string out;
  bool pending_space = false;
  Walk(
      id,
      [&](NodeId cur) {
        if (out.size() >= max_bytes) return false;
        const Node& n = nodes_[cur];
        if (n.kind == NodeKind::kText) {
          AppendCollapsed(out, Str(n.str_offset, n.str_length), pending_space);
          return false;
        }
        if (n.kind != NodeKind::kElement) return true;
        if (IsBlock(cur)) pending_space = true;
        return cur == id || !IsNonRendering(cur);
      },
      [&](NodeId cur) {
        if (IsBlock(cur)) pending_space = true;
      });
  return out;
}

NodeId Document::Next(NodeId id, NodeId scope, bool skip_children) const {
  if (!skip_children && nodes_[id].first_child != kNoNode) return nodes_[id].first_child;
  while (id != scope && id != kNoNode) {
    if (nodes_[id].next_sibling != kNoNode) return nodes_[id].next_sibling;
    id = nodes_[id].parent;
  }
  return kNoNode;
}

bool Document::IsAncestorOrSelf(NodeId ancestor, NodeId id) const {
  if (ancestor == kNoNode || id == kNoNode) return false;
  const uint32_t target_depth = nodes_[ancestor].depth;
  while (id != kNoNode && nodes_[id].depth > target_depth) id = nodes_[id].parent;
  return id == ancestor;
}

NodeId Document::CommonAncestor(NodeId a, NodeId b) const {
  if (a == kNoNode) return b;
  if (b == kNoNode) return a;
  while (nodes_[a].depth > nodes_[b].depth) a = nodes_[a].parent;
  while (nodes_[b].depth > nodes_[a].depth) b = nodes_[b].parent;
  while (a != b) {
    a = nodes_[a].parent;
    b = nodes_[b].parent;
  }
  return a;
}

NodeId Document::ClosestTag(NodeId id, std::string_view tag, NodeId limit) const {
  for (; id != kNoNode; id = nodes_[id].parent) {
    if (IsTag(id, tag)) return id;
    if (id == limit) break;
  }
  return kNoNode;
}

size_t Document::ElementChildCount(NodeId id) const {
  size_t count = 0;
  for (NodeId c = nodes_[id].first_child; c != kNoNode; c = nodes_[c].next_sibling) {
    if (nodes_[c].kind == NodeKind::kElement) ++count;
  }
  return count;
}

DocumentBuilder::DocumentBuilder() {
  doc_.nodes_.emplace_back();  // the document node, id 0
  last_child_.push_back(kNoNode);
}

uint32_t DocumentBuilder::Store(std::string_view str) {
  const auto offset = static_cast<uint32_t>(doc_.strings_.size());
  doc_.strings_.append(str);
  return offset;
}

NodeId DocumentBuilder::Append(NodeId parent, NodeKind kind, std::string_view str) {
  const auto id = static_cast<NodeId>(doc_.nodes_.size());
  Document::Node n;
  n.kind = kind;
  n.parent = parent;
  n.depth = doc_.nodes_[parent].depth + 1;
  n.str_offset = Store(str);
  n.str_length = static_cast<uint32_t>(str.size());
  n.attr_begin = n.attr_end = static_cast<uint32_t>(doc_.attributes_.size());
  if (kind == NodeKind::kElement) {
    n.flags =
        static_cast<uint8_t>((Document::IsBlockTag(str) ? Document::kBlockFlag : 0) |
                             (Document::IsNonRenderingTag(str) ? Document::kNonRenderingFlag : 0));
  }
  doc_.nodes_.push_back(n);
  last_child_.push_back(kNoNode);
  if (last_child_[parent] == kNoNode) {
    doc_.nodes_[parent].first_child = id;
  } else {
    doc_.nodes_[last_child_[parent]].next_sibling = id;
  }
  last_child_[parent] = id;
  return id;
}

NodeId DocumentBuilder::AddElement(NodeId parent, std::string_view tag) {
  return Append(parent, NodeKind::kElement, tag);
}

NodeId DocumentBuilder::AddText(NodeId parent, std::string_view text) {
  return Append(parent, NodeKind::kText, text);
}

void DocumentBuilder::AddAttribute(NodeId element, std::string_view name, std::string_view value) {
  // Attributes must be added right after their element, before its children.
  Document::Attribute a{};
  a.name_offset = Store(name);
  a.name_length = static_cast<uint32_t>(name.size());
  a.value_offset = Store(value);
  a.value_length = static_cast<uint32_t>(value.size());
  doc_.attributes_.push_back(a);
  doc_.nodes_[element].attr_end = static_cast<uint32_t>(doc_.attributes_.size());
}

Document DocumentBuilder::Finish() && { return std::move(doc_); }

}  // namespace newsvault::parser
