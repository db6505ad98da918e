#include "parser/boilerplate.h"

#include <span>
#include <string>

namespace newsvault::parser {
namespace {

// Words that mark content when they occur anywhere in class or id.
constexpr std::string_view kPositiveWords[] = {"article", "body",  "content", "entry", "main",
                                               "post",    "story", "text",    "hentry"};

// Words that mark chrome when they occur anywhere in class or id. Long
// enough not to hide inside unrelated words.
constexpr std::string_view kNegativeWords[] = {
    "footer",    "header",     "sidebar",    "share",      "social",       "comment",
    "related",   "promo",      "advert",     "newsletter", "subscribe",    "cookie",
    "banner",    "menu",       "breadcrumb", "widget",     "recommend",    "more-stories",
    "tags",      "popular",    "sponsor",    "masthead",   "consent",      "trending",
    "most-read", "mostread",   "signup",     "sign-up",    "pagination",   "pager",
    "toolbar",   "popup",      "modal",      "disqus",     "outbrain",     "taboola",
    "skip-link", "read-more",  "readmore",   "author-bio", "gallery-list", "event-calendar",
    "calendar",  "video-list", "topbar",     "navbar",     "offcanvas"};

// The chrome words that still mean chrome on a paragraph or heading (a
// "share-text" <p> is a share bar's label), unlike layout words: a
// "subheader" <h2> is a heading of the text.
constexpr std::string_view kTextBlockNegativeWords[] = {
    "share",   "social",  "newsletter", "subscribe", "signup",  "sign-up", "promo",    "advert",
    "sponsor", "related", "recommend",  "cookie",    "consent", "comment", "outbrain", "taboola"};

// Short words that only count as a whole token of class/id (split at
// non-alphanumerics): "ad" must not fire on "head-line" or "load".
constexpr std::string_view kNegativeTokens[] = {"ad",  "ads",   "adv",   "nav", "navigation",
                                                "tag", "share", "print", "rss", "login"};

constexpr std::string_view kChromeTags[] = {"nav", "aside", "footer", "header", "menu", "dialog"};

constexpr std::string_view kBylineWords[] = {"byline", "author",     "dateline",
                                             "writer", "journalist", "reporter"};

// Photo captions and credits: text about an image, not article text.
constexpr std::string_view kCaptionWords[] = {"caption", "credit"};

// Photo galleries, slideshows and carousels: images with their own captions
// and controls ("Back to gallery", "1 of 12"), never running text.
constexpr std::string_view kGalleryWords[] = {"gallery", "slideshow", "carousel", "lightbox"};

// Dates and timestamps shown as labels ("Updated 5:27 am, Nov. 20, 2019"):
// words anywhere in class/id, and whole tokens that are too short to search
// inside words ("update" holds "date").
constexpr std::string_view kDateWords[] = {"timestamp", "dateline",  "pubdate",
                                           "datetime",  "published", "posted-on"};
constexpr std::string_view kDateTokens[] = {"date", "time"};

bool ContainsAny(std::string_view text, std::span<const std::string_view> words) {
  for (const std::string_view word : words) {
    if (text.find(word) != std::string_view::npos) return true;
  }
  return false;
}

bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool HasToken(std::string_view text, std::string_view token) {
  size_t pos = 0;
  while ((pos = text.find(token, pos)) != std::string_view::npos) {
    const size_t end = pos + token.size();
    if ((pos == 0 || !IsAlnum(text[pos - 1])) && (end == text.size() || !IsAlnum(text[end]))) {
      return true;
    }
    ++pos;
  }
  return false;
}

// For the metadata stages: a <header>, an element named after its header
// block only (BEM parts such as "doc_header__time", "article-header"), or a
// <footer> of an <article> (HTML: a footer "typically contains information
// about its section such as who wrote it"): bylines and dates live there.
bool IsArticleHeaderOrFooter(const Document& doc, NodeId id) {
  if (!doc.IsElement(id)) return false;
  if (doc.IsTag(id, "header")) return true;
  if (doc.IsTag(id, "footer")) return doc.ClosestTag(doc.node(id).parent, "article") != kNoNode;
  std::string hints = doc.ClassAndId(id);
  if (hints.find("header") == std::string::npos || hints.find("site") != std::string::npos ||
      hints.find("page") != std::string::npos) {
    return false;
  }
  for (size_t pos; (pos = hints.find("header")) != std::string::npos;) hints.replace(pos, 6, " ");
  return !ReadClassHints(hints).negative;
}

}  // namespace

ClassHints ReadClassHints(std::string_view class_and_id) {
  ClassHints hints;
  if (class_and_id.empty()) return hints;
  for (const std::string_view word : kPositiveWords) {
    if (class_and_id.find(word) != std::string_view::npos) {
      hints.positive = true;
      break;
    }
  }
  for (const std::string_view word : kNegativeWords) {
    if (class_and_id.find(word) != std::string_view::npos) {
      hints.negative = true;
      return hints;
    }
  }
  for (const std::string_view token : kNegativeTokens) {
    if (HasToken(class_and_id, token)) {
      hints.negative = true;
      break;
    }
  }
  return hints;
}

bool IsChromeTag(std::string_view tag) {
  for (const std::string_view t : kChromeTags) {
    if (t == tag) return true;
  }
  return false;
}

bool IsChromeElement(const Document& doc, NodeId id, bool use_class_hints) {
  if (!doc.IsElement(id)) return false;
  const std::string_view tag = doc.Tag(id);
  if (IsChromeTag(tag)) return true;
  if (!use_class_hints || tag == "html" || tag == "body" || tag == "main" || tag == "article") {
    return false;
  }
  const ClassHints hints = ReadClassHints(doc.ClassAndId(id));
  return hints.negative && !hints.positive;
}

std::vector<uint8_t> MarkChromeZones(const Document& doc, const std::vector<NodeStats>& stats,
                                     bool use_class_hints, bool header_is_chrome) {
  std::vector<uint8_t> chrome(doc.size(), 0);
  for (NodeId id = 1; id < doc.size(); ++id) {
    // Inside chrome everything is chrome: skip reading this node's class hints.
    if (chrome[doc.node(id).parent] || stats[id].invisible) {
      chrome[id] = 1;
      continue;
    }
    const bool header_exempt = !header_is_chrome && IsArticleHeaderOrFooter(doc, id);
    chrome[id] = !header_exempt && IsChromeElement(doc, id, use_class_hints);
  }
  return chrome;
}

bool HasBylineHint(std::string_view class_and_id) {
  return ContainsAny(class_and_id, kBylineWords);
}

bool IsChromeTextBlock(std::string_view class_and_id) {
  // No positive override: on a paragraph "text" or "body" only styles it.
  return ContainsAny(class_and_id, kTextBlockNegativeWords);
}

bool HasCaptionHint(std::string_view class_and_id) {
  return ContainsAny(class_and_id, kCaptionWords);
}

bool HasGalleryHint(std::string_view class_and_id) {
  return ContainsAny(class_and_id, kGalleryWords);
}

bool HasDateHint(std::string_view class_and_id) {
  if (ContainsAny(class_and_id, kDateWords)) return true;
  for (const std::string_view token : kDateTokens) {
    if (HasToken(class_and_id, token)) return true;
  }
  return false;
}

}  // namespace newsvault::parser
