#include "parser/article_extractor.h"

#include <chrono>
#include <optional>

#include "core/url.h"
#include "parser/author_names.h"
#include "parser/body_cleaner.h"
#include "parser/body_writer.h"
#include "parser/boilerplate.h"
#include "parser/byline_finder.h"
#include "parser/content_scorer.h"
#include "parser/date_extractor.h"
#include "parser/gumbo_document.h"
#include "parser/images.h"
#include "parser/json_ld.h"
#include "parser/language_detector.h"
#include "parser/metadata_extractor.h"
#include "parser/node_stats.h"
#include "parser/page_signals.h"
#include "parser/text_util.h"

namespace newsvault::parser {
namespace {

// Recovery: a first pass yielding less body text than this (non-space
// characters) is retried without class/id hints, and the longer body kept.
constexpr size_t kMinBodyChars = 250;

// LooksLikeArticle: enough paragraph text in enough paragraphs...
constexpr size_t kMinArticleChars = 400;
constexpr size_t kMinArticleParagraphs = 3;
// ...where a paragraph is a block of at least this many characters...
constexpr size_t kMinParagraphChars = 40;
// ...or a shorter text that the page itself dates and titles (a brief).
constexpr size_t kMinDatedArticleChars = 150;

struct BodyPass {
  ContentSelection selection;
  NodeId scope = kNoNode;
  Byline byline;
  BodyOutput body;
  size_t chars = 0;
};

// The article scope: the smallest element holding both the headline and the
// content, unless that is the whole page; then the content alone.
NodeId ArticleScope(const Document& doc, NodeId headline, const ContentSelection& selection) {
  if (selection.top == kNoNode) return headline == kNoNode ? kNoNode : doc.node(headline).parent;
  NodeId content = selection.top;
  // Siblings share the top's parent; chunks of a split body reach further up.
  if (selection.parts.size() > 1) {
    content = doc.CommonAncestor(selection.parts.front(), selection.parts.back());
  }
  if (headline == kNoNode) return content;
  const NodeId common = doc.CommonAncestor(headline, content);
  if (common == 0 || doc.IsTag(common, "html") || doc.IsTag(common, "body")) return content;
  return common;
}

BodyPass RunBodyPass(const Document& doc, const std::vector<NodeStats>& stats,
                     const PageSignals& signals, const PageMetadata& meta,
                     const std::vector<uint8_t>& meta_chrome, const std::optional<core::Url>& base,
                     bool use_class_hints) {
  BodyPass pass;
  pass.selection = SelectContent(doc, stats, ScoringOptions{use_class_hints});
  if (pass.selection.top == kNoNode) return pass;
  pass.scope = ArticleScope(doc, meta.headline, pass.selection);
  pass.byline = FindByline(doc, stats, signals, pass.scope, meta_chrome);
  CleaningRules rules;
  rules.use_class_hints = use_class_hints;
  rules.title = meta.title;
  rules.drop_nodes = pass.byline.nodes;
  if (meta.headline != kNoNode) rules.drop_nodes.push_back(meta.headline);
  const BodyCleaner cleaner(doc, stats, std::move(rules), pass.selection.parts);
  pass.body = WriteBody(doc, cleaner, pass.selection.parts, base);
  pass.chars = CountTextChars(pass.body.text);
  return pass;
}

// Authors from the first source naming a person: JSON-LD, the visible
// byline, then author metas. Names of the site or publisher are not persons.
std::vector<std::string> Authors(const JsonLdArticle& json_ld, const Byline& byline,
                                 const PageSignals& signals, std::string_view site_name) {
  const std::vector<std::string_view> organizations = {site_name, json_ld.publisher};
  std::vector<std::string> authors;
  for (const std::string& raw : json_ld.authors) MergeNames(authors, ParseAuthorNames(raw));
  DropOrganizationNames(authors, organizations);
  if (!authors.empty()) return authors;
  authors = byline.names;
  DropOrganizationNames(authors, organizations);
  if (!authors.empty()) return authors;
  for (const std::string_view key :
       {"author", "article:author", "dc.creator", "parsely-author", "sailthru.author"}) {
    for (const std::string_view value : signals.MetaAll(key)) {
      MergeNames(authors, ParseAuthorNames(value));
    }
    DropOrganizationNames(authors, organizations);
    if (!authors.empty()) break;
  }
  return authors;
}

std::chrono::sys_days Today(const ExtractInput& input) {
  const auto now = input.now.value_or(
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
  return std::chrono::floor<std::chrono::days>(now);
}

core::Article ExtractGeneric(const Document& doc, const ExtractInput& input) {
  core::Article article;
  article.url = input.url;
  article.extractor_version = kExtractorVersion;

  std::optional<core::Url> base;
  if (auto parsed = core::Url::Parse(input.url); parsed.ok()) base = std::move(parsed).value();

  // Stage 1: the DOM and what it says about itself.
  const std::vector<NodeStats> stats = ComputeNodeStats(doc);
  const PageSignals signals = CollectSignals(doc);
  const JsonLdArticle json_ld = ParseJsonLd({signals.json_ld.begin(), signals.json_ld.end()});
  // Chrome for metadata: an article's <header> holds its byline and date.
  const std::vector<uint8_t> meta_chrome = MarkChromeZones(doc, stats, true, false);
  const PageMetadata meta = ReadPageMetadata(doc, signals, json_ld, meta_chrome, base);

  // Stage 2: the body, with a looser second pass when the first finds too little.
  BodyPass pass = RunBodyPass(doc, stats, signals, meta, meta_chrome, base, true);
  if (pass.chars < kMinBodyChars) {
    BodyPass loose = RunBodyPass(doc, stats, signals, meta, meta_chrome, base, false);
    if (loose.chars > pass.chars) pass = std::move(loose);
  }

  // Stage 3: fields that depend on where the article is. With no body, the
  // page is a listing: bylines, dates and images in its DOM are the teasers'.
  const bool has_body = pass.chars > 0;
  if (!has_body) {
    pass.scope = kNoNode;
    pass.byline = {};
  }
  DateContext dates_context{doc,           stats, signals,   json_ld,      meta_chrome, pass.scope,
                            meta.headline, {},    input.url, Today(input), has_body};
  if (!meta.declared_languages.empty()) dates_context.language_tag = meta.declared_languages[0];
  const ExtractedDates dates = ExtractDates(dates_context);

  article.canonical_url = meta.canonical_url;
  article.title = meta.title;
  article.authors = Authors(json_ld, pass.byline, signals, meta.site_name);
  article.published = dates.published;
  article.published_source = dates.published_source;
  article.modified = dates.modified;
  article.modified_source = dates.modified_source;
  article.language = ChooseLanguage(meta.declared_languages, pass.body.text);
  article.site_name = meta.site_name;
  article.section = meta.section;
  article.tags = meta.tags;
  article.description = meta.description;
  if (pass.scope != kNoNode) article.images = CollectImages(doc, pass.scope, meta_chrome, base);
  article.lead_image = meta.lead_image;
  if (article.lead_image.empty() && !article.images.empty()) {
    article.lead_image = article.images.front().src;
  }
  article.word_count = CountWords(pass.body.text);
  article.body_text = std::move(pass.body.text);
  article.body_html = std::move(pass.body.html);
  return article;
}

}  // namespace

core::Article ExtractArticle(const ExtractInput& input) {
  const bool has_overrides = input.overrides != nullptr && !input.overrides->empty();
  return ExtractArticle(ParseHtml(input.html_utf8, {.keep_script_text = has_overrides}), input);
}

core::Article ExtractArticle(const Document& doc, const ExtractInput& input) {
  if (input.overrides == nullptr || input.overrides->empty()) return ExtractGeneric(doc, input);
  // Stage 5: drops first, so nothing dropped reaches any stage; then the
  // overridden fields replace the generic ones.
  const OverriddenPage page(doc, *input.overrides);
  core::Article article = ExtractGeneric(page.document(), input);
  page.Apply(article, input.url, Today(input));
  return article;
}

bool LooksLikeArticle(const core::Article& article) {
  size_t paragraphs = 0;
  size_t paragraph_chars = 0;
  std::string_view text = article.body_text;
  while (!text.empty()) {
    const size_t end = text.find("\n\n");
    const size_t chars = CountTextChars(text.substr(0, end));
    if (chars >= kMinParagraphChars) {
      ++paragraphs;
      paragraph_chars += chars;
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 2);
  }
  if (paragraphs >= kMinArticleParagraphs && paragraph_chars >= kMinArticleChars) return true;
  return !article.title.empty() && !article.published.empty() &&
         paragraph_chars >= kMinDatedArticleChars;
}

}  // namespace newsvault::parser
