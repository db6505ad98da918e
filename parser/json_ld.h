// JSON-LD (schema.org) metadata of a page: the article object's fields.
//
// Reads every <script type="application/ld+json"> block, follows "@graph",
// arrays and "@id" references, and picks the object describing the article
// (NewsArticle, Article, BlogPosting, ...; "@type" may be an array or carry a
// "schema:" prefix). Broken JSON is repaired where it is cheap (raw control
// characters inside strings) and otherwise skipped: never an error.
//
// Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsvault::parser {

struct JsonLdArticle {
  bool found = false;  // an article-typed object was found
  std::string type;    // its @type, e.g. "NewsArticle"
  std::string headline;
  std::vector<std::string> authors;  // Person names as written (cleaned later)
  std::string date_published;        // raw values
  std::string date_modified;
  std::string language;
  std::string publisher;  // publisher (or WebSite) name
  std::string section;
  std::vector<std::string> keywords;
  std::string description;
  std::string image;  // first image URL
  std::string url;    // mainEntityOfPage / url
};

JsonLdArticle ParseJsonLd(const std::vector<std::string_view>& scripts);

}  // namespace newsvault::parser
