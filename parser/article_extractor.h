// ArticleExtractor: from a page's UTF-8 HTML to an Article (DESIGN §3).
//
// One pipeline of named stages, each in its own file with its tunable
// constants named at the top:
//   1. DOM: Gumbo parse behind a nesting cap (gumbo_document, nesting_limiter);
//      per-node text measures (node_stats); raw metadata (page_signals, json_ld).
//   2. Page metadata: title/headline, site, canonical, description, section,
//      tags, lead image, declared languages (metadata_extractor).
//   3. Body: readability-style scoring picks the content (content_scorer,
//      boilerplate vocabulary), cleaning drops chrome inside it (body_cleaner),
//      the writer emits body_html and body_text (body_writer). A pass with too
//      little text is retried without class/id hints.
//   4. Article-scope metadata: byline (byline_finder, author_names), dates
//      (date_extractor, date_parser), images (images), language checked
//      against the body text (language_detector).
//   5. Per-site overrides, when the input has some: XPath drops before
//      stage 1 and field replacements after stage 4 (xpath_overrides).
//
// Never throws, never fails on bad HTML: a page with no article yields an
// Article with an empty body (callers test `LooksLikeArticle`).
//
// Thread safety: Extract is reentrant; one extractor may serve many threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/article.h"
#include "core/timestamp.h"
#include "parser/dom.h"
#include "parser/xpath_overrides.h"

namespace newsvault::parser {

inline constexpr const char* kExtractorVersion = "newsvault-extract/0.1";

struct ExtractInput {
  std::string_view html_utf8;  // the decoded page
  std::string url;             // where it came from (resolves relative links)
  // "Now" for the date plausibility check (no date after now + 1 day).
  // Unset: the system clock. Tests set it to stay reproducible.
  std::optional<core::Timestamp> now;
  // Per-site XPath overrides (xpath_overrides.h), or none: the generic
  // extraction alone. Must outlive the call.
  const ExtractOverrides* overrides = nullptr;
};

core::Article ExtractArticle(const ExtractInput& input);

// Same, from `doc` already parsed from input.html_utf8 (gumbo_document.h), so
// a crawler parses each page once for both the article and its links.
core::Article ExtractArticle(const Document& doc, const ExtractInput& input);

// True when the page holds an article worth versioning: at least 3
// paragraphs of 40+ characters totalling 400+, or, for a brief, a title, a
// published date and 150+ characters (constants in article_extractor.cpp).
// Listings yield no such body: their teaser cards are cleaned away.
bool LooksLikeArticle(const core::Article& article);

}  // namespace newsvault::parser
