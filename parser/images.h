// Article images: where an <img> really loads from (lazy-loading attributes
// included) and the figures of an article with their captions.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/article.h"
#include "core/url.h"
#include "parser/dom.h"

namespace newsvault::parser {

// Images narrower or lower than this (by their width/height attributes) are
// icons, spacers or tracking pixels.
inline constexpr int kMinImageSide = 50;
// An article shows a handful of images; a page with thousands is a gallery
// index or junk, and the list is cut here.
inline constexpr size_t kMaxImages = 100;

// The absolute URL an <img> shows: src, or the lazy-loading attributes
// (data-src, data-original, data-lazy-src, srcset) when src is missing or a
// placeholder. Empty for icons and unresolvable sources.
std::string ImageSource(const Document& doc, NodeId img, const std::optional<core::Url>& base);

// The images in the subtree of `scope`, skipping nodes marked in `excluded`
// (chrome zones), with alt text and the caption of their <figure>.
std::vector<core::ArticleImage> CollectImages(const Document& doc, NodeId scope,
                                              const std::vector<uint8_t>& excluded,
                                              const std::optional<core::Url>& base);

}  // namespace newsvault::parser
