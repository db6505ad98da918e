#include "parser/page_signals.h"

#include "parser/boilerplate.h"
#include "parser/text_util.h"

namespace newsvault::parser {
namespace {

std::string RawText(const Document& doc, NodeId id) {
  std::string out;
  for (NodeId c = doc.node(id).first_child; c != kNoNode; c = doc.node(c).next_sibling) {
    out += doc.TextOf(c);
  }
  return out;
}

bool HasToken(std::string_view list, std::string_view token) {
  for (const std::string& t : SplitAndTrim(list, " \t\n")) {
    if (EqualsIgnoreCase(t, token)) return true;
  }
  return false;
}

void CollectMeta(const Document& doc, NodeId id, PageSignals& out) {
  if (out.meta.size() >= kMaxSignalsPerKind * 4) return;
  const std::string_view content = TrimSpace(doc.Attr(id, "content"));
  if (content.empty()) return;
  for (const std::string_view attr : {"property", "name", "itemprop", "http-equiv"}) {
    const std::string_view key = TrimSpace(doc.Attr(id, attr));
    if (!key.empty()) out.meta.emplace_back(ToLowerAscii(key), std::string(content));
  }
}

// Author fields as templates name them: the byline vocabulary
// (boilerplate.h), plus words of other languages and CMSes: "signature"
// (French and Brazilian papers), "autor" (Spanish, Portuguese, Polish,
// German), "contributor" (BBC-style "TextContributorName").
constexpr std::string_view kAuthorFieldWords[] = {"signature", "autor", "contributor"};

bool HasAuthorFieldHint(const std::string& class_and_id) {
  if (HasBylineHint(class_and_id)) return true;
  for (const std::string_view word : kAuthorFieldWords) {
    if (class_and_id.find(word) != std::string::npos) return true;
  }
  return false;
}

// RDFa persons (Drupal: <span typeof="schema:Person" property="schema:name">).
bool IsRdfaPerson(std::string_view type_of) {
  for (const std::string& t : SplitAndTrim(type_of, " \t\n")) {
    if (EqualsIgnoreCase(t, "schema:Person") || EqualsIgnoreCase(t, "foaf:Person") ||
        EqualsIgnoreCase(t, "https://schema.org/Person") ||
        EqualsIgnoreCase(t, "http://schema.org/Person")) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view PageSignals::Meta(std::string_view key) const {
  for (const auto& [k, v] : meta) {
    if (k == key) return v;
  }
  return {};
}

std::vector<std::string_view> PageSignals::MetaAll(std::string_view key) const {
  std::vector<std::string_view> out;
  for (const auto& [k, v] : meta) {
    if (k == key) out.push_back(v);
  }
  return out;
}

PageSignals CollectSignals(const Document& doc) {
  PageSignals out;
  for (NodeId id = 1; id < doc.size(); ++id) {
    if (!doc.IsElement(id)) continue;
    const std::string_view tag = doc.Tag(id);
    if (tag == "meta") {
      CollectMeta(doc, id, out);
    } else if (tag == "link") {
      if (out.canonical.empty() && HasToken(doc.Attr(id, "rel"), "canonical")) {
        out.canonical = std::string(TrimSpace(doc.Attr(id, "href")));
      }
    } else if (tag == "html") {
      if (out.html_lang.empty()) out.html_lang = std::string(TrimSpace(doc.Attr(id, "lang")));
      if (out.html_lang.empty()) out.html_lang = std::string(TrimSpace(doc.Attr(id, "xml:lang")));
    } else if (tag == "title") {
      // The document's title, not an SVG's <title>.
      if (out.title.empty() && doc.ClosestTag(id, "svg") == kNoNode) {
        out.title = CollapseWhitespace(RawText(doc, id));
      }
    } else if (tag == "script") {
      if (out.json_ld.size() < kMaxSignalsPerKind &&
          EqualsIgnoreCase(TrimSpace(doc.Attr(id, "type")), "application/ld+json")) {
        out.json_ld.push_back(RawText(doc, id));
      }
    } else if (tag == "h1") {
      if (out.h1s.size() < kMaxSignalsPerKind) out.h1s.push_back(id);
    }
    const std::string_view itemprop = doc.Attr(id, "itemprop");
    if ((tag == "time" || HasToken(itemprop, "datePublished") ||
         HasToken(itemprop, "dateModified") || HasToken(itemprop, "dateCreated")) &&
        tag != "meta" && out.dates.size() < kMaxSignalsPerKind) {
      out.dates.push_back(id);
    }
    if (tag != "meta" && tag != "link" && out.bylines.size() < kMaxSignalsPerKind &&
        (HasToken(doc.Attr(id, "rel"), "author") || HasToken(itemprop, "author") ||
         HasToken(itemprop, "creator") || IsRdfaPerson(doc.Attr(id, "typeof")) ||
         HasAuthorFieldHint(doc.ClassAndId(id)))) {
      out.bylines.push_back(id);
    }
  }
  return out;
}

}  // namespace newsvault::parser
