// ParseFeed: reads the entries of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, so
// the crawler can schedule the articles a site announces.
//
// Formats: RSS 2.0 (https://www.rssboard.org/rss-specification: channel/item
// with link, guid isPermaLink, title, pubDate in RFC 822 form), RSS 1.0
// (https://web.resource.org/rss/1.0/spec: rdf:RDF with item siblings of the
// channel, dc:date) and Atom (RFC 4287: feed/entry with link rel="alternate",
// id, title, published, updated; relative references resolved against
// xml:base, RFC 4287 §2 and XML Base §4.2). Namespaces are matched by URI, but
// feeds that omit a declaration (no xmlns, or an undeclared "dc:" prefix) are
// tolerated.
//
// Like every parser of web input here, ParseFeed never fails and never throws:
// it keeps what it can use (absolute http(s) entry URLs), caps input size
// (kMaxXmlInputBytes) and entries (kMaxFeedEntries), and reports what it
// skipped or repaired as `oddities`. Entities are never expanded (see
// xml_document.h).
//
// Thread safety: pure function; safe to call concurrently.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsvault::parser {

// Feeds list recent items (tens, rarely thousands); more entries than this
// are dropped and reported.
inline constexpr size_t kMaxFeedEntries = 50'000;

enum class FeedKind { kUnknown, kRss, kRdf, kAtom };
std::string_view FeedKindName(FeedKind kind);  // "unknown", "rss", "rdf", "atom"

struct FeedEntry {
  // Absolute http(s) URL of the entry's page: RSS link (or a permalink guid),
  // Atom link rel="alternate" (or with no rel), resolved and normalised.
  std::string url;
  // RSS guid or Atom id, as written; may be empty.
  std::string id;
  std::string title;  // text, trimmed; markup in an HTML title is not decoded
  // RFC 3339 ("2025-02-04T10:11:12-05:00"), keeping the feed's offset, or
  // empty. RSS pubDate or dc:date; Atom published (Atom 0.3: issued).
  std::string published;
  // RFC 3339 or empty. Atom updated (Atom 0.3: modified); RSS atom:updated or
  // dcterms:modified.
  std::string updated;
};

struct FeedParseResult {
  FeedKind kind = FeedKind::kUnknown;
  std::string title;               // the channel's or feed's title
  std::vector<FeedEntry> entries;  // in document order
  // What was skipped or repaired, one human-readable line each (capped at
  // kMaxOddities): XML errors recovered, entries without a usable link,
  // non-http(s) links, unparsable dates, truncation.
  std::vector<std::string> oddities;
};

// Parses `xml` fetched from `feed_url` (the base for relative links; an
// unparsable feed_url leaves only absolute links usable).
FeedParseResult ParseFeed(std::string_view xml, std::string_view feed_url);

}  // namespace newsvault::parser
