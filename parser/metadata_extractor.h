// Page-level metadata: title (and the headline element), site name,
// canonical URL, description, section, tags, lead image, declared languages.
//
// Each field takes the first usable source in a fixed priority order
// (JSON-LD, OpenGraph/article:* and other <meta>, then the DOM). The title
// prefers the visible <h1> when it agrees with a meta title, then the page's
// only <h1> when it reads like a headline (sites write SEO titles that differ
// from it), and otherwise the meta title without its site suffix or section
// prefix. A page declaring no site name gets the <title>'s segment at the
// other end from the headline ("Site :: Headline").
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/url.h"
#include "parser/dom.h"
#include "parser/json_ld.h"
#include "parser/page_signals.h"

namespace newsvault::parser {

struct PageMetadata {
  std::string title;
  NodeId headline = kNoNode;  // the <h1> the title came from or agrees with
  std::string site_name;
  std::string canonical_url;
  std::string description;
  std::string section;
  std::vector<std::string> tags;
  std::string lead_image;
  std::vector<std::string> declared_languages;  // raw tags, priority order
};

// Cap on tags: keyword stuffing is not metadata.
inline constexpr size_t kMaxTags = 30;

// `chrome` marks nodes in page chrome (boilerplate.h), whose <h1> is a logo.
PageMetadata ReadPageMetadata(const Document& doc, const PageSignals& signals,
                              const JsonLdArticle& json_ld, const std::vector<uint8_t>& chrome,
                              const std::optional<core::Url>& base);

// "Headline | The Site" -> "Headline" (also " - ", " – ", " — ", " :: ", " · ",
// " » " separators, prefixes as well as suffixes). Segments naming the site
// go; of several left, the longest is the headline.
std::string StripTitleAffixes(std::string_view title, std::string_view site_name);

}  // namespace newsvault::parser
