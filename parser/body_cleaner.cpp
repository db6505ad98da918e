#include "parser/body_cleaner.h"

#include <algorithm>

#include "parser/boilerplate.h"
#include "parser/date_parser.h"
#include "parser/text_util.h"

namespace newsvault::parser {
namespace {

// Tags whose content is never article text.
constexpr std::string_view kDropTags[] = {
    "script", "style",    "noscript", "template", "nav",  "aside",  "form",  "button",
    "iframe", "header",   "footer",   "svg",      "math", "select", "input", "textarea",
    "object", "embed",    "canvas",   "dialog",   "menu", "video",  "audio", "map",
    "label",  "fieldset", "head",     "title",    "link", "meta",   "hr"};

// An element judged chrome by its class/id is still kept when it holds more
// than this share of the content's text: it is the content, mislabelled.
constexpr double kMaxDroppedTextShare = 0.5;
// Blocks whose text is mostly link text are navigation, teasers or source
// lines, not prose.
constexpr double kMaxLinkDensity = 0.5;
// A heading at least this much link is a teaser's headline...
constexpr double kTeaserHeadingLinkShare = 0.8;
// ...and a block holding one with at most this much text is a teaser card.
constexpr uint32_t kMaxTeaserChars = 400;
// Bylines and datelines are short; longer blocks with such class words are
// more likely content (an author's quote box, a bio paragraph).
constexpr uint32_t kMaxBylineChars = 150;
constexpr uint32_t kMaxDatelineChars = 40;
constexpr int kMaxDatelineWords = 6;
// A date label (class/id or itemprop says "date") is dropped when it is
// short, holds a digit, and stands alone: a block itself, loose in a
// container, or at least this share of the text of its paragraph (a date
// inside a sentence is part of the sentence).
constexpr double kMinStandaloneShare = 0.8;
constexpr std::string_view kDateItemprops[] = {"datePublished", "dateModified", "dateCreated",
                                               "uploadDate"};

// An <h1> with no more than this much text before it in the content is the
// page's headline even when its words differ from the meta title (sites
// write a longer or shorter og:title than the visible headline).
constexpr uint32_t kMaxTextBeforeHeadline = 80;

// Captions are a sentence or two; a longer block with a caption class word
// is more likely a mislabelled text container.
constexpr uint32_t kMaxCaptionChars = 600;
// A repeated headline may differ from the title by a few characters
// (punctuation, a trailing site name already stripped).
constexpr uint32_t kTitleLengthSlack = 3;

bool IsHeading(std::string_view tag) {
  return tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6';
}

// Blocks that hold running text (a sentence may mention a date).
bool IsProseBlock(std::string_view tag) {
  return tag == "p" || tag == "li" || IsHeading(tag) || tag == "dd" || tag == "dt" || tag == "td" ||
         tag == "blockquote" || tag == "pre" || tag == "figcaption";
}

bool InList(std::string_view tag) {
  for (const std::string_view t : kDropTags) {
    if (t == tag) return true;
  }
  return false;
}

}  // namespace

BodyCleaner::BodyCleaner(const Document& doc, const std::vector<NodeStats>& stats,
                         CleaningRules rules, const std::vector<NodeId>& parts)
    : doc_(doc), stats_(stats), rules_(std::move(rules)), has_link_heading_(doc.size(), 0) {
  title_key_ = NormalizeForCompare(rules_.title);
  title_chars_ = static_cast<uint32_t>(CountTextChars(rules_.title));
  for (const NodeId part : parts) content_chars_ += stats_[part].chars;
  for (NodeId id = 1; id < doc_.size(); ++id) {
    if (doc_.IsElement(id) && IsHeading(doc_.Tag(id)) && stats_[id].chars > 0 &&
        stats_[id].LinkDensity() >= kTeaserHeadingLinkShare) {
      has_link_heading_[id] = 1;
    }
  }
  for (NodeId id = static_cast<NodeId>(doc_.size()); id-- > 1;) {
    if (has_link_heading_[id]) has_link_heading_[doc_.node(id).parent] = 1;
  }
  leading_headline_ = FindLeadingHeadline(parts);
}

NodeId BodyCleaner::FindLeadingHeadline(const std::vector<NodeId>& parts) const {
  size_t text_before = 0;
  for (const NodeId part : parts) {
    for (NodeId n = part; n != kNoNode; n = doc_.Next(n, part)) {
      if (doc_.IsTag(n, "h1")) return n;
      if (doc_.IsText(n) && !stats_[doc_.node(n).parent].invisible) {
        text_before += CountTextChars(doc_.TextOf(n));
        if (text_before > kMaxTextBeforeHeadline) return kNoNode;
      }
    }
  }
  return kNoNode;
}

bool BodyCleaner::ShouldDrop(NodeId id) const {
  if (!doc_.IsElement(id)) return false;
  const std::string_view tag = doc_.Tag(id);
  const NodeStats& s = stats_[id];
  if (s.invisible || InList(tag)) return true;
  if (id == leading_headline_ || std::find(rules_.drop_nodes.begin(), rules_.drop_nodes.end(),
                                           id) != rules_.drop_nodes.end()) {
    return true;
  }
  if (tag == "figure" || tag == "figcaption" || tag == "img" || tag == "picture") return false;
  const std::string class_and_id = doc_.ClassAndId(id);
  // Class words describe containers; paragraphs and headings are judged by
  // their content ("subheader" styles a heading, it is not a page header).
  const bool text_block = tag == "p" || IsHeading(tag);
  if (rules_.use_class_hints && text_block && IsChromeTextBlock(class_and_id) &&
      s.chars <= kMaxDroppedTextShare * content_chars_) {
    return true;
  }
  if (rules_.use_class_hints && !text_block && IsChromeElement(doc_, id, true) &&
      s.chars <= kMaxDroppedTextShare * content_chars_) {
    return true;
  }
  if (HasBylineHint(class_and_id) && s.chars <= kMaxBylineChars) return true;
  if (rules_.use_class_hints && HasGalleryHint(class_and_id) &&
      s.chars <= kMaxDroppedTextShare * content_chars_) {
    return true;
  }
  return IsLinkDense(id) || IsTeaserCard(id) || RepeatsTitle(id) || IsDateline(id) ||
         IsDateLabel(id, class_and_id);
}

bool BodyCleaner::IsDateLabel(NodeId id, std::string_view class_and_id) const {
  const NodeStats& s = stats_[id];
  if (s.chars == 0 || s.chars > kMaxBylineChars) return false;
  const std::string_view itemprop = doc_.Attr(id, "itemprop");
  const bool marked =
      (rules_.use_class_hints && HasDateHint(class_and_id)) ||
      std::any_of(std::begin(kDateItemprops), std::end(kDateItemprops),
                  [&](std::string_view prop) { return EqualsIgnoreCase(itemprop, prop); });
  if (!marked) return false;
  const std::string text = doc_.Text(id, 512);
  if (std::none_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  NodeId block = id;
  while (block != kNoNode && !doc_.IsBlock(block)) block = doc_.node(block).parent;
  if (block == kNoNode || block == id || !IsProseBlock(doc_.Tag(block))) return true;
  return s.chars >= kMinStandaloneShare * static_cast<double>(stats_[block].chars);
}

bool BodyCleaner::IsCaption(NodeId id) const {
  if (!rules_.use_class_hints || !doc_.IsElement(id)) return false;
  const uint32_t chars = stats_[id].chars;
  return chars <= kMaxCaptionChars && chars <= kMaxDroppedTextShare * content_chars_ &&
         HasCaptionHint(doc_.ClassAndId(id));
}

bool BodyCleaner::IsLinkDense(NodeId id) const {
  const std::string_view tag = doc_.Tag(id);
  // List items and headings are judged with their list or section.
  if (!doc_.IsBlock(id) || tag == "li" || IsHeading(tag) || tag == "br" || tag == "td" ||
      tag == "tr" || tag == "th") {
    return false;
  }
  const NodeStats& s = stats_[id];
  return s.chars > 0 && s.LinkDensity() > kMaxLinkDensity;
}

bool BodyCleaner::IsTeaserCard(NodeId id) const {
  if (!has_link_heading_[id]) return false;
  return IsHeading(doc_.Tag(id)) || (doc_.IsBlock(id) && stats_[id].chars <= kMaxTeaserChars);
}

bool BodyCleaner::RepeatsTitle(NodeId id) const {
  const std::string_view tag = doc_.Tag(id);
  if (title_key_.empty() || !(IsHeading(tag) || tag == "p" || tag == "div")) return false;
  const uint32_t chars = stats_[id].chars;
  if (chars + kTitleLengthSlack < title_chars_ || chars > title_chars_ + kTitleLengthSlack) {
    return false;
  }
  const std::string text = NormalizeForCompare(doc_.Text(id));
  return text == title_key_ || (tag == "h1" && (text.find(title_key_) != std::string::npos ||
                                                title_key_.find(text) != std::string::npos));
}

bool BodyCleaner::IsDateline(NodeId id) const {
  if (!doc_.IsBlock(id) || stats_[id].chars == 0 || stats_[id].chars > kMaxDatelineChars) {
    return false;
  }
  const std::string text = doc_.Text(id, 256);
  if (CountWords(text) > kMaxDatelineWords) return false;
  const auto match = FindDateMatch(text, DateOrder::kDayFirst);
  // Only the date (and perhaps a label or time): nothing else to read.
  return match.has_value() &&
         CountTextChars(text) -
                 CountTextChars(text.substr(match->begin, match->end - match->begin)) <=
             kMaxDatelineChars / 2;
}

}  // namespace newsvault::parser
