// Renders an Article for people (text, html) and scripts (json). Used by
// `show` and `extract`, so both print articles the same way.
//
// Thread safety: pure functions.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/article.h"

namespace newsvault::app {

// Header lines (title, authors, dates, language, URL) then the body text.
std::string ArticleAsText(const core::Article& article);
// A small standalone HTML page with the metadata and body_html.
std::string ArticleAsHtml(const core::Article& article);
// The article object with DESIGN §3 field names.
nlohmann::json ArticleAsJson(const core::Article& article);

}  // namespace newsvault::app
