// Article: what extraction makes of a news page (DESIGN §3 "Article fields").
//
// The parser fills it, the archive stores it as a version, the CLI prints it and
// the WARC exporter writes it as a metadata record. JSON field names are the
// member names below; `show --format json` prints exactly this object.
//
// Thread safety: a value type.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace newsvault::core {

struct ArticleImage {
  std::string src;  // absolute URL
  std::string alt;
  std::string caption;
};

struct Article {
  std::string url;            // the URL the page was fetched from
  std::string canonical_url;  // <link rel=canonical>, og:url or JSON-LD url
  std::string title;
  std::vector<std::string> authors;
  std::string published;         // RFC 3339, page's own offset when known; empty if unknown
  std::string published_source;  // where it came from: "json-ld", "meta", "time", "url", "text"
  std::string modified;
  std::string modified_source;
  std::string language;  // BCP 47 primary tag, e.g. "en", "ru"
  std::string site_name;
  std::string section;
  std::vector<std::string> tags;
  std::string description;
  std::string lead_image;  // absolute URL
  std::vector<ArticleImage> images;
  std::string body_text;  // paragraphs separated by one blank line
  std::string
      body_html;  // minimal clean HTML (p, h2-h6, ul/ol/li, blockquote, figure, img, figcaption, a)
  int word_count = 0;
  std::string extractor_version;

  // The text a new version is judged by: title + body, whitespace collapsed.
  std::string NormalizedText() const;
};

void to_json(nlohmann::json& j, const Article& a);
void from_json(const nlohmann::json& j, Article& a);
void to_json(nlohmann::json& j, const ArticleImage& i);
void from_json(const nlohmann::json& j, ArticleImage& i);

}  // namespace newsvault::core
