#include "parser/json_ld.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <unordered_map>

#include "parser/text_util.h"

namespace newsvault::parser {
namespace {

using nlohmann::json;

// Object types that describe an article, best first. WebPage-like types are
// a fallback: some sites put only dates and headline there.
constexpr std::string_view kArticleTypes[] = {"NewsArticle",
                                              "ReportageNewsArticle",
                                              "AnalysisNewsArticle",
                                              "OpinionNewsArticle",
                                              "ReviewNewsArticle",
                                              "BackgroundNewsArticle",
                                              "Article",
                                              "BlogPosting",
                                              "LiveBlogPosting",
                                              "Report",
                                              "ScholarlyArticle",
                                              "TechArticle",
                                              "SocialMediaPosting"};
constexpr std::string_view kPageTypes[] = {"WebPage", "ItemPage"};

// Walking a hostile document: bound the depth and the number of objects.
constexpr int kMaxDepth = 32;
constexpr size_t kMaxObjects = 2000;

std::string_view ShortType(std::string_view type) {
  const size_t cut = type.find_last_of("/:");
  return cut == std::string_view::npos ? type : type.substr(cut + 1);
}

std::vector<std::string> Types(const json& obj) {
  std::vector<std::string> out;
  const auto it = obj.find("@type");
  if (it == obj.end()) return out;
  if (it->is_string()) out.emplace_back(ShortType(it->get_ref<const std::string&>()));
  if (it->is_array()) {
    for (const json& t : *it) {
      if (t.is_string()) out.emplace_back(ShortType(t.get_ref<const std::string&>()));
    }
  }
  return out;
}

bool HasType(const json& obj, std::string_view type) {
  for (const std::string& t : Types(obj)) {
    if (t == type) return true;
  }
  return false;
}

// Rank of an object's type in kArticleTypes (lower is better), or -1.
int ArticleRank(const json& obj) {
  for (size_t r = 0; r < std::size(kArticleTypes); ++r) {
    if (HasType(obj, kArticleTypes[r])) return static_cast<int>(r);
  }
  return -1;
}

class Collector {
 public:
  void Add(const json& value, int depth) {
    if (depth > kMaxDepth || objects_.size() >= kMaxObjects) return;
    if (value.is_array()) {
      for (const json& item : value) Add(item, depth + 1);
      return;
    }
    if (!value.is_object()) return;
    objects_.push_back(&value);
    if (auto id = value.find("@id"); id != value.end() && id->is_string() && value.size() > 1) {
      by_id_.emplace(id->get_ref<const std::string&>(), &value);
    }
    for (const char* key : {"@graph", "mainEntity", "itemListElement"}) {
      if (auto it = value.find(key); it != value.end()) Add(*it, depth + 1);
    }
  }

  // An {"@id": ...} reference replaced by the object it names.
  const json& Resolve(const json& value) const {
    if (value.is_object() && value.size() == 1) {
      if (auto id = value.find("@id"); id != value.end() && id->is_string()) {
        if (auto it = by_id_.find(id->get_ref<const std::string&>()); it != by_id_.end()) {
          return *it->second;
        }
      }
    }
    return value;
  }

  const std::vector<const json*>& objects() const { return objects_; }

 private:
  std::vector<const json*> objects_;
  std::unordered_map<std::string, const json*> by_id_;
};

std::string String(const json& v) {
  if (v.is_string()) return CollapseWhitespace(v.get_ref<const std::string&>());
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return {};
}

std::string Field(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (it->is_array() && !it->empty()) return String(it->front());
  return String(*it);
}

std::string NameOf(const Collector& c, const json& v) {
  const json& r = c.Resolve(v);
  if (r.is_string()) return String(r);
  if (r.is_object()) return Field(r, "name");
  return {};
}

std::string UrlOf(const Collector& c, const json& v) {
  const json& r = c.Resolve(v);
  if (r.is_string()) return String(r);
  if (r.is_array() && !r.empty()) return UrlOf(c, r.front());
  if (r.is_object()) {
    for (const char* key : {"url", "contentUrl", "@id"}) {
      if (auto it = r.find(key); it != r.end() && it->is_string()) return String(*it);
    }
  }
  return {};
}

void AddAuthors(const Collector& c, const json& v, std::vector<std::string>& out, int depth) {
  if (depth > 4) return;
  const json& r = c.Resolve(v);
  if (r.is_array()) {
    for (const json& item : r) AddAuthors(c, item, out, depth + 1);
    return;
  }
  if (r.is_string()) {
    out.push_back(String(r));
    return;
  }
  if (!r.is_object()) return;
  // An author that is an organisation is the publisher speaking, not a byline.
  if (HasType(r, "Organization") || HasType(r, "NewsMediaOrganization") ||
      HasType(r, "Corporation")) {
    return;
  }
  // Some sites list several people in one Person's "name" array.
  if (auto it = r.find("name"); it != r.end() && it->is_array()) {
    for (const json& n : *it) {
      if (std::string s = String(n); !s.empty()) out.push_back(std::move(s));
    }
    return;
  }
  std::string name = Field(r, "name");
  if (!name.empty()) out.push_back(std::move(name));
}

void FillFromArticle(const Collector& c, const json& obj, JsonLdArticle& out) {
  out.found = true;
  const std::vector<std::string> types = Types(obj);
  out.type = types.empty() ? std::string() : types.front();
  out.headline = Field(obj, "headline");
  if (out.headline.empty()) out.headline = Field(obj, "name");
  if (auto it = obj.find("author"); it != obj.end()) AddAuthors(c, *it, out.authors, 0);
  if (out.authors.empty()) {
    if (auto it = obj.find("creator"); it != obj.end()) AddAuthors(c, *it, out.authors, 0);
  }
  out.date_published = Field(obj, "datePublished");
  if (out.date_published.empty()) out.date_published = Field(obj, "dateCreated");
  out.date_modified = Field(obj, "dateModified");
  if (auto it = obj.find("inLanguage"); it != obj.end()) out.language = NameOf(c, *it);
  if (auto it = obj.find("publisher"); it != obj.end()) out.publisher = NameOf(c, *it);
  out.section = Field(obj, "articleSection");
  if (auto it = obj.find("keywords"); it != obj.end()) {
    if (it->is_string()) {
      out.keywords = SplitAndTrim(it->get_ref<const std::string&>(), ",;");
    } else if (it->is_array()) {
      for (const json& k : *it) {
        if (std::string s = String(k); !s.empty()) out.keywords.push_back(std::move(s));
      }
    }
  }
  out.description = Field(obj, "description");
  if (auto it = obj.find("image"); it != obj.end()) out.image = UrlOf(c, *it);
  if (auto it = obj.find("mainEntityOfPage"); it != obj.end()) out.url = UrlOf(c, *it);
  if (out.url.empty()) out.url = Field(obj, "url");
}

// JSON-LD in the wild often has raw newlines or tabs inside strings, which
// strict JSON forbids; replacing control characters by spaces fixes them.
std::string ReplaceControlCharacters(std::string_view text) {
  std::string out(text);
  for (char& ch : out) {
    if (static_cast<unsigned char>(ch) < 0x20) ch = ' ';
  }
  return out;
}

}  // namespace

JsonLdArticle ParseJsonLd(const std::vector<std::string_view>& scripts) {
  std::vector<json> docs;
  docs.reserve(scripts.size());
  for (const std::string_view script : scripts) {
    json doc = json::parse(script, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) doc = json::parse(ReplaceControlCharacters(script), nullptr, false);
    if (!doc.is_discarded()) docs.push_back(std::move(doc));
  }
  Collector collector;
  for (const json& doc : docs) collector.Add(doc, 0);

  JsonLdArticle result;
  const json* best = nullptr;
  int best_rank = INT32_MAX;
  for (const json* obj : collector.objects()) {
    const int rank = ArticleRank(*obj);
    if (rank >= 0 && rank < best_rank) {
      best = obj;
      best_rank = rank;
    }
  }
  if (best == nullptr) {
    for (const json* obj : collector.objects()) {
      for (const std::string_view type : kPageTypes) {
        if (best == nullptr && HasType(*obj, type)) best = obj;
      }
    }
  }
  if (best != nullptr) {
    FillFromArticle(collector, *best, result);
    result.found = best_rank != INT32_MAX;
  }
  if (result.publisher.empty()) {
    for (const json* obj : collector.objects()) {
      if (HasType(*obj, "WebSite") || HasType(*obj, "NewsMediaOrganization")) {
        result.publisher = Field(*obj, "name");
        if (!result.publisher.empty()) break;
      }
    }
  }
  return result;
}

}  // namespace newsvault::parser
