// Boilerplate hints: the class/id vocabulary and tags that mark page chrome
// (navigation, share bars, comments, related rails, newsletter boxes...) or
// article content, shared by body scoring, body cleaning and the metadata
// stages (a byline or <time> inside a "related" rail is not the article's).
//
// The word lists are the tuning surface: they are named constants in
// boilerplate.cpp, documented there.
//
// Thread safety: pure functions over constant tables.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "parser/dom.h"
#include "parser/node_stats.h"

namespace newsvault::parser {

struct ClassHints {
  bool positive = false;  // looks like article content ("article-body", "story")
  bool negative = false;  // looks like chrome ("share", "related", "comments")
};

// Reads the hints in a lowercased "class id" string (Document::ClassAndId).
ClassHints ReadClassHints(std::string_view class_and_id);

// Tags that are page chrome by definition (nav, aside, footer, header, menu...).
bool IsChromeTag(std::string_view tag);

// True when the element itself is chrome: a chrome tag, or (with
// `use_class_hints`) a negative and not positive class/id. <html>, <body>,
// <main> and <article> are never chrome by class: templates put layout
// words ("sidebar-left") on them.
bool IsChromeElement(const Document& doc, NodeId id, bool use_class_hints);

// Marks, for every node, whether it lies in chrome (itself or an ancestor),
// or is invisible (NodeStats::invisible). With `header_is_chrome` false, a
// <header>, an element whose class/id is chrome only by the word "header"
// (not a site or page header), and an <article>'s <footer> are not chrome:
// the metadata stages look for the article's byline and date exactly there.
std::vector<uint8_t> MarkChromeZones(const Document& doc, const std::vector<NodeStats>& stats,
                                     bool use_class_hints, bool header_is_chrome = true);

// Class/id words of bylines and datelines ("byline", "author", "dateline").
bool HasBylineHint(std::string_view class_and_id);

// For a paragraph or heading: class/id words that mark it as chrome whatever
// its text ("share-text", "newsletter-title"), a narrower list than for
// containers, where layout words ("header", "sidebar") count too.
bool IsChromeTextBlock(std::string_view class_and_id);

// Class/id words of photo captions and credits ("wp-caption", "photo-credit").
// Not chrome: the image they describe belongs to the article, their text
// does not belong to its body text.
bool HasCaptionHint(std::string_view class_and_id);

// Class/id words of photo galleries and slideshows. Not chrome for the page
// (their images are the article's), but never body text.
bool HasGalleryHint(std::string_view class_and_id);

// Class/id words of date and time labels ("timestamp", "post-date", "time").
bool HasDateHint(std::string_view class_and_id);

}  // namespace newsvault::parser
