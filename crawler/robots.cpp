#include "crawler/robots.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <system_error>

#include "core/ascii.h"
#include "core/url.h"
#include "crawler/robots_matcher.h"

namespace newsvault::crawler {
namespace {

enum class Field { kUserAgent, kAllow, kDisallow, kCrawlDelay, kSitemap, kUnknown };

struct FieldName {
  std::string_view name;  // lowercase
  Field field;
  bool misspelled;
};

// Exact names (RFC 9309 §2.2, plus Crawl-delay and Sitemap, §2.2.4) and the
// misspellings seen on real sites, read as what they meant but reported.
constexpr FieldName kFieldNames[] = {
    {"user-agent", Field::kUserAgent, false},  {"allow", Field::kAllow, false},
    {"disallow", Field::kDisallow, false},     {"crawl-delay", Field::kCrawlDelay, false},
    {"sitemap", Field::kSitemap, false},       {"user agent", Field::kUserAgent, true},
    {"useragent", Field::kUserAgent, true},    {"user_agent", Field::kUserAgent, true},
    {"dissallow", Field::kDisallow, true},     {"dissalow", Field::kDisallow, true},
    {"disalow", Field::kDisallow, true},       {"diasllow", Field::kDisallow, true},
    {"disallaw", Field::kDisallow, true},      {"dis-allow", Field::kDisallow, true},
    {"crawl delay", Field::kCrawlDelay, true}, {"crawldelay", Field::kCrawlDelay, true},
    {"site-map", Field::kSitemap, true},
};

const FieldName* LookUpField(std::string_view key) {
  for (const FieldName& f : kFieldNames) {
    if (core::EqualsIgnoreCase(key, f.name)) return &f;
  }
  return nullptr;
}

std::string_view FieldLabel(Field field) {
  switch (field) {
    case Field::kUserAgent:
      return "user-agent";
    case Field::kAllow:
      return "allow";
    case Field::kDisallow:
      return "disallow";
    case Field::kCrawlDelay:
      return "crawl-delay";
    case Field::kSitemap:
      return "sitemap";
    case Field::kUnknown:
      break;
  }
  return "unknown";
}

// RFC 9309 §2.2.1: product-token = identifier / "*"; identifier = 1*(A-Z a-z - _).
bool IsValidProductToken(std::string_view token) {
  if (token == "*") return true;
  if (token.empty()) return false;
  return std::all_of(token.begin(), token.end(),
                     [](char c) { return core::IsAsciiAlpha(c) || c == '-' || c == '_'; });
}

class Parser {
 public:
  RobotsTxt Run(std::string_view body) {
    if (body.size() > kRobotsMaxBytes) {
      // §2.5: read the first 500 KiB. A line cut by the limit is dropped
      // whole: its tail could have been anything.
      body = body.substr(0, kRobotsMaxBytes);
      const size_t last_break = body.find_last_of("\r\n");
      body = last_break == std::string_view::npos ? std::string_view() : body.substr(0, last_break);
      out_.truncated = true;
      Odd(0, "file longer than " + std::to_string(kRobotsMaxBytes) +
                 " bytes: the rest is ignored (RFC 9309 §2.5)");
    }
    if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);  // UTF-8 BOM
    int line_number = 0;
    size_t pos = 0;
    while (pos < body.size()) {
      size_t end = body.find_first_of("\r\n", pos);
      if (end == std::string_view::npos) end = body.size();
      ++line_number;
      ParseLine(body.substr(pos, end - pos), line_number);
      // CRLF, CR or LF: each is one line break.
      pos = end;
      if (pos < body.size() && body[pos] == '\r') ++pos;
      if (pos < body.size() && body[pos] == '\n') ++pos;
    }
    return std::move(out_);
  }

 private:
  void Odd(int line, std::string message) { out_.oddities.push_back({line, std::move(message)}); }

  void ParseLine(std::string_view line, int number) {
    const bool overlong = line.size() > kRobotsMaxLineBytes;
    if (overlong) line = line.substr(0, kRobotsMaxLineBytes);
    const size_t hash = line.find('#');  // §2.2: comments run to the end of the line
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    line = core::TrimAsciiSpace(line);
    if (line.empty()) return;

    std::string_view key;
    std::string_view value;
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      key = core::TrimAsciiSpace(line.substr(0, colon));
      value = core::TrimAsciiSpace(line.substr(colon + 1));
    } else {
      // "Disallow /private": accepted when the first word is a field name.
      const size_t space = line.find_first_of(" \t");
      key = line.substr(0, space == std::string_view::npos ? line.size() : space);
      value = space == std::string_view::npos ? std::string_view()
                                              : core::TrimAsciiSpace(line.substr(space));
      if (LookUpField(key) == nullptr) {
        Odd(number, "line without ':' ignored");
        return;
      }
      Odd(number, "missing ':' after '" + std::string(key) + "'");
    }
    const FieldName* name = LookUpField(key);
    if (name == nullptr) {
      Odd(number, "unknown field '" + std::string(key) + "' ignored");
      return;
    }
    if (name->misspelled) {
      Odd(number, "misspelled field '" + std::string(key) + "' read as '" +
                      std::string(FieldLabel(name->field)) + "'");
    }
    const bool is_rule = name->field == Field::kAllow || name->field == Field::kDisallow;
    if (overlong && !is_rule) {  // rules say themselves what the cut means
      Odd(number, "overlong line cut at " + std::to_string(kRobotsMaxLineBytes) + " bytes");
    }
    switch (name->field) {
      case Field::kUserAgent:
        return UserAgent(value, number);
      case Field::kAllow:
      case Field::kDisallow:
        return Rule(name->field == Field::kAllow, value, line, number, overlong);
      case Field::kCrawlDelay:
        return CrawlDelay(value, number);
      case Field::kSitemap:
        return Sitemap(value, number);
      case Field::kUnknown:
        return;
    }
  }

  // §2.1: consecutive user-agent lines open one group; a user-agent line after
  // a rule opens the next.
  void UserAgent(std::string_view value, int number) {
    if (!in_agent_lines_) {
      out_.groups.emplace_back();
      in_agent_lines_ = true;
    }
    const std::string token = RobotsProductToken(value);
    if (token.empty()) {
      Odd(number, "empty user-agent");
      return;
    }
    if (!IsValidProductToken(token)) {
      Odd(number, "user-agent '" + token + "' is not a product token (letters, '-', '_')");
    }
    out_.groups.back().agents.push_back(token);
  }

  RobotsGroup* CurrentGroup(int number, std::string_view what) {
    if (out_.groups.empty()) {
      Odd(number, std::string(what) + " before any user-agent line ignored");
      return nullptr;
    }
    in_agent_lines_ = false;
    return &out_.groups.back();
  }

  void Rule(bool allow, std::string_view value, std::string_view line, int number, bool overlong) {
    RobotsGroup* group = CurrentGroup(number, allow ? "allow" : "disallow");
    if (group == nullptr) return;
    if (value.empty()) return;  // §2.2.2: an empty path matches nothing ("Disallow:" allows all)
    if (overlong) {
      if (allow) {
        Odd(number,
            "overlong allow line dropped (over " + std::to_string(kRobotsMaxLineBytes) + " bytes)");
        return;
      }
      Odd(number,
          "overlong disallow line cut at " + std::to_string(kRobotsMaxLineBytes) + " bytes");
    }
    std::string pattern(value);
    if (pattern.front() != '/' && pattern.front() != '*') {
      // Paths always start with '/': without one the rule could never match.
      Odd(number, "pattern '" + pattern + "' does not start with '/'; read as '/" + pattern + "'");
      pattern.insert(pattern.begin(), '/');
    }
    group->rules.push_back({allow, NormalizeRobotsPattern(pattern), number, std::string(line)});
  }

  void CrawlDelay(std::string_view value, int number) {
    RobotsGroup* group = CurrentGroup(number, "crawl-delay");
    if (group == nullptr) return;
    double seconds = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (value.empty() || error != std::errc() || end != value.data() + value.size() ||
        !std::isfinite(seconds) || seconds < 0) {
      Odd(number, "crawl-delay '" + std::string(value) + "' is not a number of seconds");
      return;
    }
    // Two delays in one group: the larger is the polite reading.
    group->crawl_delay_seconds = std::max(group->crawl_delay_seconds.value_or(0.0), seconds);
  }

  // §2.2.4: sitemaps are not tied to a group and do not end one.
  void Sitemap(std::string_view value, int number) {
    if (!core::Url::Parse(value).ok()) {
      Odd(number, "sitemap '" + std::string(value) + "' is not an absolute http(s) URL");
      return;
    }
    out_.sitemaps.emplace_back(value);
  }

  RobotsTxt out_;
  bool in_agent_lines_ = false;  // the last group line was a user-agent line
};

}  // namespace

RobotsTxt ParseRobotsTxt(std::string_view body) { return Parser().Run(body); }

RobotsAccess RobotsAccessForFetch(int status_code, bool network_error) {
  if (network_error) return RobotsAccess::kDisallowAll;                       // §2.3.1.4
  if (status_code >= 200 && status_code <= 299) return RobotsAccess::kRules;  // §2.3.1.1
  if (status_code == 429) return RobotsAccess::kDisallowAll;
  if (status_code >= 300 && status_code <= 499) return RobotsAccess::kAllowAll;  // §2.3.1.2-3
  return RobotsAccess::kDisallowAll;  // 5xx (§2.3.1.4), and statuses that mean nothing here
}

RobotsTxt RobotsFromFetch(int status_code, std::string_view body, bool network_error) {
  const RobotsAccess access = RobotsAccessForFetch(status_code, network_error);
  if (access == RobotsAccess::kRules) return ParseRobotsTxt(body);
  RobotsTxt robots;
  robots.access = access;
  robots.access_reason = network_error ? std::string("robots.txt unreachable (network error)")
                                       : "robots.txt returned HTTP " + std::to_string(status_code);
  robots.access_reason += access == RobotsAccess::kAllowAll ? ": allow all" : ": disallow all";
  return robots;
}

std::string RobotsProductToken(std::string_view user_agent) {
  user_agent = core::TrimAsciiSpace(user_agent);
  const size_t end = std::min(user_agent.find('/'), user_agent.find_first_of(" \t"));
  return core::AsciiLowercase(user_agent.substr(0, end));
}

RobotsDecision Decide(const RobotsTxt& robots, std::string_view agent,
                      std::string_view url_or_path) {
  RobotsDecision decision;
  const std::string path = RobotsPathOf(url_or_path);
  if (std::string_view(path).substr(0, path.find('?')) == "/robots.txt") {
    decision.reason = "/robots.txt is always allowed";
    return decision;
  }
  if (robots.access != RobotsAccess::kRules) {
    decision.allowed = robots.access == RobotsAccess::kAllowAll;
    decision.reason = robots.access_reason;
    return decision;
  }

  // §2.2.1: every group naming the agent applies, merged; else every "*" group.
  const std::string token = RobotsProductToken(agent);
  std::vector<const RobotsGroup*> groups;
  for (const std::string& wanted : {token, std::string("*")}) {
    if (wanted.empty()) continue;
    for (const RobotsGroup& group : robots.groups) {
      if (std::find(group.agents.begin(), group.agents.end(), wanted) != group.agents.end()) {
        groups.push_back(&group);
      }
    }
    if (!groups.empty()) {
      decision.agent_group = wanted;
      break;
    }
  }
  if (groups.empty()) {
    decision.reason = "no group for agent";
    return decision;
  }

  const std::string normalized = NormalizeRobotsPath(path);
  const RobotsRule* best = nullptr;
  for (const RobotsGroup* group : groups) {
    if (group->crawl_delay_seconds) {
      decision.crawl_delay_seconds =
          std::max(decision.crawl_delay_seconds.value_or(0.0), *group->crawl_delay_seconds);
    }
    for (const RobotsRule& rule : group->rules) {
      if (!RobotsPatternMatches(rule.pattern, normalized)) continue;
      // §2.2.2: the most octets wins; Allow wins a tie; then the earlier line.
      if (best == nullptr || rule.pattern.size() > best->pattern.size() ||
          (rule.pattern.size() == best->pattern.size() && rule.allow && !best->allow)) {
        best = &rule;
      }
    }
  }
  if (best == nullptr) {
    decision.reason = "no matching rule";
    return decision;
  }
  decision.allowed = best->allow;
  decision.line = best->line;
  decision.rule = best->text;
  return decision;
}

}  // namespace newsvault::crawler
