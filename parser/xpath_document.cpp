// The libxml2 XPath adapter: the only file that includes libxml2's XPath API.
#include "parser/xpath_document.h"

#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <cstdint>
#include <mutex>
#include <utility>

namespace newsvault::parser {
namespace {

// Budget of XPath evaluation steps per expression, so a costly expression
// (//*[count(//*) > 0] on a big page) stops with an error instead of
// stalling a crawl worker. An honest override takes a few thousand.
constexpr unsigned long kMaxXPathOps = 50'000'000;

void InitLibxml() {
  // xmlInitParser must run once before threads use libxml2 concurrently.
  static std::once_flag init_once;
  std::call_once(init_once, [] { xmlInitParser(); });
}

const xmlChar* Chars(const std::string& s) { return reinterpret_cast<const xmlChar*>(s.c_str()); }

std::string Take(xmlChar* text) {
  if (text == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(text));
  xmlFree(text);
  return out;
}

// Where libxml2 reports an XPath error: kept, never printed.
struct ErrorSink {
  std::string message;
};

void CollectError(void* user_data, xmlErrorPtr error) {
  auto* sink = static_cast<ErrorSink*>(user_data);
  if (sink == nullptr || error == nullptr || !sink->message.empty()) return;
  std::string message = error->message != nullptr ? error->message : "invalid XPath expression";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  // For compile errors libxml2 puts the offset of the failure in int1.
  if (error->domain == XML_FROM_XPATH && error->str1 != nullptr) {
    message += " at offset " + std::to_string(error->int1);
  }
  sink->message = std::move(message);
}

void DropGenericError(void* /*ctx*/, const char* /*msg*/, ...) {}

// libxml2 reports XPath errors with their message only through the
// per-thread structured handler (a context's own `error` callback gets the
// code alone), and some paths print through the generic one. For the length
// of a call both point here; the previous handlers are restored afterwards,
// so other libxml2 users on this thread keep theirs.
class ErrorCapture {
 public:
  explicit ErrorCapture(ErrorSink* sink)
      : saved_generic_(xmlGenericError),
        saved_generic_ctx_(xmlGenericErrorContext),
        saved_structured_(xmlStructuredError),
        saved_structured_ctx_(xmlStructuredErrorContext) {
    xmlSetGenericErrorFunc(nullptr, DropGenericError);
    xmlSetStructuredErrorFunc(sink, CollectError);
  }
  ~ErrorCapture() {
    xmlSetStructuredErrorFunc(saved_structured_ctx_, saved_structured_);
    xmlSetGenericErrorFunc(saved_generic_ctx_, saved_generic_);
  }
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;

 private:
  xmlGenericErrorFunc saved_generic_;
  void* saved_generic_ctx_;
  xmlStructuredErrorFunc saved_structured_;
  void* saved_structured_ctx_;
};

struct ContextDeleter {
  void operator()(xmlXPathContextPtr ctx) const { xmlXPathFreeContext(ctx); }
};
struct CompDeleter {
  void operator()(xmlXPathCompExprPtr comp) const { xmlXPathFreeCompExpr(comp); }
};
struct ObjectDeleter {
  void operator()(xmlXPathObjectPtr obj) const { xmlXPathFreeObject(obj); }
};
using ContextPtr = std::unique_ptr<xmlXPathContext, ContextDeleter>;

ContextPtr NewContext(xmlDocPtr doc) {
  ContextPtr ctx(xmlXPathNewContext(doc));
  if (ctx != nullptr) ctx->opLimit = kMaxXPathOps;
  return ctx;
}

core::Status XPathError(std::string_view xpath, const ErrorSink& sink) {
  return core::Status::InvalidArgument(
      "bad XPath '" + std::string(xpath) +
      "': " + (sink.message.empty() ? std::string("invalid XPath expression") : sink.message));
}

// NodeIds ride in libxml2's _private slot, offset by one so null means none.
void* EncodeId(NodeId id) { return reinterpret_cast<void*>(static_cast<uintptr_t>(id) + 1); }
NodeId DecodeId(const void* slot) {
  return slot == nullptr ? kNoNode : static_cast<NodeId>(reinterpret_cast<uintptr_t>(slot) - 1);
}

}  // namespace

core::Status CheckXPath(std::string_view xpath) {
  InitLibxml();
  if (xpath.find('\0') != std::string_view::npos) {
    return core::Status::InvalidArgument("bad XPath: contains a NUL byte");
  }
  ErrorSink sink;
  const ErrorCapture capture(&sink);
  const ContextPtr ctx = NewContext(nullptr);
  if (ctx == nullptr) return core::Status::InvalidArgument("bad XPath: out of memory");
  const std::string source(xpath);
  const std::unique_ptr<xmlXPathCompExpr, CompDeleter> comp(
      xmlXPathCtxtCompile(ctx.get(), Chars(source)));
  if (comp == nullptr) return XPathError(xpath, sink);
  return core::Status::Ok();
}

void XPathDocument::DocDeleter::operator()(_xmlDoc* doc) const { xmlFreeDoc(doc); }

XPathDocument::XPathDocument(const Document& doc) {
  InitLibxml();
  doc_.reset(xmlNewDoc(reinterpret_cast<const xmlChar*>("1.0")));
  if (doc_ == nullptr) return;
  std::vector<xmlNodePtr> parents = {reinterpret_cast<xmlNodePtr>(doc_.get())};
  std::string name;
  std::string value;
  // Iterative walk (Document::Walk): deep pages must not exhaust the stack.
  doc.Walk(
      doc.root(),
      [&](NodeId id) {
        if (id == doc.root()) return true;
        xmlNodePtr node = nullptr;
        if (doc.IsElement(id)) {
          name.assign(doc.Tag(id));
          node = xmlNewDocNode(doc_.get(), nullptr, Chars(name), nullptr);
          if (node == nullptr) return false;
          for (size_t i = 0; i < doc.AttrCount(id); ++i) {
            const auto [attr_name, attr_value] = doc.AttrAt(id, i);
            name.assign(attr_name);
            value.assign(attr_value);
            // Not entity-decoded by libxml2: the value is stored as given.
            xmlNewProp(node, Chars(name), Chars(value));
          }
        } else if (doc.IsText(id)) {
          const std::string_view text = doc.TextOf(id);
          node = xmlNewDocTextLen(doc_.get(), reinterpret_cast<const xmlChar*>(text.data()),
                                  static_cast<int>(text.size()));
        }
        if (node == nullptr) return false;
        node->_private = EncodeId(id);
        // A text node right after another is merged into it and freed by
        // xmlAddChild (the first keeps its NodeId); `node` is not used again.
        xmlAddChild(parents.back(), node);
        if (!doc.IsElement(id)) return false;
        parents.push_back(node);
        return true;
      },
      [&](NodeId id) {
        // Only an element whose copy was pushed (allocation may have failed).
        if (parents.size() > 1 && parents.back()->_private == EncodeId(id)) parents.pop_back();
      });
}

XPathDocument::XPathDocument(XPathDocument&&) noexcept = default;
XPathDocument& XPathDocument::operator=(XPathDocument&&) noexcept = default;
XPathDocument::~XPathDocument() = default;

core::Result<std::vector<XPathMatch>> XPathDocument::Evaluate(std::string_view xpath) const {
  if (xpath.find('\0') != std::string_view::npos) {
    return core::Status::InvalidArgument("bad XPath: contains a NUL byte");
  }
  ErrorSink sink;
  const ErrorCapture capture(&sink);
  const ContextPtr ctx = NewContext(doc_.get());
  if (ctx == nullptr) return core::Status::InvalidArgument("bad XPath: out of memory");
  ctx->node = reinterpret_cast<xmlNodePtr>(doc_.get());
  const std::string source(xpath);
  const std::unique_ptr<xmlXPathObject, ObjectDeleter> result(
      xmlXPathEvalExpression(Chars(source), ctx.get()));
  if (result == nullptr) return XPathError(xpath, sink);

  std::vector<XPathMatch> matches;
  if (result->type != XPATH_NODESET) {
    std::string text = Take(xmlXPathCastToString(result.get()));
    if (!text.empty()) matches.push_back({kNoNode, std::move(text)});
    return matches;
  }
  const xmlNodeSet* set = result->nodesetval;
  const int count = set == nullptr ? 0 : set->nodeNr;
  for (int i = 0; i < count; ++i) {
    xmlNodePtr node = set->nodeTab[i];
    // Namespace nodes are xmlNs records, not xmlNode: no _private to read.
    if (node == nullptr || node->type == XML_NAMESPACE_DECL) continue;
    if (node->type == XML_ELEMENT_NODE || node->type == XML_TEXT_NODE) {
      const NodeId id = DecodeId(node->_private);
      if (id != kNoNode) {
        matches.push_back({id, {}});
        continue;
      }
    }
    matches.push_back({kNoNode, Take(xmlNodeGetContent(node))});
  }
  return matches;
}

}  // namespace newsvault::parser
