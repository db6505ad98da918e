// CrawlRunner setup: scopes, and the entries a new run starts from (seeds,
// configured feeds and sitemaps, articles due for revisit). See crawl_run.h.
#include <algorithm>
#include <utility>

#include "core/url_canonicalizer.h"
#include "crawler/crawl_run.h"

namespace newsvault::crawler {
namespace {

using storage::EnqueuePolicy;
using storage::FrontierEntry;
using storage::FrontierKind;

// Revisits are enqueued in batches while the due index is scanned, so a large
// archive is never held in memory at once.
constexpr size_t kRevisitBatch = 1'000;

}  // namespace

CrawlRunner::CrawlRunner(const CrawlerOptions& options, Fetcher& fetcher, storage::Archive& archive,
                         const core::Clock& clock, const std::atomic<bool>& stop,
                         CrawlEventSink& sink)
    : options_(options),
      fetcher_(fetcher),
      archive_(archive),
      store_(archive.Crawl()),
      clock_(clock),
      stop_(stop),
      sink_(sink),
      scheduler_(archive.Crawl(), options.politeness, clock),
      robots_(options.user_agent, options.robots_cache_ttl) {
  processor_options_.max_decoded_bytes = options_.max_decoded_bytes;
  processor_options_.max_redirects = options_.max_redirects;
  processor_options_.canonicalize = options_.canonicalize;
  fetch_options_ = options_.fetch;
  fetch_options_.user_agent = options_.user_agent;
  fetch_options_.allow_private_addresses = options_.allow_private_addresses;
}

CrawlRunner::~CrawlRunner() {
  // Workers may still hold references to this object's members.
  if (pool_) pool_->Shutdown();
}

core::Status CrawlRunner::BuildScopes() {
  if (options_.sites.empty()) return core::Status::InvalidArgument("no site to crawl");
  for (const CrawlSite& site : options_.sites) {
    if (site.name.empty()) return core::Status::InvalidArgument("a site has no name");
    if (site.seeds.empty() && site.feeds.empty() && site.sitemaps.empty()) {
      return core::Status::InvalidArgument("site '" + site.name +
                                           "' has no seeds, feeds or sitemaps");
    }
    if (scopes_.count(site.name) != 0) {
      return core::Status::InvalidArgument("site '" + site.name + "' is listed twice");
    }
    ASSIGN_OR_RETURN(CrawlScope scope, CrawlScope::Create(site));
    scopes_.emplace(site.name, std::move(scope));
    RETURN_IF_ERROR(PrepareConfigured(site));
  }
  return core::Status::Ok();
}

const CrawlScope* CrawlRunner::ScopeOf(const std::string& site) const {
  auto it = scopes_.find(site);
  return it == scopes_.end() ? nullptr : &it->second;
}

core::Status CrawlRunner::Enqueue(const std::vector<FrontierEntry>& entries, EnqueuePolicy policy) {
  if (entries.empty()) return core::Status::Ok();
  ASSIGN_OR_RETURN(std::vector<storage::FrontierItem> added,
                   store_.Enqueue(entries, summary_.run_id, policy));
  scheduler_.OnEnqueued(added);
  return core::Status::Ok();
}

core::Status CrawlRunner::PrepareConfigured(const CrawlSite& site) {
  auto add = [&](const std::vector<std::string>& urls, FrontierKind kind) -> core::Status {
    for (const std::string& url : urls) {
      core::Result<std::string> canonical = core::Canonicalize(url, options_.canonicalize);
      if (!canonical.ok()) {
        return core::Status::InvalidArgument(
            "site '" + site.name + "': " + std::string(storage::FrontierKindName(kind)) + " '" +
            url + "' is not a URL to crawl: " + canonical.error().message());
      }
      FrontierEntry entry;
      entry.url = std::move(canonical).value();
      entry.site = site.name;
      entry.kind = kind;
      configured_.push_back(std::move(entry));
    }
    return core::Status::Ok();
  };
  // Feeds and sitemaps first: they name the newest articles.
  RETURN_IF_ERROR(add(site.feeds, FrontierKind::kFeed));
  RETURN_IF_ERROR(add(site.sitemaps, FrontierKind::kSitemap));
  return add(site.seeds, FrontierKind::kPage);
}

core::Status CrawlRunner::EnqueueDueRevisits(bool all) {
  std::vector<FrontierEntry> batch;
  const core::Timestamp now = clock_.Now();
  core::Status scanned =
      store_.ForEachDueRevisit(now, all, [&](const storage::RevisitState& state) -> core::Status {
        const CrawlScope* scope = ScopeOf(state.site);
        if (scope == nullptr) return core::Status::Ok();  // a site not crawled this run
        FrontierEntry entry;
        entry.url = state.url;
        entry.site = state.site;
        entry.kind = FrontierKind::kRevisit;
        // A revisit checks the article for edits; its links were followed
        // when it was new, so it starts at the depth limit.
        entry.depth = scope->max_depth();
        batch.push_back(std::move(entry));
        if (batch.size() < kRevisitBatch) return core::Status::Ok();
        core::Status status = Enqueue(batch, EnqueuePolicy::kForce);
        batch.clear();
        return status;
      });
  RETURN_IF_ERROR(scanned);
  return Enqueue(batch, EnqueuePolicy::kForce);
}

core::Status CrawlRunner::Seed(bool resumed) {
  if (!resumed) {
    RETURN_IF_ERROR(Enqueue(configured_, EnqueuePolicy::kForce));
    return EnqueueDueRevisits(options_.revisit_all);
  }
  // A resumed run keeps its frontier. The process that began it may have been
  // killed while seeding, so the configured entries are offered again under
  // the once-per-run rule (those fetched or waiting in this run are skipped),
  // and so are revisits still due (those done in this run are due later);
  // --revisit-all is not repeated.
  RETURN_IF_ERROR(Enqueue(configured_, EnqueuePolicy::kOncePerRun));
  return EnqueueDueRevisits(false);
}

}  // namespace newsvault::crawler
