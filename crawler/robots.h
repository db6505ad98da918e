// robots.txt per RFC 9309: parsing, the fetch-status policy, and the
// allow/disallow decision for one agent and URL.
//
// The parser takes untrusted bytes and never fails: it reads what it can use,
// skips the rest, caps sizes, and reports what it skipped or guessed as
// `oddities` (with line numbers) so a user can see why a site's rules act as
// they do (`newsvault robots`).
//
// What the crawler does around it (not here):
//  - fetch "/robots.txt" of each scheme+host+port, following up to 5 redirects
//    itself (RFC 9309 §2.3.1.2); after more than 5 it passes the last 3xx
//    status to RobotsFromFetch, which treats it as unavailable (allow all);
//  - retry an unreachable robots.txt (5xx, 429, network error) later in the run
//    while fetching nothing else from the host (§2.3.1.4);
//  - cache the result up to 24 h (§2.4), and cap Crawl-delay at 60 s.
//
// Thread safety: values and pure functions; a const RobotsTxt may be shared.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsvault::crawler {

// RFC 9309 §2.5: parsers must read at least 500 KiB; we read exactly that much.
inline constexpr size_t kRobotsMaxBytes = 500 * 1024;
// Longer lines are cut (a Disallow pattern, which only widens what is refused)
// or dropped (an Allow pattern, which would widen what is fetched).
inline constexpr size_t kRobotsMaxLineBytes = 16 * 1024;

struct RobotsRule {
  bool allow = false;
  std::string pattern;  // normalised (crawler/robots_matcher.h); never empty
  int line = 0;         // 1-based line in the file
  std::string text;     // the line as written, comment and outer spaces removed
};

// One group (§2.1): the user-agent lines that open it and the rules after them.
struct RobotsGroup {
  std::vector<std::string> agents;  // product tokens, lowercase; "*" for the default group
  std::vector<RobotsRule> rules;
  // Crawl-delay (not in RFC 9309, widely used) in seconds; callers cap it.
  std::optional<double> crawl_delay_seconds;
};

// Something in the file we skipped, repaired or could not read.
struct RobotsOddity {
  int line = 0;  // 1-based; 0 for the file as a whole
  std::string message;
};

// How a robots.txt fetch outcome is to be read (§2.3.1).
enum class RobotsAccess {
  kRules,        // 2xx: the parsed rules decide
  kAllowAll,     // 4xx (§2.3.1.3) or too many redirects (§2.3.1.2): no restrictions
  kDisallowAll,  // 5xx, 429, network error (§2.3.1.4): nothing may be fetched yet
};

struct RobotsTxt {
  RobotsAccess access = RobotsAccess::kRules;
  // Why access is not kRules, e.g. "robots.txt returned HTTP 503".
  std::string access_reason;
  std::vector<RobotsGroup> groups;    // in file order
  std::vector<std::string> sitemaps;  // absolute http(s) URLs from Sitemap lines (global)
  std::vector<RobotsOddity> oddities;
  bool truncated = false;  // the body was longer than kRobotsMaxBytes
};

// Parses a robots.txt body (UTF-8; a BOM is skipped; CR, LF or CRLF lines).
RobotsTxt ParseRobotsTxt(std::string_view body);

// The access policy for a robots.txt fetch outcome (§2.3.1): 2xx -> kRules;
// 3xx (only seen when the caller gave up after 5 redirects) and 4xx except 429
// -> kAllowAll; 5xx, 429, a network error, and any other status -> kDisallowAll.
// 429 is read as "unreachable" like 5xx, as major crawlers do: the server is
// asking us to slow down, not telling us there are no rules.
RobotsAccess RobotsAccessForFetch(int status_code, bool network_error);

// A RobotsTxt for a fetch outcome: the parsed body for 2xx, otherwise an empty
// one with `access` set by RobotsAccessForFetch and the body ignored.
RobotsTxt RobotsFromFetch(int status_code, std::string_view body, bool network_error);

struct RobotsDecision {
  bool allowed = true;
  int line = 0;      // the deciding rule's line; 0 when no rule decided
  std::string rule;  // the deciding rule's text, e.g. "Disallow: /private/"
  // Why, when no rule decided: "no matching rule", "no group for agent",
  // "/robots.txt is always allowed", or RobotsTxt::access_reason.
  std::string reason;
  std::string agent_group;  // "newsvault", "*", or "" when no group applied
  // The largest Crawl-delay of the groups that applied, seconds (uncapped).
  std::optional<double> crawl_delay_seconds;
};

// The product token of a User-Agent: the text before the first '/' or
// whitespace, lowercase ("NewsVault/0.1 (+https://x)" -> "newsvault").
std::string RobotsProductToken(std::string_view user_agent);

// Decides whether `agent` may fetch `url_or_path` (an absolute URL, or a path
// starting with '/', query included) under `robots` (§2.2):
//  - the groups naming the agent's product token (case-insensitive) are merged;
//    if none, the "*" groups; if none, everything is allowed (§2.2.1);
//  - of the rules whose pattern matches, the longest normalised pattern wins and
//    Allow wins a tie (§2.2.2); no match means allowed;
//  - "/robots.txt" is always allowed (§2.2.2).
RobotsDecision Decide(const RobotsTxt& robots, std::string_view agent,
                      std::string_view url_or_path);

}  // namespace newsvault::crawler
