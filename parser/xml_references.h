// RepairXmlReferences: rewrites the entity and character references of
// untrusted XML so that libxml2's recovery keeps them.
//
// Why: libxml2 (2.9) drops every entity reference, even &amp;, once a
// document has shown any well-formedness error, so one stray '&' in a feed
// would silently strip "&amp;" from every later URL. Character references
// survive. So before parsing we turn the five predefined entities (XML 1.0
// §4.6) into character references, escape a stray '&' as "&#38;", replace
// the HTML entities sloppy feeds use (&nbsp;, &mdash;, &eacute; ...) by their
// code points, and drop other named references (we never expand declared
// entities anyway: see xml_document.h). CDATA sections, comments, processing
// instructions and the DOCTYPE are copied untouched.
//
// Works on bytes, which is sound for ASCII-compatible encodings (UTF-8, the
// ISO-8859 and windows code pages, EUC, Shift_JIS, GB18030: their multi-byte
// sequences never use '&', ';' or '<'); callers skip it for UTF-16.
//
// Thread safety: pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsvault::parser {

struct RepairedXml {
  std::string xml;
  size_t changes = 0;  // references rewritten or dropped (predefined ones not counted)
  // One line per repair that changed meaning ("line 7: stray '&' escaped"),
  // at most `max_notes` of them.
  std::vector<std::string> notes;
  bool truncated = false;  // the output reached max_output_bytes and was cut
};

RepairedXml RepairXmlReferences(std::string_view xml, size_t max_notes, size_t max_output_bytes);

}  // namespace newsvault::parser
