// Per-site extraction overrides: XPath 1.0 expressions a crawl config gives
// for one site ([site.extract], docs/config.md) when the generic extractor
// gets its pages wrong.
//
// How they apply (ArticleExtractor, article_extractor.h):
//   1. `drop`: every node any drop expression selects is removed from the
//      page before extraction, so a rail or widget cannot leak into anything.
//   2. The generic extraction runs on what is left.
//   3. Each set field replaces the extracted one when its expression selects
//      something usable; otherwise the extracted value stays:
//        title     - the string value of the first match, white space collapsed;
//        published - the first match that parses as a plausible date
//                    (date_parser.h), published_source "xpath";
//        authors   - each match's text through ParseAuthorNames (author_names.h);
//        body      - the matched elements become the body, through the same
//                    cleaner and writer as the generic body (body_cleaner.h,
//                    body_writer.h), so body_text/body_html keep their format.
// The page is copied into libxml2 (xpath_document.h) only when at least one
// override is set. An expression that fails at run time (unknown function)
// is skipped: extraction never fails.
//
// Thread safety: ExtractOverrides is a plain value and ValidateOverrides is
// reentrant; an OverriddenPage belongs to the one thread extracting its page.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/article.h"
#include "core/status.h"
#include "parser/dom.h"

namespace newsvault::parser {

// XPath 1.0 source strings; empty = not overridden.
struct ExtractOverrides {
  std::string body;
  std::string title;
  std::string published;
  std::string authors;
  std::vector<std::string> drop;  // elements removed before extraction

  bool empty() const {
    return body.empty() && title.empty() && published.empty() && authors.empty() && drop.empty();
  }
  friend bool operator==(const ExtractOverrides&, const ExtractOverrides&) = default;
};

// OK when every set expression compiles; otherwise InvalidArgument naming the
// field ("title", "drop[1]") and libxml2's reason.
core::Status ValidateOverrides(const ExtractOverrides& overrides);

// A page prepared for overrides: `document()` is the page with the `drop`
// matches removed (the original when nothing was dropped), the one the
// generic extraction must run on; Apply then overwrites the overridden
// fields of the article extracted from it.
class OverriddenPage {
 public:
  // `doc` and `overrides` must outlive this object.
  OverriddenPage(const Document& doc, const ExtractOverrides& overrides);
  OverriddenPage(const OverriddenPage&) = delete;
  OverriddenPage& operator=(const OverriddenPage&) = delete;
  ~OverriddenPage();

  const Document& document() const;
  // `today` bounds plausible dates (IsPlausible, date_parser.h).
  void Apply(core::Article& article, const std::string& url, std::chrono::sys_days today) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace newsvault::parser
