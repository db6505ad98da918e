// XPathDocument: the libxml2 adapter for per-site XPath overrides
// (DESIGN §2: "convert the Gumbo tree into a libxml2 document").
//
// The page's Document (dom.h, itself a copy of Gumbo's tree made by
// gumbo_document.cpp) is copied into a libxml2 tree whose nodes remember the
// NodeId they came from, so XPath 1.0 matches map straight back to the
// Document the extraction stages walk. Only this file includes libxml2's
// XPath headers; nothing outside sees its C types.
//
// The copy is made only when a site configures overrides (xpath_overrides.h);
// pages without overrides never pay for it.
//
// Thread safety: CheckXPath is reentrant. A document is immutable after
// construction; Evaluate may be called from one thread at a time (libxml2's
// XPath context is per call, but the tree is shared).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "parser/dom.h"

// libxml2's own struct name, declared so the header needs no libxml2 include.
struct _xmlDoc;

namespace newsvault::parser {

// OK when `xpath` is a syntactically valid XPath 1.0 expression; otherwise
// InvalidArgument with libxml2's reason and the position of the error:
// "Invalid expression at offset 5". Unknown functions are only found when
// evaluated (libxml2 binds them then).
core::Status CheckXPath(std::string_view xpath);

// One item an expression selected.
struct XPathMatch {
  NodeId node = kNoNode;  // an element or text node of the Document; kNoNode otherwise
  std::string value;      // the string value when `node` is kNoNode (attribute, string, number)
};

class XPathDocument {
 public:
  // Copies `doc` (which must outlive nothing: the copy owns its strings).
  explicit XPathDocument(const Document& doc);
  XPathDocument(XPathDocument&&) noexcept;
  XPathDocument& operator=(XPathDocument&&) noexcept;
  ~XPathDocument();

  // Evaluates `xpath` with the document root as context node. A node-set
  // yields its nodes in document order; a string, number or boolean yields
  // one match with that value (empty string: no match). Errors
  // (InvalidArgument): bad syntax, unknown function, wrong argument type.
  core::Result<std::vector<XPathMatch>> Evaluate(std::string_view xpath) const;

 private:
  struct DocDeleter {
    void operator()(_xmlDoc* doc) const;
  };
  std::unique_ptr<_xmlDoc, DocDeleter> doc_;
};

}  // namespace newsvault::parser
