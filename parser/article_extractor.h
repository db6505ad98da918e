// ArticleExtractor: from a page's UTF-8 HTML to an Article (DESIGN §3).
//
// Stages: (1) parse with Gumbo; (2) metadata from JSON-LD, OpenGraph,
// article:* and other meta, <time>, bylines, the URL; (3) body by
// readability-style scoring of text blocks (text density, link density,
// class/id hints, paragraph counts) and cleaning of the winning subtree into
// minimal HTML and text. Each stage is its own file; constants are named.
//
// Never throws, never fails on bad HTML: a page with no article yields an
// Article with an empty body (callers test `LooksLikeArticle`).
//
// Thread safety: Extract is reentrant; one extractor may serve many threads.
#pragma once

#include <string>
#include <string_view>

#include "core/article.h"

namespace newsvault::parser {

inline constexpr const char* kExtractorVersion = "newsvault-extract/0.1";

struct ExtractInput {
  std::string_view html_utf8;  // the decoded page
  std::string url;             // where it came from (resolves relative links)
};

core::Article ExtractArticle(const ExtractInput& input);

// True when the page holds an article worth versioning: a main text of
// meaningful length, not just a list of links.
bool LooksLikeArticle(const core::Article& article);

}  // namespace newsvault::parser
