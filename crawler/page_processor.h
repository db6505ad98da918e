// PageProcessor: what the crawler learns from one fetched exchange of a
// frontier entry — whether it is an article (and the article), the URLs it
// leads to, and the validators for the next conditional GET (issue 3 items 2,
// 5, 7). It reads; it stores nothing and touches no network.
//
// By the entry's kind and the response:
//  - 3xx with a Location: the target, canonicalised, with the same site, kind
//    (a revisit's target is a page) and depth and one more redirect hop, while
//    redirect_hops < max_redirects; loops end in the frontier's dedup;
//  - 2xx kPage / kRevisit HTML: parsed once (Gumbo) for both the article and
//    the links. Article: the site's article_pattern matches the URL, or with
//    no pattern the extractor finds one (parser::LooksLikeArticle); a revisit
//    is an article whatever this capture says, so it keeps its schedule, and
//    any text extracted from it is versioned (an article cut to a brief has
//    changed, even if it would no longer pass as a new article).
//    Links (<a>, <area>, rel=next/prev) are followed while depth < max_depth
//    at depth + 1, except nofollow ones; <link rel=alternate> feeds of
//    non-article pages become kFeed entries (an article's own alternate is
//    usually its comment feed, not news);
//  - 2xx kFeed: RSS/Atom entries become kPage entries at depth 1;
//  - 2xx kSitemap: a sitemap index's entries are kSitemap, a urlset's or text
//    sitemap's are kPage at depth 1 (.xml.gz inflated under a cap);
//  - other statuses (304, 4xx, 5xx): nothing discovered.
// Every discovered URL is canonicalised (core/url_canonicalizer.h) and must be
// in the site's scope, except sitemap-index children (a site may keep its
// sitemaps on another host; their entries are scope-checked in turn).
//
// Thread safety: a pure function; the scope is read-only.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/article.h"
#include "core/http_exchange.h"
#include "core/timestamp.h"
#include "core/url_canonicalizer.h"
#include "crawler/crawl_scope.h"
#include "storage/crawl_store.h"

namespace newsvault::crawler {

struct PageProcessorOptions {
  // Cap on the decoded body handed to the parsers (gzip bombs). Default 64 MiB.
  size_t max_decoded_bytes = 64u << 20;
  // Redirect hops of one chain followed; the target of the last is dropped. Default 10.
  size_t max_redirects = 10;
  core::CanonicalizeOptions canonicalize;
};

struct ProcessedPage {
  // The done URL is an article (versions, revisit schedule).
  bool is_article = false;
  // The extracted article, set when is_article and the response held one
  // (a 304 or an error status of a revisit has none).
  std::optional<core::Article> article;
  std::vector<storage::FrontierEntry> discovered;
  // From a 2xx response with ETag or Last-Modified.
  std::optional<storage::Validators> validators;
  // Why nothing was read, for the event log ("not HTML (image/png)", "broken gzip data").
  std::vector<std::string> notes;
};

ProcessedPage ProcessPage(const core::HttpExchange& exchange, const storage::FrontierEntry& entry,
                          const CrawlScope& scope, const PageProcessorOptions& options,
                          core::Timestamp now);

}  // namespace newsvault::crawler
