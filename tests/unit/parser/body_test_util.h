// Runs the body stages (scoring, cleaning, writing) on a snippet of HTML,
// for the body unit tests.
//
// Thread safety: test-only free functions.
#pragma once

#include <optional>
#include <string>

#include "core/url.h"
#include "parser/body_cleaner.h"
#include "parser/body_writer.h"
#include "parser/content_scorer.h"
#include "parser/gumbo_document.h"
#include "parser/node_stats.h"

namespace newsvault::parser::testing {

inline BodyOutput ExtractBody(const std::string& html, bool use_class_hints = true,
                              const std::string& title = "") {
  const Document doc = ParseHtml(html);
  const auto stats = ComputeNodeStats(doc);
  const ContentSelection selection = SelectContent(doc, stats, ScoringOptions{use_class_hints});
  if (selection.top == kNoNode) return {};
  CleaningRules rules;
  rules.use_class_hints = use_class_hints;
  rules.title = title;
  const BodyCleaner cleaner(doc, stats, rules, selection.parts);
  std::optional<core::Url> base;
  if (auto url = core::Url::Parse("https://news.test/section/story.html"); url.ok()) base = *url;
  return WriteBody(doc, cleaner, selection.parts, base);
}

// A paragraph of prose long enough to score.
inline std::string Prose(int n) {
  return "<p>Paragraph " + std::to_string(n) +
         " tells the story at length, with details, quotes, and numbers that a reader wants, "
         "and it goes on for a while so that it reads like real running text.</p>";
}

}  // namespace newsvault::parser::testing
