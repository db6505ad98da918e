// XmlDocument: the libxml2 adapter for feeds and sitemaps. Parses untrusted
// XML safely and offers read-only element views, so no other file sees
// libxml2's C types.
//
// Safety, and why:
// - No entity is ever expanded: no XML_PARSE_NOENT, no external DTD
//   (no XML_PARSE_DTDLOAD), network off (XML_PARSE_NONET), and entity
//   declarations in the document's own DTD are ignored. "Billion laughs" and
//   XXE (an external entity naming a local file) become undeclared references,
//   dropped and reported. Accessors read text nodes only.
// - Sloppy feeds are recovered (XML_PARSE_RECOVER); references are rewritten
//   first so recovery keeps them (xml_references.h).
// - Budgets: input is cut at kMaxXmlInputBytes; parsing stops past
//   kMaxXmlNodes tree nodes or kMaxXmlErrorsBeforeStop errors, keeping what
//   was read; comments and processing instructions are not built at all.
//
// Thread safety: Parse is reentrant (libxml2 is initialised once, and its
// per-thread error handler is restored after each parse). A document and its
// element views are immutable values; views must not outlive their document.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// libxml2's own struct names, declared so the header needs no libxml2 include.
struct _xmlDoc;
struct _xmlNode;

namespace newsvault::parser {

// The sitemaps protocol caps a sitemap at 50 MB uncompressed; feeds are far
// smaller. Larger input is cut here (and reported), not parsed whole.
inline constexpr size_t kMaxXmlInputBytes = 50u << 20;
// At most this many parser messages are kept per document.
inline constexpr size_t kMaxXmlErrors = 20;
// Parsing stops (keeping what was read) past any of these budgets, so hostile
// input costs bounded time and memory: tree nodes (elements, attributes,
// namespace declarations, CDATA blocks; ~100-150 bytes each, so <= ~150 MB;
// an honest 50,000-URL sitemap with image extensions needs under a million)
// and recovered errors (~0.3 us each).
inline constexpr size_t kMaxXmlNodes = 1'000'000;
inline constexpr size_t kMaxXmlErrorsBeforeStop = 1'000'000;

// Namespace URIs the feed and sitemap readers match on.
inline constexpr std::string_view kXmlNamespace = "http://www.w3.org/XML/1998/namespace";
inline constexpr std::string_view kAtomNamespace = "http://www.w3.org/2005/Atom";

// A non-owning view of one element of an XmlDocument.
class XmlElement {
 public:
  // The name without its prefix. When the document used a prefix it never
  // declared ("news:title" without xmlns:news), libxml2 leaves the element
  // without a namespace; the part after ':' is returned so callers can
  // tolerate such documents.
  std::string_view local_name() const;
  // The namespace URI; empty when the element has none.
  std::string_view namespace_uri() const;
  bool Is(std::string_view namespace_uri, std::string_view local_name) const;

  // The value of the attribute `local_name` in `namespace_uri` (empty: no
  // namespace), or nullopt when absent. Entity references in it are skipped.
  std::optional<std::string> Attribute(std::string_view local_name,
                                       std::string_view namespace_uri = {}) const;
  // The element children, in document order.
  std::vector<XmlElement> Children() const;
  // The first child element with this namespace and local name.
  std::optional<XmlElement> FirstChild(std::string_view namespace_uri,
                                       std::string_view local_name) const;
  // Every element below this one (any depth, document order) with this
  // namespace and local name; matches nested in matches are included.
  std::vector<XmlElement> Descendants(std::string_view namespace_uri,
                                      std::string_view local_name) const;
  // The first such descendant that is not inside an element named
  // `fence_local_name` (so an item's field is not taken from a nested item).
  std::optional<XmlElement> FirstDescendant(std::string_view namespace_uri,
                                            std::string_view local_name,
                                            std::string_view fence_local_name) const;
  // All text and CDATA below this element, concatenated, surrounding ASCII
  // white space trimmed. Entity references are skipped, never expanded.
  std::string Text() const;

 private:
  friend class XmlDocument;
  explicit XmlElement(const _xmlNode* node) : node_(node) {}
  const _xmlNode* node_;  // never null; owned by the document
};

class XmlDocument {
 public:
  // Parses `xml`. Never fails: input libxml2 cannot recover at all yields a
  // document without a root, and `errors()` says why. `base_url` is recorded
  // as the document URL (used in libxml2's messages only).
  static XmlDocument Parse(std::string_view xml, std::string_view base_url);

  XmlDocument(XmlDocument&&) noexcept;
  XmlDocument& operator=(XmlDocument&&) noexcept;
  ~XmlDocument();

  std::optional<XmlElement> root() const;
  // libxml2's errors and warnings ("line 3: Opening and ending tag mismatch"),
  // at most kMaxXmlErrors of them.
  const std::vector<std::string>& errors() const { return errors_; }
  // How many errors libxml2 reported in all (errors() may hold fewer).
  size_t error_count() const { return error_count_; }
  // True when the input was longer than kMaxXmlInputBytes and was cut.
  bool truncated() const { return truncated_; }
  // Why parsing stopped before the end of the input (a budget above ran
  // out), or empty. The tree holds what was read until then.
  const std::string& stop_reason() const { return stop_reason_; }

 private:
  struct DocDeleter {
    void operator()(_xmlDoc* doc) const;
  };
  XmlDocument() = default;

  std::unique_ptr<_xmlDoc, DocDeleter> doc_;
  std::vector<std::string> errors_;
  size_t error_count_ = 0;
  bool truncated_ = false;
  std::string stop_reason_;
};

// Appends `oddity` to `oddities` unless kMaxOddities are already there; the
// first oddity past the cap is replaced by one note saying more were dropped,
// so hostile input cannot grow the list without bound.
inline constexpr size_t kMaxOddities = 100;
void NoteOddity(std::vector<std::string>& oddities, std::string oddity);
// Notes the document's own problems as oddities: input cut at the size cap
// (`what` names the input: "feed", "sitemap"), recovered XML errors, and an
// early stop.
void NoteXmlProblems(const XmlDocument& document, std::string_view what,
                     std::vector<std::string>& oddities);
// `text` in quotes, cut to 120 bytes (on a UTF-8 boundary) so an oddity never
// echoes a hostile document at length.
std::string QuoteForOddity(std::string_view text);

}  // namespace newsvault::parser
