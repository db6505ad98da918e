// CrawlSummary::ToJson and CrawlEventKindName (declared in crawler/crawler.h):
// the names scripts read from `newsvault crawl` logs and summaries.
//
// Thread safety: pure functions.
#include <nlohmann/json.hpp>

#include "crawler/crawler.h"

namespace newsvault::crawler {

std::string_view CrawlEventKindName(CrawlEvent::Kind kind) {
  switch (kind) {
    case CrawlEvent::Kind::kFetched:
      return "fetched";
    case CrawlEvent::Kind::kNotModified:
      return "not_modified";
    case CrawlEvent::Kind::kNewArticle:
      return "new_article";
    case CrawlEvent::Kind::kNewVersion:
      return "new_version";
    case CrawlEvent::Kind::kError:
      return "error";
    case CrawlEvent::Kind::kSkipped:
      return "skipped";
    case CrawlEvent::Kind::kHostDropped:
      return "host_dropped";
    case CrawlEvent::Kind::kRobots:
      return "robots";
  }
  return "unknown";
}

std::string CrawlSummary::ToJson() const {
  nlohmann::ordered_json j;
  j["run_id"] = run_id;
  j["resumed"] = resumed;
  j["pages_fetched"] = pages_fetched;
  j["new_articles"] = new_articles;
  j["new_versions"] = new_versions;
  j["not_modified"] = not_modified;
  j["bytes"] = bytes;
  j["errors"] = nlohmann::ordered_json::object();
  for (const auto& [kind, count] : errors_by_kind) j["errors"][kind] = count;
  j["skipped"] = nlohmann::ordered_json::object();
  for (const auto& [kind, count] : skipped_by_kind) j["skipped"][kind] = count;
  j["frontier_left"] = frontier_left;
  j["stop_reason"] = stop_reason;
  j["duration_ms"] = duration.count();
  // Replace, not throw, on invalid UTF-8: the reason is ours, but be safe.
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace newsvault::crawler
