// LimitNesting: caps how deeply start tags nest before the HTML reaches Gumbo.
//
// Why: Gumbo checks "has an element in scope" by scanning the stack of open
// elements for every tag, so N unclosed <div>s cost O(N^2) (20 000 of them
// take ~10 s). Real pages nest a few dozen levels; hostile or broken ones can
// nest without end. A light tokenizer tracks the depth of elements that really
// nest and drops start tags (and their end tags) past the cap, keeping all text.
//
// The same pass caps the attributes of a start tag: Gumbo checks each new
// attribute against all the tag's earlier ones for a duplicate, so one tag
// with N attributes costs O(N^2) (a 20 MB tag of 2 million takes hours).
//
// Thread safety: pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsvault::parser {

// Deepest nesting of elements we pass on. Real news pages stay well under 100.
inline constexpr size_t kMaxNestingDepth = 256;
// Most attributes of one start tag we pass on; real elements carry a few dozen.
inline constexpr size_t kMaxAttributesPerTag = 64;

// Returns `html` itself when it never nests deeper than `max_depth` nor has
// a start tag with more than `max_attributes` attributes, else a view of
// `storage` holding a copy with the excess start/end tags and attributes removed.
std::string_view LimitNesting(std::string_view html, std::string& storage,
                              size_t max_depth = kMaxNestingDepth,
                              size_t max_attributes = kMaxAttributesPerTag);

}  // namespace newsvault::parser
