// PageSignals: the raw metadata a page carries, gathered in one walk of the
// DOM for the metadata stages: <meta> pairs, <link rel=canonical>, <html
// lang>, <title>, JSON-LD script texts, and the elements that may hold the
// headline (<h1>), dates (<time>, itemprop=datePublished/dateModified) and
// bylines (rel/itemprop/class/id naming an author or byline, RDFa persons).
//
// Thread safety: a value type; CollectSignals is a pure function.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parser/dom.h"

namespace newsvault::parser {

// Caps against hostile pages: nobody needs more than this many of each.
inline constexpr size_t kMaxSignalsPerKind = 200;

struct PageSignals {
  // (key, content): key is the lowercased property, name, itemprop or
  // http-equiv of a <meta> element.
  std::vector<std::pair<std::string, std::string>> meta;
  std::string canonical;  // href of <link rel=canonical>, as written
  std::string html_lang;  // <html lang> (or xml:lang)
  std::string title;      // <title> text
  std::vector<std::string> json_ld;
  std::vector<NodeId> h1s;
  std::vector<NodeId> dates;    // <time> and itemprop date elements (not <meta>)
  std::vector<NodeId> bylines;  // author/byline-hinted elements, document order

  // The first non-empty content for `key` (lowercase), or empty.
  std::string_view Meta(std::string_view key) const;
  // Every non-empty content for `key`, in document order.
  std::vector<std::string_view> MetaAll(std::string_view key) const;
};

PageSignals CollectSignals(const Document& doc);

}  // namespace newsvault::parser
