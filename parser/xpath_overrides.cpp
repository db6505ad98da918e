#include "parser/xpath_overrides.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "core/url.h"
#include "parser/author_names.h"
#include "parser/body_cleaner.h"
#include "parser/body_writer.h"
#include "parser/date_parser.h"
#include "parser/node_stats.h"
#include "parser/text_util.h"
#include "parser/xpath_document.h"

namespace newsvault::parser {
namespace {

core::Status CheckField(std::string_view field, const std::string& xpath) {
  if (xpath.empty()) return core::Status::Ok();
  const core::Status status = CheckXPath(xpath);
  if (status.ok()) return status;
  return core::Status::InvalidArgument(std::string(field) + ": " + status.message());
}

// The page without the nodes `drop` selects, or nullopt when none is selected.
std::optional<Document> WithoutDropped(const Document& doc, const XPathDocument& xml,
                                       const std::vector<std::string>& drop) {
  std::vector<uint8_t> dropped(doc.size(), 0);
  bool any = false;
  for (const std::string& xpath : drop) {
    auto matches = xml.Evaluate(xpath);
    if (!matches.ok()) continue;
    for (const XPathMatch& match : matches.value()) {
      if (match.node == kNoNode || match.node == doc.root()) continue;
      dropped[match.node] = 1;
      any = true;
    }
  }
  if (!any) return std::nullopt;
  DocumentBuilder builder;
  std::vector<NodeId> new_id(doc.size(), kNoNode);
  new_id[doc.root()] = 0;
  doc.Walk(
      doc.root(),
      [&](NodeId id) {
        if (id == doc.root()) return true;
        if (dropped[id] != 0) return false;
        const NodeId parent = new_id[doc.node(id).parent];
        if (doc.IsText(id)) {
          new_id[id] = builder.AddText(parent, doc.TextOf(id));
          return false;
        }
        if (!doc.IsElement(id)) return false;
        new_id[id] = builder.AddElement(parent, doc.Tag(id));
        for (size_t i = 0; i < doc.AttrCount(id); ++i) {
          const auto [name, value] = doc.AttrAt(id, i);
          builder.AddAttribute(new_id[id], name, value);
        }
        return true;
      },
      [](NodeId) {});
  return std::move(builder).Finish();
}

// The text of one match: an element's or text node's collapsed text, or the
// string value libxml2 gave (attributes, string results).
std::string MatchText(const Document& doc, const XPathMatch& match) {
  if (match.node == kNoNode) return CollapseWhitespace(match.value);
  return CollapseWhitespace(doc.Text(match.node));
}

std::vector<XPathMatch> Matches(const XPathDocument& xml, const std::string& xpath) {
  if (xpath.empty()) return {};
  auto matches = xml.Evaluate(xpath);
  if (!matches.ok()) return {};
  return std::move(matches).value();
}

// Matched elements in document order, none inside another (the outer one
// already holds it); a matched text node stands for its parent element.
std::vector<NodeId> BodyParts(const Document& doc, const std::vector<XPathMatch>& matches) {
  std::vector<NodeId> parts;
  for (const XPathMatch& match : matches) {
    if (match.node == kNoNode) continue;
    const NodeId id = doc.IsElement(match.node) ? match.node : doc.node(match.node).parent;
    if (id != kNoNode && doc.IsElement(id)) parts.push_back(id);
  }
  std::sort(parts.begin(), parts.end());  // pre-order ids: document order
  parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
  std::vector<NodeId> outer;
  for (const NodeId id : parts) {
    if (!outer.empty() && doc.IsAncestorOrSelf(outer.back(), id)) continue;
    outer.push_back(id);
  }
  return outer;
}

}  // namespace

core::Status ValidateOverrides(const ExtractOverrides& overrides) {
  RETURN_IF_ERROR(CheckField("body", overrides.body));
  RETURN_IF_ERROR(CheckField("title", overrides.title));
  RETURN_IF_ERROR(CheckField("published", overrides.published));
  RETURN_IF_ERROR(CheckField("authors", overrides.authors));
  for (size_t i = 0; i < overrides.drop.size(); ++i) {
    RETURN_IF_ERROR(CheckField("drop[" + std::to_string(i) + "]", overrides.drop[i]));
  }
  return core::Status::Ok();
}

struct OverriddenPage::State {
  const ExtractOverrides& overrides;
  const Document* doc;
  std::optional<Document> filtered;
  XPathDocument xml;
};

OverriddenPage::OverriddenPage(const Document& doc, const ExtractOverrides& overrides) {
  XPathDocument xml(doc);
  std::optional<Document> filtered = WithoutDropped(doc, xml, overrides.drop);
  // The field expressions must see the page without the dropped nodes, with
  // NodeIds of the filtered Document: copy that one into libxml2 again.
  if (filtered) xml = XPathDocument(*filtered);
  state_ = std::make_unique<State>(State{overrides, &doc, std::move(filtered), std::move(xml)});
  if (state_->filtered) state_->doc = &*state_->filtered;
}

OverriddenPage::~OverriddenPage() = default;

const Document& OverriddenPage::document() const { return *state_->doc; }

void OverriddenPage::Apply(core::Article& article, const std::string& url,
                           std::chrono::sys_days today) const {
  const ExtractOverrides& overrides = state_->overrides;
  const Document& doc = *state_->doc;
  const XPathDocument& xml = state_->xml;

  if (const auto matches = Matches(xml, overrides.title); !matches.empty()) {
    std::string title = MatchText(doc, matches.front());
    if (!title.empty()) article.title = std::move(title);
  }

  const DateOrder order = DateOrderForLanguage(article.language);
  for (const XPathMatch& match : Matches(xml, overrides.published)) {
    const std::optional<ParsedDate> date = ParseDateValue(MatchText(doc, match), order);
    if (!date || !IsPlausible(*date, today)) continue;
    article.published = FormatRfc3339(*date);
    article.published_source = "xpath";
    break;
  }

  std::vector<std::string> authors;
  for (const XPathMatch& match : Matches(xml, overrides.authors)) {
    MergeNames(authors, ParseAuthorNames(MatchText(doc, match)));
  }
  if (!authors.empty()) article.authors = std::move(authors);

  const std::vector<NodeId> parts = BodyParts(doc, Matches(xml, overrides.body));
  if (parts.empty()) return;
  std::optional<core::Url> base;
  if (auto parsed = core::Url::Parse(url); parsed.ok()) base = std::move(parsed).value();
  const std::vector<NodeStats> stats = ComputeNodeStats(doc);
  CleaningRules rules;
  rules.title = article.title;  // the headline repeated in the body goes
  const BodyCleaner cleaner(doc, stats, std::move(rules), parts);
  BodyOutput body = WriteBody(doc, cleaner, parts, base);
  if (body.text.empty()) return;
  article.word_count = CountWords(body.text);
  article.body_text = std::move(body.text);
  article.body_html = std::move(body.html);
}

}  // namespace newsvault::parser
