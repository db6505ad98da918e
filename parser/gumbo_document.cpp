#include "parser/gumbo_document.h"

#include <gumbo.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "parser/gumbo_arena.h"
#include "parser/nesting_limiter.h"
#include "parser/text_util.h"

namespace newsvault::parser {
namespace {

std::string_view TagName(const GumboElement& element, std::string& scratch) {
  if (element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(element.tag);
  // Custom elements: take the name from the source text ("<my-widget ...>").
  GumboStringPiece piece = element.original_tag;
  gumbo_tag_from_original_text(&piece);
  scratch = ToLowerAscii(std::string_view(piece.data, piece.length));
  return scratch;
}

const GumboVector* ChildrenOf(const GumboNode* node) {
  switch (node->type) {
    case GUMBO_NODE_DOCUMENT:
      return &node->v.document.children;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
      return &node->v.element.children;
    default:
      return nullptr;
  }
}

// Parses `html` and copies the tree. Returns nullopt when some offset of
// `elided_at` (sorted) does not hold an empty HTML <script> or <style> that
// Gumbo made from that very start tag: then the tree builder did not read
// that body as raw text, and emptying it changed the page.
std::optional<Document> ParseChecked(std::string_view html, const std::vector<size_t>& elided_at) {
  // The whole tree lives in `arena` and goes with it: no gumbo_destroy_output.
  GumboArena arena;
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &GumboArena::Allocate;
  options.deallocator = &GumboArena::Deallocate;
  options.userdata = &arena;
  options.max_errors = 0;  // we never read parse errors; recording them costs time
  const GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());

  DocumentBuilder builder;
  if (!output) {
    if (!elided_at.empty()) return std::nullopt;
    return std::move(builder).Finish();
  }

  size_t confirmed = 0;
  // Iterative pre-order copy: the stack holds (gumbo node, our parent id),
  // children pushed in reverse so they pop in document order.
  std::vector<std::pair<const GumboNode*, NodeId>> stack;
  const GumboVector* top = ChildrenOf(output->document);
  for (unsigned i = top->length; i > 0; --i) {
    stack.emplace_back(static_cast<const GumboNode*>(top->data[i - 1]), 0);
  }
  std::string scratch;
  while (!stack.empty()) {
    const auto [node, parent] = stack.back();
    stack.pop_back();
    switch (node->type) {
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const GumboElement& element = node->v.element;
        if ((element.tag == GUMBO_TAG_SCRIPT || element.tag == GUMBO_TAG_STYLE) &&
            element.tag_namespace == GUMBO_NAMESPACE_HTML && element.children.length == 0 &&
            element.original_tag.length > 0 &&
            std::binary_search(elided_at.begin(), elided_at.end(), element.start_pos.offset)) {
          ++confirmed;
        }
        const NodeId id = builder.AddElement(parent, TagName(element, scratch));
        for (unsigned i = 0; i < element.attributes.length; ++i) {
          const auto* attr = static_cast<const GumboAttribute*>(element.attributes.data[i]);
          builder.AddAttribute(id, ToLowerAscii(attr->name), attr->value);
        }
        for (unsigned i = element.children.length; i > 0; --i) {
          stack.emplace_back(static_cast<const GumboNode*>(element.children.data[i - 1]), id);
        }
        break;
      }
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        builder.AddText(parent, node->v.text.text);
        break;
      default:  // comments and the document node carry no content
        break;
    }
  }
  if (confirmed != elided_at.size()) return std::nullopt;
  return std::move(builder).Finish();
}

}  // namespace

Document ParseHtml(std::string_view html_utf8, const ParseOptions& parse_options) {
  std::string storage;
  std::vector<size_t> elided_at;
  const std::string_view html =
      PrescanForGumbo(html_utf8, storage,
                      {.elide_scripts_and_styles = !parse_options.keep_script_text}, &elided_at);
  if (std::optional<Document> doc = ParseChecked(html, elided_at)) return std::move(*doc);
  // The tree builder was in a mode the prescan does not follow (a select,
  // foreign content, a Gumbo quirk) at some emptied body: parse it whole.
  const std::string_view whole = PrescanForGumbo(html_utf8, storage, {});
  return std::move(*ParseChecked(whole, {}));
}

}  // namespace newsvault::parser
