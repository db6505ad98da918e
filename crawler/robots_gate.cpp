#include "crawler/robots_gate.h"

#include <utility>

#include "crawler/response_body.h"

namespace newsvault::crawler {

RobotsGate::RobotsGate(std::string_view user_agent, std::chrono::hours cache_ttl)
    : user_agent_(user_agent), cache_ttl_(cache_ttl) {}

RobotsState RobotsGate::StateOf(std::string_view origin) const {
  auto it = origins_.find(origin);
  return it == origins_.end() ? RobotsState::kUnknown : it->second.state;
}

void RobotsGate::MakeKnown(Origin& origin, RobotsTxt robots) {
  origin.state = RobotsState::kKnown;
  origin.hops = 0;
  origin.robots = std::move(robots);
}

bool RobotsGate::UseCached(std::string_view origin, const storage::RobotsCacheEntry& entry,
                           core::Timestamp now) {
  if (RobotsAccessForFetch(entry.status_code, entry.network_error) == RobotsAccess::kDisallowAll) {
    return false;  // an unreachable result is a reason to ask again, not a rule
  }
  if (now - entry.fetched >= cache_ttl_ || entry.fetched > now) return false;
  auto [it, inserted] = origins_.try_emplace(std::string(origin));
  MakeKnown(it->second, RobotsFromFetch(entry.status_code, entry.body, entry.network_error));
  return true;
}

std::string RobotsGate::StartFetch(std::string_view origin) {
  auto [it, inserted] = origins_.try_emplace(std::string(origin));
  it->second.state = RobotsState::kFetching;
  it->second.hops = 0;
  return std::string(origin) + "/robots.txt";
}

RobotsStep RobotsGate::OnFetched(std::string_view origin,
                                 const core::Result<core::HttpExchange>& result,
                                 core::Timestamp now) {
  auto [it, inserted] = origins_.try_emplace(std::string(origin));
  Origin& state = it->second;
  RobotsStep step;
  if (!result.ok()) {
    state.state = RobotsState::kUnknown;
    state.hops = 0;
    step.unreachable = true;
    step.detail = "robots.txt unreachable (" + result.error().message() + "): disallow all for now";
    return step;
  }
  const core::HttpExchange& exchange = *result;
  if (exchange.IsRedirect() && state.hops < kMaxRobotsRedirects) {
    if (std::optional<std::string> target = exchange.RedirectTarget()) {
      ++state.hops;
      step.next_url = std::move(target);
      step.detail = "robots.txt redirected to " + *step.next_url;
      return step;
    }
  }
  if (RobotsAccessForFetch(exchange.status_code, false) == RobotsAccess::kDisallowAll) {
    state.state = RobotsState::kUnknown;
    state.hops = 0;
    step.unreachable = true;
    step.detail = "robots.txt returned HTTP " + std::to_string(exchange.status_code) +
                  ": disallow all for now";
    return step;
  }
  storage::RobotsCacheEntry entry;
  entry.fetched = now;
  entry.status_code = exchange.status_code;
  if (exchange.status_code >= 200 && exchange.status_code < 300) {
    core::Result<core::DecodedContent> body = DecodeEntity(exchange, kRobotsMaxBytes);
    // Undecodable bytes read as an empty file: no rules, like a missing one.
    if (body.ok()) entry.body = std::move(body->bytes);
  }
  RobotsTxt robots = RobotsFromFetch(entry.status_code, entry.body, false);
  step.detail =
      "robots.txt HTTP " + std::to_string(exchange.status_code) + ": " +
      (robots.access == RobotsAccess::kRules ? std::to_string(robots.groups.size()) + " groups"
                                             : robots.access_reason);
  MakeKnown(state, std::move(robots));
  step.cache_entry = std::move(entry);
  return step;
}

RobotsDecision RobotsGate::Decide(std::string_view origin, std::string_view url) const {
  auto it = origins_.find(origin);
  if (it == origins_.end() || it->second.state != RobotsState::kKnown) {
    RobotsDecision decision;
    decision.allowed = false;
    decision.reason = "robots.txt not known yet";
    return decision;
  }
  return crawler::Decide(it->second.robots, user_agent_, url);
}

std::optional<double> RobotsGate::CrawlDelaySeconds(std::string_view origin) const {
  auto it = origins_.find(origin);
  if (it == origins_.end() || it->second.state != RobotsState::kKnown) return std::nullopt;
  return crawler::Decide(it->second.robots, user_agent_, "/").crawl_delay_seconds;
}

std::vector<std::string> RobotsGate::Sitemaps(std::string_view origin) const {
  auto it = origins_.find(origin);
  if (it == origins_.end() || it->second.state != RobotsState::kKnown) return {};
  return it->second.robots.sitemaps;
}

}  // namespace newsvault::crawler
