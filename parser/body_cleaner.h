// BodyCleaner: decides which elements inside the chosen content are not
// article text (the "clean" stage after content_scorer.h chose the content).
//
// Rules, in order, each with named constants in body_cleaner.cpp:
//  - never-text tags (script, style, form, nav, aside, header, footer, iframe...)
//    and hidden elements;
//  - chrome by class/id (share, related, newsletter...) for containers, unless
//    the element holds most of the content's text (a mislabelled wrapper);
//  - link-dense blocks ("Read more: <a>...</a>", link lists, source lines);
//  - teaser cards: small blocks led by a heading that is a link;
//  - photo galleries and slideshows by class/id;
//  - the headline repeated in the body (by its text, or an <h1> that opens
//    the content), the byline and short datelines,
//    and date labels marked by class/id or itemprop ("Updated 5:27 am ...");
// Captions outside <figcaption> (class/id "caption", "credit") are not
// dropped but reported by IsCaption: the writer keeps them in body_html
// with their image and out of body_text, as it does <figcaption>.
//
// Thread safety: immutable after construction.
#pragma once

#include <string>
#include <vector>

#include "parser/dom.h"
#include "parser/node_stats.h"

namespace newsvault::parser {

struct CleaningRules {
  bool use_class_hints = true;     // off in the recovery pass
  std::string title;               // the headline: repeats of it are dropped
  std::vector<NodeId> drop_nodes;  // found by other stages (the byline)
};

class BodyCleaner {
 public:
  // `parts` is the chosen content (content_scorer.h).
  BodyCleaner(const Document& doc, const std::vector<NodeStats>& stats, CleaningRules rules,
              const std::vector<NodeId>& parts);

  // True when the element and its subtree are not article text.
  bool ShouldDrop(NodeId id) const;
  // True when the element is a photo caption or credit by its class/id.
  bool IsCaption(NodeId id) const;

 private:
  NodeId FindLeadingHeadline(const std::vector<NodeId>& parts) const;
  bool IsLinkDense(NodeId id) const;
  bool IsTeaserCard(NodeId id) const;
  bool RepeatsTitle(NodeId id) const;
  bool IsDateline(NodeId id) const;
  bool IsDateLabel(NodeId id, std::string_view class_and_id) const;

  const Document& doc_;
  const std::vector<NodeStats>& stats_;
  CleaningRules rules_;
  std::string title_key_;
  uint32_t title_chars_ = 0;
  uint32_t content_chars_ = 0;
  NodeId leading_headline_ = kNoNode;      // an <h1> opening the content
  std::vector<uint8_t> has_link_heading_;  // subtree holds a heading that is a link
};

}  // namespace newsvault::parser
