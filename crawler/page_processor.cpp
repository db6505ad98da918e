#include "crawler/page_processor.h"

#include <utility>

#include "crawler/response_body.h"
#include "parser/article_extractor.h"
#include "parser/feed_parser.h"
#include "parser/gumbo_document.h"
#include "parser/link_extractor.h"
#include "parser/sitemap_parser.h"

namespace newsvault::crawler {
namespace {

using storage::FrontierEntry;
using storage::FrontierKind;

// Feed and sitemap entries count as one hop from a seed: they point at articles.
constexpr int kListedEntryDepth = 1;

class Discoverer {
 public:
  Discoverer(const FrontierEntry& from, const CrawlScope& scope,
             const PageProcessorOptions& options, std::vector<FrontierEntry>& out)
      : from_(from), scope_(scope), options_(options), out_(out) {}

  // Adds `url` when it canonicalises and (unless `any_host`) is in scope.
  void Add(std::string_view url, FrontierKind kind, int depth, int redirect_hops = 0,
           bool any_host = false) {
    core::Result<std::string> canonical = core::Canonicalize(url, options_.canonicalize);
    if (!canonical.ok()) return;
    if (!any_host && !scope_.InScope(*canonical)) return;
    if (*canonical == from_.url) return;  // a self link or self redirect
    FrontierEntry entry;
    entry.url = std::move(canonical).value();
    entry.site = from_.site;
    entry.kind = kind;
    entry.depth = depth;
    entry.redirect_hops = redirect_hops;
    entry.via = from_.url;
    out_.push_back(std::move(entry));
  }

 private:
  const FrontierEntry& from_;
  const CrawlScope& scope_;
  const PageProcessorOptions& options_;
  std::vector<FrontierEntry>& out_;
};

void ReadHtml(const core::HttpExchange& exchange, const FrontierEntry& entry,
              const CrawlScope& scope, const PageProcessorOptions& options, core::Timestamp now,
              ProcessedPage& page, Discoverer& discover) {
  core::Result<parser::DecodedPage> decoded = DecodeHtmlPage(exchange, options.max_decoded_bytes);
  if (!decoded.ok()) {
    page.notes.push_back(decoded.error().message());
    return;
  }
  if (!decoded->is_html) {
    page.notes.push_back(
        "not HTML (" + std::string(exchange.Header("Content-Type").value_or("unknown type")) + ")");
    return;
  }
  const std::string& html = decoded->text.utf8;
  const bool has_overrides = !scope.extract_overrides().empty();
  const parser::Document doc = parser::ParseHtml(html, {.keep_script_text = has_overrides});
  parser::ExtractInput input{html, exchange.url, now};
  if (has_overrides) input.overrides = &scope.extract_overrides();
  core::Article article = parser::ExtractArticle(doc, input);
  const std::optional<bool> by_pattern = scope.IsArticleUrl(entry.url);
  bool article_found = by_pattern.value_or(parser::LooksLikeArticle(article));
  if (entry.kind == FrontierKind::kRevisit) {
    // A known article that shrank below the extractor's bar (cut to a brief)
    // has still changed: any text is versioned; an empty page is not.
    // page.is_article is already true (ProcessPage).
    article_found = article_found || !article.body_text.empty();
  } else {
    page.is_article = article_found;
  }
  if (article_found) page.article = std::move(article);

  const bool follow = entry.depth < scope.max_depth();
  for (const parser::Link& link : parser::ExtractLinks(doc, exchange.url)) {
    switch (link.kind) {
      case parser::LinkKind::kAnchor:
      case parser::LinkKind::kPagination:
        if (follow && !link.nofollow) discover.Add(link.url, FrontierKind::kPage, entry.depth + 1);
        break;
      case parser::LinkKind::kFeed:
        if (!page.is_article) discover.Add(link.url, FrontierKind::kFeed, entry.depth + 1);
        break;
      case parser::LinkKind::kCanonical:
        break;  // the same page under its preferred name; the archive's urlkey covers it
    }
  }
}

void ReadFeed(const core::HttpExchange& exchange, const PageProcessorOptions& options,
              ProcessedPage& page, Discoverer& discover) {
  core::Result<core::DecodedContent> body = DecodeEntity(exchange, options.max_decoded_bytes);
  if (!body.ok()) {
    page.notes.push_back(body.error().message());
    return;
  }
  const parser::FeedParseResult feed = parser::ParseFeed(body->bytes, exchange.url);
  if (feed.kind == parser::FeedKind::kUnknown) page.notes.push_back("not a feed");
  for (const parser::FeedEntry& item : feed.entries) {
    discover.Add(item.url, FrontierKind::kPage, kListedEntryDepth);
  }
}

void ReadSitemap(const core::HttpExchange& exchange, const FrontierEntry& entry,
                 const PageProcessorOptions& options, ProcessedPage& page, Discoverer& discover) {
  // The sitemap cap bounds what a .xml.gz inflates to; a Content-Encoding
  // layer is undone under the same cap first.
  core::Result<core::DecodedContent> body =
      DecodeEntity(exchange, std::min(options.max_decoded_bytes, parser::kMaxSitemapBytes));
  if (!body.ok()) {
    page.notes.push_back(body.error().message());
    return;
  }
  const parser::SitemapParseResult sitemap = parser::ParseSitemapBytes(body->bytes, exchange.url);
  if (sitemap.kind == parser::SitemapKind::kUnknown) page.notes.push_back("not a sitemap");
  for (const parser::SitemapEntry& item : sitemap.entries) {
    if (sitemap.kind == parser::SitemapKind::kIndex) {
      discover.Add(item.url, FrontierKind::kSitemap, entry.depth, 0, /*any_host=*/true);
    } else {
      discover.Add(item.url, FrontierKind::kPage, kListedEntryDepth);
    }
  }
}

std::optional<storage::Validators> ReadValidators(const core::HttpExchange& exchange) {
  storage::Validators validators;
  validators.etag = std::string(exchange.Header("ETag").value_or(""));
  validators.last_modified = std::string(exchange.Header("Last-Modified").value_or(""));
  if (validators.etag.empty() && validators.last_modified.empty()) return std::nullopt;
  return validators;
}

}  // namespace

ProcessedPage ProcessPage(const core::HttpExchange& exchange, const FrontierEntry& entry,
                          const CrawlScope& scope, const PageProcessorOptions& options,
                          core::Timestamp now) {
  ProcessedPage page;
  // A known article stays one whatever this capture is (304, 404, 503), so
  // its revisit schedule goes on.
  page.is_article = entry.kind == FrontierKind::kRevisit;
  Discoverer discover(entry, scope, options, page.discovered);

  if (exchange.IsRedirect()) {
    const std::optional<std::string> target = exchange.RedirectTarget();
    if (!target) {
      page.notes.push_back("redirect without a usable Location");
    } else if (static_cast<size_t>(entry.redirect_hops) >= options.max_redirects) {
      page.notes.push_back("redirect chain longer than " + std::to_string(options.max_redirects) +
                           " hops: not followed");
    } else {
      const FrontierKind kind =
          entry.kind == FrontierKind::kRevisit ? FrontierKind::kPage : entry.kind;
      // Feeds and sitemaps may move to another host; pages stay in scope.
      const bool any_host = kind == FrontierKind::kFeed || kind == FrontierKind::kSitemap;
      discover.Add(*target, kind, entry.depth, entry.redirect_hops + 1, any_host);
    }
    return page;
  }
  if (exchange.status_code < 200 || exchange.status_code >= 300) return page;

  page.validators = ReadValidators(exchange);
  switch (entry.kind) {
    case FrontierKind::kPage:
    case FrontierKind::kRevisit:
      ReadHtml(exchange, entry, scope, options, now, page, discover);
      break;
    case FrontierKind::kFeed:
      ReadFeed(exchange, options, page, discover);
      break;
    case FrontierKind::kSitemap:
      ReadSitemap(exchange, entry, options, page, discover);
      break;
  }
  return page;
}

}  // namespace newsvault::crawler
