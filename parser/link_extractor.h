// ExtractLinks: the outlinks of an HTML page that a crawler may follow, in
// document order, made absolute against the page (issue 3, items 2 and 5).
//
// Read from the Document (dom.h) the parser builds:
//   <a href>, <area href>                        -> kAnchor
//   <link rel=alternate type=application/rss+xml
//         or application/atom+xml href>           -> kFeed (feed discovery)
//   <link rel=canonical href>                     -> kCanonical
//   <link rel=next|prev|previous href>            -> kPagination
// References resolve against the first <base href> (HTML Living Standard
// "document base URL"), itself resolved against the page URL, and then go
// through core::Url (RFC 3986 §5.2 resolution, §6.2.2 normalisation; the
// fragment is dropped). Skipped: fragment-only references ("#top"),
// references that are not http(s) (mailto:, javascript:, tel:, data:...),
// references that do not resolve, links inside <template> (inert markup).
// rel=nofollow links are kept but flagged, as are all links of a page whose
// <meta name=robots> says nofollow or none: following them is the caller's
// policy. Identical URLs are reported once (see Link), at most
// kMaxLinksPerPage per page. Tracking parameters are not removed here:
// callers canonicalise (core/url_canonicalizer.h) with the site's options.
//
// Never fails: any input yields a (possibly empty) list.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parser/dom.h"

namespace newsvault::parser {

// Bounds on what one page can add to the frontier: a hostile or generated page
// must not cost unbounded memory. Real news fronts carry a few hundred links.
inline constexpr size_t kMaxLinksPerPage = 10'000;
// Anchor text is a hint for logs and scoring, not content: capped, in code points.
inline constexpr size_t kMaxLinkTextChars = 200;
// References longer than this are skipped; RFC 9110 §4.1 asks senders to
// support at least 8000 octets, and longer ones are crawler traps in practice.
inline constexpr size_t kMaxLinkUrlBytes = 8192;

enum class LinkKind : uint8_t {
  kAnchor,      // <a href>, <area href>
  kFeed,        // <link rel=alternate> to an RSS or Atom feed
  kCanonical,   // <link rel=canonical>
  kPagination,  // <link rel=next|prev>: the next/previous page of a listing
};

std::string_view LinkKindName(LinkKind kind);  // "anchor", "feed", ...

struct Link {
  // Absolute http(s) URL, normalised by core::Url (no fragment), not yet
  // canonicalised.
  std::string url;
  // Anchor text, white space collapsed and trimmed, at most kMaxLinkTextChars
  // code points; when the anchor has no text, its image's alt or its title
  // attribute. An <area>'s alt, a <link>'s title. May be empty. When a URL
  // occurs several times, the first occurrence is kept and only its empty
  // text is filled from a later one (a teaser's image link, then its headline).
  std::string text;
  // The rel attribute's tokens, lowercase, single-space separated ("" when none).
  std::string rel;
  LinkKind kind = LinkKind::kAnchor;
  // rel contains "nofollow", or the page's robots meta tag says nofollow.
  // When a URL occurs several times, it is nofollow only if every occurrence is.
  bool nofollow = false;
};

struct LinkExtractInput {
  std::string_view html_utf8;  // the decoded page
  std::string_view page_url;   // absolute URL the page was fetched from
};

// Parses the HTML (gumbo_document.h) and extracts its links.
std::vector<Link> ExtractLinks(const LinkExtractInput& input);

// Same, from a Document already parsed (the crawler parses each page once
// for both article and link extraction).
std::vector<Link> ExtractLinks(const Document& doc, std::string_view page_url);

}  // namespace newsvault::parser
