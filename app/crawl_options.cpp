// Config and flags to CrawlerOptions; see crawl_options.h.
#include "app/crawl_options.h"

#include <algorithm>

namespace newsvault::app {

std::string CrawlUserAgent(std::string_view product, std::string_view version,
                           std::string_view contact) {
  std::string agent = std::string(product) + "/" + std::string(version);
  if (!contact.empty()) agent += " (+" + std::string(contact) + ")";
  return agent;
}

core::Result<crawler::CrawlerOptions> MakeCrawlerOptions(const config::CrawlConfig& config,
                                                         const CrawlFlags& flags,
                                                         std::string_view version) {
  for (const std::string& wanted : flags.sites) {
    const bool known = std::any_of(config.sites.begin(), config.sites.end(),
                                   [&](const config::SiteConfig& s) { return s.name == wanted; });
    if (known) continue;
    std::string names;
    for (const config::SiteConfig& s : config.sites) names += (names.empty() ? "" : ", ") + s.name;
    return core::Status::InvalidArgument(
        "--site: no site named \"" + wanted +
        "\" in the config; known sites: " + (names.empty() ? "(none)" : names));
  }

  crawler::CrawlerOptions options;
  for (const config::SiteConfig& s : config.sites) {
    if (!flags.sites.empty() &&
        std::find(flags.sites.begin(), flags.sites.end(), s.name) == flags.sites.end()) {
      continue;
    }
    crawler::CrawlSite site;
    site.name = s.name;
    site.seeds = s.seeds;
    site.feeds = s.feeds;
    site.sitemaps = s.sitemaps;
    site.allow = s.allow;
    site.deny = s.deny;
    site.article_pattern = s.article_pattern;
    site.max_depth = s.max_depth;
    site.extract = {s.extract.body, s.extract.title, s.extract.published, s.extract.authors,
                    s.extract.drop};
    options.sites.push_back(std::move(site));
  }

  const config::CrawlOptions& c = config.crawl;
  options.user_agent = CrawlUserAgent(c.user_agent, version, c.contact);
  options.fetch.user_agent = options.user_agent;
  options.concurrency = c.concurrency;
  options.politeness.connections_per_host = c.connections_per_host;
  options.politeness.min_delay = c.min_delay;
  options.politeness.delay_factor = c.delay_factor;
  options.politeness.max_delay = c.max_delay;
  options.respect_robots = c.respect_robots;
  options.allow_private_addresses = c.allow_private_addresses;
  options.max_pages = flags.max_pages.value_or(c.max_pages);
  options.max_time = flags.max_time.value_or(c.max_time);
  options.revisit.clear();
  for (const config::RevisitStep& step : c.revisit) {
    options.revisit.push_back({step.age, step.interval});
  }
  options.revisit_all = flags.revisit_all;
  return options;
}

}  // namespace newsvault::app
