// ParseSitemap: reads the URLs a site lists in a sitemap, a sitemap index or
// a plain-text sitemap, so the crawler finds articles no page links to.
//
// Formats (https://www.sitemaps.org/protocol.html): <urlset> with <url>
// entries (loc, lastmod in W3C datetime, changefreq, priority), including the
// Google News extension (news:news with news:publication_date and
// news:title, namespace http://www.google.com/schemas/sitemap-news/0.9);
// <sitemapindex> with <sitemap> entries (loc, lastmod); and a text file with
// one URL per line. Namespaces are matched by URI, but a sitemap that omits
// its namespace (or uses Google's old 0.84 one) is read all the same.
//
// Like every parser of web input here, it never fails and never throws: only
// http(s) locs are kept, at most kMaxSitemapEntries of them (the protocol's
// limit per file), input is capped at kMaxXmlInputBytes, gzip bombs are cut,
// and whatever was skipped or repaired is reported in `oddities`.
//
// Thread safety: pure functions; safe to call concurrently.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsvault::parser {

// The sitemaps protocol allows 50,000 URLs per sitemap (and per index).
inline constexpr size_t kMaxSitemapEntries = 50'000;
// ... and 50 MB (52,428,800 bytes) uncompressed: gzip input is inflated to
// at most this many bytes.
inline constexpr size_t kMaxSitemapBytes = 50u << 20;

// Google News sitemap extension namespace.
inline constexpr std::string_view kGoogleNewsNamespace =
    "http://www.google.com/schemas/sitemap-news/0.9";

enum class SitemapKind {
  kUnknown,  // nothing usable (not XML we know, empty, undecodable)
  kUrlset,   // <urlset>: page URLs
  kIndex,    // <sitemapindex>: URLs of further sitemaps
  kText,     // one URL per line
};
std::string_view SitemapKindName(SitemapKind kind);  // "unknown", "urlset", "index", "text"

struct SitemapEntry {
  // Absolute http(s) URL, normalised: a page (urlset, text) or a sitemap (index).
  std::string url;
  // RFC 3339 (a date alone stays "2025-02-04"), or empty.
  std::string lastmod;
  // One of always, hourly, daily, weekly, monthly, yearly, never; or empty.
  std::string changefreq;
  std::optional<double> priority;  // 0.0 .. 1.0 when given and valid
  // Google News: set when the entry has a news:news element.
  bool is_news = false;
  std::string news_title;
  std::string news_published;  // news:publication_date as RFC 3339, or empty
};

struct SitemapParseResult {
  SitemapKind kind = SitemapKind::kUnknown;
  std::vector<SitemapEntry> entries;  // in document order
  // What was skipped or repaired, one line each (capped at kMaxOddities).
  std::vector<std::string> oddities;
};

// Parses a decoded sitemap fetched from `sitemap_url` (the base for the rare
// relative loc). Input that does not start with '<' (after a BOM and white
// space) is read as a text sitemap.
SitemapParseResult ParseSitemap(std::string_view content, std::string_view sitemap_url);

// Like ParseSitemap, but first inflates `bytes` when they start with the gzip
// magic (1f 8b, RFC 1952 §2.3.1), as ".xml.gz" sitemaps are served. Output
// past kMaxSitemapBytes is cut (and reported), never expanded further.
SitemapParseResult ParseSitemapBytes(std::string_view bytes, std::string_view sitemap_url);

}  // namespace newsvault::parser
