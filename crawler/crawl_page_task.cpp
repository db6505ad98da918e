#include "crawler/crawl_page_task.h"

#include <utility>

#include "core/digest.h"

namespace newsvault::crawler {
namespace {

// True when storing `article` for `url` will make a new version (see the header).
core::Result<bool> WillMakeNewVersion(storage::Archive& archive, std::string_view url,
                                      const core::Article& article) {
  ASSIGN_OR_RETURN(std::vector<storage::ArticleVersionRecord> versions, archive.Versions(url));
  if (versions.empty()) return true;
  return versions.back().text_digest != core::Sha1Base32Digest(article.NormalizedText());
}

core::Result<storage::RevisitState> NextRevisitState(const CrawlPageContext& context,
                                                     const storage::FrontierEntry& entry,
                                                     const core::HttpExchange& exchange,
                                                     const core::Article* article,
                                                     core::Timestamp now) {
  storage::RevisitState state;
  state.url = entry.url;
  state.site = entry.site;
  state.last_fetch = exchange.started;
  ASSIGN_OR_RETURN(std::optional<storage::RevisitState> previous,
                   context.store->GetRevisit(entry.url));
  bool changed = !previous.has_value();
  if (article != nullptr && previous) {
    ASSIGN_OR_RETURN(changed, WillMakeNewVersion(*context.archive, entry.url, *article));
  }
  state.last_change = changed ? exchange.started : previous->last_change;
  state.due = NextRevisit(*context.revisit, state.last_change, now);
  return state;
}

}  // namespace

CrawlPageResult RunCrawlPageTask(const CrawlPageContext& context, const CrawlScope& scope,
                                 const storage::FrontierItem& item,
                                 const core::HttpExchange& exchange, core::Timestamp now,
                                 FrontierDisposition disposition) {
  CrawlPageResult result;
  result.item = item;
  result.disposition = disposition;
  result.url = exchange.url;
  result.status_code = exchange.status_code;
  result.bytes = exchange.response_head.size() + exchange.response_body.size();

  if (disposition == FrontierDisposition::kRetry) {
    storage::CrawlUpdate keep;
    keep.run_id = context.run_id;
    result.stored = context.store->StoreCrawledCapture(exchange, nullptr, keep);
    return result;
  }
  ProcessedPage page = ProcessPage(exchange, item.entry, scope, *context.processor, now);
  result.has_article = page.article.has_value();
  if (page.article) result.title = page.article->title;
  result.notes = std::move(page.notes);

  storage::CrawlUpdate update;
  update.run_id = context.run_id;
  update.done_key = item.key;
  update.done_url = item.entry.url;
  update.is_article = page.is_article;
  update.discovered = std::move(page.discovered);
  update.validators = std::move(page.validators);
  const core::Article* article = page.article ? &*page.article : nullptr;
  if (page.is_article) {
    core::Result<storage::RevisitState> revisit =
        NextRevisitState(context, item.entry, exchange, article, now);
    if (!revisit.ok()) {
      result.stored =
          revisit.error().WithContext("could not read the revisit state of " + item.entry.url);
      return result;
    }
    update.revisit = std::move(revisit).value();
  }
  result.stored = context.store->StoreCrawledCapture(exchange, article, update);
  return result;
}

}  // namespace newsvault::crawler
