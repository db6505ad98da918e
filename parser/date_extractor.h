// ExtractDates: the article's published and modified dates, each with the
// source it came from, never one standing in for the other.
//
// Sources in priority order (the first plausible value wins):
//   published: JSON-LD datePublished; meta (article:published_time and the
//              other conventions); <time>/itemprop elements in the article
//              scope; a date in the text right after the headline; short
//              date-classed elements of the scope ("span.date" above the
//              headline); <time>/itemprop elements outside the scope and
//              chrome; a date in the URL path.
//   modified:  JSON-LD dateModified; meta (article:modified_time,
//              og:updated_time...); <time> marked as an update; a text date
//              labelled "Updated" (in many languages: "Обновлено",
//              "modifica", "Güncelleme"...).
// Dates are written RFC 3339 with the page's own offset (date_parser.h) and
// must fall in kMinPlausibleYear..today+1 day.
//
// Thread safety: pure function.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "parser/dom.h"
#include "parser/json_ld.h"
#include "parser/node_stats.h"
#include "parser/page_signals.h"

namespace newsvault::parser {

// How much text after the headline is searched for a written date.
inline constexpr size_t kDatelineScanChars = 300;

struct DateContext {
  const Document& doc;
  const std::vector<NodeStats>& stats;
  const PageSignals& signals;
  const JsonLdArticle& json_ld;
  const std::vector<uint8_t>& chrome;  // chrome zones; dates there are other articles'
  NodeId scope = kNoNode;              // article scope
  NodeId headline = kNoNode;           // where the text search starts
  std::string language_tag;            // declared language, for day/month order
  std::string url;                     // page URL, for the URL-path date
  std::chrono::sys_days today;
  // False when the page has no article body: <time> elements and text then
  // belong to teasers, and only JSON-LD, meta and the URL are read.
  bool use_dom = true;
};

struct ExtractedDates {
  std::string published, published_source;
  std::string modified, modified_source;
};

ExtractedDates ExtractDates(const DateContext& context);

}  // namespace newsvault::parser
