// SelectContent: finds the part of the page that holds the article body,
// by readability-style scoring of text blocks.
//
// Stages, each governed by the named constants in content_scorer.cpp:
//  1. Prune: chrome zones (boilerplate.h) and invisible text never score.
//  2. Score paragraphs: every block with enough text of its own scores
//     1 + commas + length points, which flow to its ancestors (full to the
//     parent, half to the grandparent, less further up).
//  3. Weigh candidates: an ancestor's score gets its tag and class/id weight
//     and the <article>/<main>/itemprop=articleBody bonuses, then is scaled by
//     (1 - link density).
//  4. Choose: the best candidate (moved up while it is an only child), plus
//     siblings that score close to it or read like paragraphs of the same
//     text (a <p>, or a heading-free prose block such as a lead/standfirst).
//  5. Chunks: a body that ads or rails cut into several containers with the
//     best candidate's tag and class, under other parents, is joined back.
//
// Thread safety: pure function.
#pragma once

#include <vector>

#include "parser/dom.h"
#include "parser/node_stats.h"

namespace newsvault::parser {

struct ScoringOptions {
  // Use class/id vocabulary (chrome pruning and weights). The recovery pass
  // turns it off when the first pass found too little text.
  bool use_class_hints = true;
};

struct ContentSelection {
  NodeId top = kNoNode;       // the best candidate; kNoNode when the page has no text
  std::vector<NodeId> parts;  // `top`, its joined siblings and chunks, in document order
  double top_score = 0;
};

ContentSelection SelectContent(const Document& doc, const std::vector<NodeStats>& stats,
                               const ScoringOptions& options);

}  // namespace newsvault::parser
