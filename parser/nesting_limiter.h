// PrescanForGumbo / LimitNesting: caps how deeply start tags nest before the HTML reaches Gumbo.
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
// And, when asked (PrescanOptions::elide_scripts_and_styles), it empties the
// bodies of <style> and of <script> other than JSON-LD. Gumbo emits raw text
// one character token at a time, and on real news pages scripts and styles
// are about half the bytes and 60% of the parse time; nothing we extract
// reads them (the text extractor skips both; metadata reads only JSON-LD).
// The elements themselves stay, empty. Tags, comments and raw-text ends are
// found with the tokenizer's own rules (html_tag_scanner.h, raw_text_end.h),
// so the bytes cut are exactly the ones Gumbo would have read as their text.
// Where the tree builder's mode changes what a <style> is (SVG and MathML, a
// select, a template, a frameset) nothing is elided. Those modes are only
// followed roughly; what makes elision safe is the check ParseHtml makes
// with `elided_at` (below). tests/fuzz/prescan_fuzzer.cpp checks the tree
// never changes.
//
// Thread safety: pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsvault::parser {

// Deepest nesting of elements we pass on. Real news pages stay well under 100.
inline constexpr size_t kMaxNestingDepth = 256;
// Most attributes of one start tag we pass on; real elements carry a few dozen.
inline constexpr size_t kMaxAttributesPerTag = 64;

struct PrescanOptions {
  size_t max_depth = kMaxNestingDepth;
  size_t max_attributes = kMaxAttributesPerTag;
  // Empty <style> and non-JSON-LD <script> bodies (outside SVG and MathML).
  bool elide_scripts_and_styles = false;
};

// Returns `html` itself when there is nothing to drop, else a view of
// `storage` holding a copy with the excess start/end tags and attributes
// (and, if asked, the script and style bodies) removed. `elided_at`, when
// given, receives the output offset of the '<' of every start tag whose body
// was emptied, in order, so the caller can check that Gumbo made an HTML
// <script>/<style> element there (gumbo_document.cpp); if it did not, the
// tree builder was in a mode the pass did not follow, and the page must be
// parsed whole.
std::string_view PrescanForGumbo(std::string_view html, std::string& storage,
                                 const PrescanOptions& options,
                                 std::vector<size_t>* elided_at = nullptr);

// PrescanForGumbo without elision: only the nesting and attribute caps.
std::string_view LimitNesting(std::string_view html, std::string& storage,
                              size_t max_depth = kMaxNestingDepth,
                              size_t max_attributes = kMaxAttributesPerTag);

}  // namespace newsvault::parser
