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
//  - the headline repeated in the body, the byline and short datelines.
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

 private:
  bool IsLinkDense(NodeId id) const;
  bool IsTeaserCard(NodeId id) const;
  bool RepeatsTitle(NodeId id) const;
  bool IsDateline(NodeId id) const;

  const Document& doc_;
  const std::vector<NodeStats>& stats_;
  CleaningRules rules_;
  std::string title_key_;
  uint32_t title_chars_ = 0;
  uint32_t content_chars_ = 0;
  std::vector<uint8_t> has_link_heading_;  // subtree holds a heading that is a link
};

}  // namespace newsvault::parser
