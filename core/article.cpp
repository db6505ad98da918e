#include "core/article.h"

#include <nlohmann/json.hpp>

namespace newsvault::core {
namespace {

// Length of a whitespace character at s[i] (0 if none): ASCII whitespace and
// the Unicode spaces pages use between words (NBSP from &nbsp;, the U+2000
// range, narrow NBSP, ideographic space, line/paragraph separators), so a
// re-encoded space does not count as a change of text.
size_t WhitespaceLength(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == 0xC2 && b(1) == 0xA0) return 2;  // U+00A0
  if (c == 0xE2 && b(1) == 0x80 &&
      ((b(2) >= 0x80 && b(2) <= 0x8A) || b(2) == 0xA8 || b(2) == 0xA9 || b(2) == 0xAF)) {
    return 3;  // U+2000..U+200A, U+2028, U+2029, U+202F
  }
  if (c == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) return 3;  // U+205F
  if (c == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;  // U+3000
  return 0;
}

template <typename T>
void ReadIf(const nlohmann::json& j, const char* key, T& out) {
  auto it = j.find(key);
  if (it == j.end()) return;
  if constexpr (std::is_same_v<T, std::string>) {
    if (it->is_string()) out = it->template get<std::string>();
  } else if constexpr (std::is_same_v<T, int>) {
    if (it->is_number()) out = static_cast<int>(it->template get<double>());
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    if (!it->is_array()) return;
    out.clear();
    for (const auto& v : *it) {
      if (v.is_string()) out.push_back(v.template get<std::string>());
    }
  } else {
    static_assert(std::is_same_v<T, std::vector<ArticleImage>>);
    if (!it->is_array()) return;
    out.clear();
    for (const auto& v : *it) {
      if (!v.is_object()) continue;
      ArticleImage image;
      from_json(v, image);
      out.push_back(std::move(image));
    }
  }
}

}  // namespace

std::string Article::NormalizedText() const {
  std::string joined = title + "\n" + body_text;
  std::string out;
  out.reserve(joined.size());
  bool pending_space = false;
  for (size_t i = 0; i < joined.size();) {
    size_t ws = WhitespaceLength(joined, i);
    if (ws > 0) {
      pending_space = !out.empty();
      i += ws;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(joined[i++]);
  }
  return out;
}

void to_json(nlohmann::json& j, const ArticleImage& i) {
  j = nlohmann::json{{"src", i.src}, {"alt", i.alt}, {"caption", i.caption}};
}

void from_json(const nlohmann::json& j, ArticleImage& i) {
  if (!j.is_object()) return;
  ReadIf(j, "src", i.src);
  ReadIf(j, "alt", i.alt);
  ReadIf(j, "caption", i.caption);
}

void to_json(nlohmann::json& j, const Article& a) {
  j = nlohmann::json{{"url", a.url},
                     {"canonical_url", a.canonical_url},
                     {"title", a.title},
                     {"authors", a.authors},
                     {"published", a.published},
                     {"published_source", a.published_source},
                     {"modified", a.modified},
                     {"modified_source", a.modified_source},
                     {"language", a.language},
                     {"site_name", a.site_name},
                     {"section", a.section},
                     {"tags", a.tags},
                     {"description", a.description},
                     {"lead_image", a.lead_image},
                     {"images", a.images},
                     {"body_text", a.body_text},
                     {"body_html", a.body_html},
                     {"word_count", a.word_count},
                     {"extractor_version", a.extractor_version}};
}

// Tolerant: missing keys and values of the wrong type leave the field as it
// was, so older or hand-written JSON still loads (and nothing throws).
void from_json(const nlohmann::json& j, Article& a) {
  if (!j.is_object()) return;
  ReadIf(j, "url", a.url);
  ReadIf(j, "canonical_url", a.canonical_url);
  ReadIf(j, "title", a.title);
  ReadIf(j, "authors", a.authors);
  ReadIf(j, "published", a.published);
  ReadIf(j, "published_source", a.published_source);
  ReadIf(j, "modified", a.modified);
  ReadIf(j, "modified_source", a.modified_source);
  ReadIf(j, "language", a.language);
  ReadIf(j, "site_name", a.site_name);
  ReadIf(j, "section", a.section);
  ReadIf(j, "tags", a.tags);
  ReadIf(j, "description", a.description);
  ReadIf(j, "lead_image", a.lead_image);
  ReadIf(j, "images", a.images);
  ReadIf(j, "body_text", a.body_text);
  ReadIf(j, "body_html", a.body_html);
  ReadIf(j, "word_count", a.word_count);
  ReadIf(j, "extractor_version", a.extractor_version);
}

}  // namespace newsvault::core
