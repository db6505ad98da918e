#include "app/article_output.h"

#include <sstream>

namespace newsvault::app {
namespace {

std::string Join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

std::string EscapeHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string ArticleAsText(const core::Article& a) {
  std::ostringstream out;
  out << "Title: " << a.title << "\n";
  if (!a.authors.empty()) out << "Authors: " << Join(a.authors, ", ") << "\n";
  if (!a.published.empty()) out << "Published: " << a.published << "\n";
  if (!a.modified.empty()) out << "Modified: " << a.modified << "\n";
  if (!a.language.empty()) out << "Language: " << a.language << "\n";
  if (!a.site_name.empty()) out << "Site: " << a.site_name << "\n";
  out << "URL: " << (a.canonical_url.empty() ? a.url : a.canonical_url) << "\n\n";
  out << a.body_text << "\n";
  return out.str();
}

std::string ArticleAsHtml(const core::Article& a) {
  std::ostringstream out;
  out << "<!doctype html>\n<html lang=\"" << EscapeHtml(a.language)
      << "\"><head><meta charset=\"utf-8\">"
      << "<title>" << EscapeHtml(a.title) << "</title></head><body><article>\n<h1>"
      << EscapeHtml(a.title) << "</h1>\n";
  if (!a.authors.empty())
    out << "<p class=\"byline\">" << EscapeHtml(Join(a.authors, ", ")) << "</p>\n";
  if (!a.published.empty()) {
    out << "<p><time datetime=\"" << EscapeHtml(a.published) << "\">" << EscapeHtml(a.published)
        << "</time></p>\n";
  }
  out << a.body_html << "\n</article></body></html>\n";
  return out.str();
}

nlohmann::json ArticleAsJson(const core::Article& article) { return nlohmann::json(article); }

}  // namespace newsvault::app
