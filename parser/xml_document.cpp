// The libxml2 adapter: the only feed/sitemap file that includes libxml2.
#include "parser/xml_document.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

#include <climits>
#include <mutex>
#include <utility>

#include "parser/xml_references.h"

namespace newsvault::parser {
namespace {

std::string_view View(const xmlChar* text) {
  return text == nullptr ? std::string_view()
                         : std::string_view(reinterpret_cast<const char*>(text));
}

std::string_view TrimXmlSpace(std::string_view s) {
  // XML 1.0 §2.3 S: space, tab, CR, LF.
  constexpr std::string_view kSpace = " \t\r\n";
  const size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

// Per-parse state, reached from libxml2's callbacks via ctxt->_private.
struct ParseState {
  std::vector<std::string>* errors;
  size_t* error_count;
  std::string* stop_reason;
  size_t nodes = 0;  // elements, attributes, namespace declarations, CDATA blocks
};

ParseState* StateOf(void* user_data) {
  // SAX2 passes the parser context as user data; our state hangs off _private.
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user_data);
  return ctxt == nullptr ? nullptr : static_cast<ParseState*>(ctxt->_private);
}

void Stop(void* user_data, ParseState& state, std::string reason) {
  if (!state.stop_reason->empty()) return;
  *state.stop_reason = std::move(reason);
  xmlStopParser(static_cast<xmlParserCtxtPtr>(user_data));
}

#if LIBXML_VERSION >= 21200
using ErrorArg = const xmlError*;
#else
using ErrorArg = xmlErrorPtr;
#endif

void CollectError(void* user_data, ErrorArg error) {
  ParseState* state = StateOf(user_data);
  if (state == nullptr || error == nullptr) return;
  ++*state->error_count;
  // Recovery makes every bad byte an error, each costing libxml2 a formatted
  // record: 50 MB of '&' would take many seconds without a budget.
  if (*state->error_count >= kMaxXmlErrorsBeforeStop) {
    Stop(user_data, *state, "more than " + std::to_string(kMaxXmlErrorsBeforeStop) + " XML errors");
  }
  if (state->errors->size() >= kMaxXmlErrors) return;
  std::string text = "line " + std::to_string(error->line) + ": ";
  text += TrimXmlSpace(error->message != nullptr ? std::string_view(error->message) : "error");
  state->errors->push_back(std::move(text));
}

// Counts tree nodes as libxml2 builds them: tiny elements or attributes
// cost ~100 bytes of tree per few bytes of input.
void CountNodes(void* user_data, size_t nodes) {
  ParseState* state = StateOf(user_data);
  if (state == nullptr) return;
  state->nodes += nodes;
  if (state->nodes > kMaxXmlNodes) {
    Stop(user_data, *state, "more than " + std::to_string(kMaxXmlNodes) + " XML nodes");
  }
}

void StartElement(void* ctx, const xmlChar* local_name, const xmlChar* prefix, const xmlChar* uri,
                  int nb_namespaces, const xmlChar** namespaces, int nb_attributes,
                  int nb_defaulted, const xmlChar** attributes) {
  xmlSAX2StartElementNs(ctx, local_name, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                        nb_defaulted, attributes);
  CountNodes(ctx, 1 + static_cast<size_t>(nb_namespaces) + static_cast<size_t>(nb_attributes));
}

void CdataBlock(void* ctx, const xmlChar* value, int len) {
  xmlSAX2CDataBlock(ctx, value, len);
  CountNodes(ctx, 1);
}

// Some libxml2 paths print through the per-thread generic handler rather
// than the context's; silence it during a parse and restore it afterwards,
// so other libxml2 users on this thread keep theirs.
void DropGenericError(void* /*ctx*/, const char* /*msg*/, ...) {}

class GenericErrorSilencer {
 public:
  GenericErrorSilencer() : saved_func_(xmlGenericError), saved_ctx_(xmlGenericErrorContext) {
    xmlSetGenericErrorFunc(nullptr, DropGenericError);
  }
  ~GenericErrorSilencer() { xmlSetGenericErrorFunc(saved_ctx_, saved_func_); }
  GenericErrorSilencer(const GenericErrorSilencer&) = delete;
  GenericErrorSilencer& operator=(const GenericErrorSilencer&) = delete;

 private:
  xmlGenericErrorFunc saved_func_;
  void* saved_ctx_;
};

// Entity declarations are dropped as the parser meets them. We never
// substitute entities, so a declaration could only cost us: libxml2 still
// walks declared entities to check them, and on an entity bomb it stops the
// whole parse ("entity reference loop"), losing the honest items too.
// Undeclared references are a recoverable error instead.
void IgnoreEntityDecl(void* /*ctx*/, const xmlChar* /*name*/, int /*type*/,
                      const xmlChar* /*public_id*/, const xmlChar* /*system_id*/,
                      xmlChar* /*content*/) {}

struct CtxtDeleter {
  void operator()(xmlParserCtxtPtr ctxt) const { xmlFreeParserCtxt(ctxt); }
};

// Options, and why: RECOVER tolerates sloppy feeds; NONET forbids network
// loads; NOERROR/NOWARNING keep libxml2 off stderr (errors are collected);
// COMPACT saves memory on big sitemaps. Deliberately absent: NOENT (entity
// substitution: billion laughs, XXE), DTDLOAD/DTDATTR/DTDVALID (external
// DTDs), HUGE (lifts libxml2's own depth and text-size limits), XINCLUDE.
constexpr int kParseOptions = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                              XML_PARSE_NOWARNING | XML_PARSE_COMPACT;

bool NamespaceIs(const xmlNs* ns, std::string_view uri) {
  return ns == nullptr ? uri.empty() : View(ns->href) == uri;
}

// Appends the text and CDATA nodes of a node list; entity references are
// skipped (their content is never looked up).
void AppendTextNodes(const xmlNode* node, std::string& out) {
  for (; node != nullptr; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      out += View(node->content);
    }
  }
}

}  // namespace

void NoteOddity(std::vector<std::string>& oddities, std::string oddity) {
  if (oddities.size() < kMaxOddities) {
    oddities.push_back(std::move(oddity));
  } else if (oddities.size() == kMaxOddities) {
    oddities.emplace_back("further oddities dropped");
  }
}

void NoteXmlProblems(const XmlDocument& document, std::string_view what,
                     std::vector<std::string>& oddities) {
  if (document.truncated()) {
    NoteOddity(oddities, std::string(what) + " longer than " + std::to_string(kMaxXmlInputBytes) +
                             " bytes; cut there");
  }
  for (const std::string& error : document.errors()) {
    NoteOddity(oddities, "XML error, recovered: " + error);
  }
  if (document.error_count() > document.errors().size()) {
    NoteOddity(oddities, std::to_string(document.error_count() - document.errors().size()) +
                             " more XML errors");
  }
  if (!document.stop_reason().empty()) {
    NoteOddity(oddities,
               "stopped reading the " + std::string(what) + ": " + document.stop_reason());
  }
}

std::string QuoteForOddity(std::string_view text) {
  constexpr size_t kMaxQuotedBytes = 120;
  if (text.size() <= kMaxQuotedBytes) return "'" + std::string(text) + "'";
  size_t cut = kMaxQuotedBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return "'" + std::string(text.substr(0, cut)) + "...'";
}

std::string_view XmlElement::local_name() const {
  std::string_view name = View(node_->name);
  if (node_->ns == nullptr) {
    const size_t colon = name.find(':');
    if (colon != std::string_view::npos) name.remove_prefix(colon + 1);
  }
  return name;
}

std::string_view XmlElement::namespace_uri() const {
  return node_->ns == nullptr ? std::string_view() : View(node_->ns->href);
}

bool XmlElement::Is(std::string_view namespace_uri, std::string_view local_name) const {
  return NamespaceIs(node_->ns, namespace_uri) && this->local_name() == local_name;
}

std::optional<std::string> XmlElement::Attribute(std::string_view local_name,
                                                 std::string_view namespace_uri) const {
  for (const xmlAttr* attr = node_->properties; attr != nullptr; attr = attr->next) {
    if (View(attr->name) != local_name || !NamespaceIs(attr->ns, namespace_uri)) continue;
    std::string value;
    AppendTextNodes(attr->children, value);
    return value;
  }
  return std::nullopt;
}

std::vector<XmlElement> XmlElement::Children() const {
  std::vector<XmlElement> out;
  for (const xmlNode* child = node_->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE) out.push_back(XmlElement(child));
  }
  return out;
}

std::optional<XmlElement> XmlElement::FirstChild(std::string_view namespace_uri,
                                                 std::string_view local_name) const {
  for (const xmlNode* child = node_->children; child != nullptr; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    XmlElement element(child);
    if (element.Is(namespace_uri, local_name)) return element;
  }
  return std::nullopt;
}

namespace {

// Pre-order walk over the element descendants of `top`, without recursion
// (depth costs no stack). `visit` returns whether to enter the element.
template <typename Visit>
void WalkElements(const xmlNode* top, Visit visit) {
  const xmlNode* node = top->children;
  while (node != nullptr) {
    if (node->type == XML_ELEMENT_NODE && visit(node) && node->children != nullptr) {
      node = node->children;
      continue;
    }
    while (node != nullptr && node->next == nullptr) {
      node = node->parent;
      if (node == top) node = nullptr;
    }
    if (node != nullptr) node = node->next;
  }
}

}  // namespace

std::vector<XmlElement> XmlElement::Descendants(std::string_view namespace_uri,
                                                std::string_view local_name) const {
  std::vector<XmlElement> out;
  WalkElements(node_, [&](const xmlNode* node) {
    XmlElement element(node);
    if (element.Is(namespace_uri, local_name)) out.push_back(element);
    return true;
  });
  return out;
}

std::optional<XmlElement> XmlElement::FirstDescendant(std::string_view namespace_uri,
                                                      std::string_view local_name,
                                                      std::string_view fence_local_name) const {
  std::optional<XmlElement> found;
  WalkElements(node_, [&](const xmlNode* node) {
    if (found) return false;
    XmlElement element(node);
    if (element.Is(namespace_uri, local_name)) {
      found = element;
      return false;
    }
    return element.local_name() != fence_local_name;
  });
  return found;
}

std::string XmlElement::Text() const {
  // Iterative pre-order walk of elements (entity reference nodes are not
  // entered), so depth costs no stack.
  std::string out;
  const xmlNode* node = node_->children;
  while (node != nullptr) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      out += View(node->content);
    } else if (node->type == XML_ELEMENT_NODE && node->children != nullptr) {
      node = node->children;
      continue;
    }
    while (node != nullptr && node->next == nullptr) {
      node = node->parent;
      if (node == node_) node = nullptr;
    }
    if (node != nullptr) node = node->next;
  }
  return std::string(TrimXmlSpace(out));
}

void XmlDocument::DocDeleter::operator()(_xmlDoc* doc) const { xmlFreeDoc(doc); }

XmlDocument::XmlDocument(XmlDocument&&) noexcept = default;
XmlDocument& XmlDocument::operator=(XmlDocument&&) noexcept = default;
XmlDocument::~XmlDocument() = default;

XmlDocument XmlDocument::Parse(std::string_view xml, std::string_view base_url) {
  // xmlInitParser must run once before threads parse concurrently.
  static std::once_flag init_once;
  std::call_once(init_once, [] { xmlInitParser(); });

  XmlDocument document;
  if (xml.size() > kMaxXmlInputBytes) {
    document.truncated_ = true;
    xml = xml.substr(0, kMaxXmlInputBytes);
  }
  // UTF-16 (a BOM, or a NUL among the first bytes) is not byte-compatible
  // with the reference repair; libxml2 parses it as it is.
  const bool utf16 = xml.starts_with("\xFF\xFE") || xml.starts_with("\xFE\xFF") ||
                     xml.substr(0, 4).find('\0') != std::string_view::npos;
  RepairedXml repaired;
  if (!utf16) {
    repaired = RepairXmlReferences(xml, kMaxXmlErrors, kMaxXmlInputBytes);
    document.truncated_ = document.truncated_ || repaired.truncated;
    document.errors_ = std::move(repaired.notes);
    document.error_count_ = repaired.changes;
    xml = repaired.xml;
  }
  static_assert(kMaxXmlInputBytes <= INT_MAX, "libxml2 takes the input size as an int");
  std::unique_ptr<xmlParserCtxt, CtxtDeleter> ctxt(xmlNewParserCtxt());
  if (!ctxt) {
    document.errors_.emplace_back("libxml2 could not allocate a parser");
    document.error_count_ = 1;
    return document;
  }
  ParseState state{&document.errors_, &document.error_count_, &document.stop_reason_};
  ctxt->_private = &state;
  ctxt->sax->serror = CollectError;
  ctxt->sax->entityDecl = IgnoreEntityDecl;
  ctxt->sax->startElementNs = StartElement;
  ctxt->sax->cdataBlock = CdataBlock;
  // Comments and processing instructions are never read: not building them
  // keeps "<!---->" x millions from costing a node each.
  ctxt->sax->comment = nullptr;
  ctxt->sax->processingInstruction = nullptr;
  const std::string url(base_url);
  GenericErrorSilencer silencer;
  document.doc_.reset(xmlCtxtReadMemory(ctxt.get(), xml.data(), static_cast<int>(xml.size()),
                                        url.empty() ? nullptr : url.c_str(), nullptr,
                                        kParseOptions));
  ctxt->_private = nullptr;
  if (!document.doc_ && document.errors_.empty()) {
    document.errors_.emplace_back("libxml2 could not parse the document");
    document.error_count_ = 1;
  }
  return document;
}

std::optional<XmlElement> XmlDocument::root() const {
  if (!doc_) return std::nullopt;
  const xmlNode* root = xmlDocGetRootElement(doc_.get());
  if (root == nullptr) return std::nullopt;
  return XmlElement(root);
}

}  // namespace newsvault::parser
