// LimitNesting: caps how deeply start tags nest before the HTML reaches Gumbo.
//
// Why: Gumbo checks "has an element in scope" by scanning the stack of open
// elements for every tag, so N unclosed <div>s cost O(N^2) (20 000 of them
// take ~10 s). Real pages nest a few dozen levels; hostile or broken ones can
// nest without end. A light tokenizer tracks the depth of elements that really
// nest and drops start tags (and their end tags) past the cap, keeping all text.
//
// Thread safety: pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsvault::parser {

// Deepest nesting of elements we pass on. Real news pages stay well under 100.
inline constexpr size_t kMaxNestingDepth = 256;

// Returns `html` itself when it never nests deeper than `max_depth`, else a
// view of `storage` holding a copy with the excess start/end tags removed.
std::string_view LimitNesting(std::string_view html, std::string& storage,
                              size_t max_depth = kMaxNestingDepth);

}  // namespace newsvault::parser
