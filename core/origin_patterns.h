// OriginAllowPatterns: the default scope of a crawl site, one anchored regex
// per distinct seed origin (issue 3 item 1: "allow ... default: the seeds'
// hosts"). It lives in core because two rooms need the same rule: config
// (to show and validate the default) and crawler (to apply it); neither may
// depend on the other.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsvault::core {

// Escapes ECMAScript regex metacharacters so `text` matches itself.
std::string RegexEscape(std::string_view text);

// "^" + the regex-escaped "scheme://authority/" of each distinct parseable
// seed, in seed order: "https://example.com/news" -> "^https://example\.com/".
// Unparsable seeds are skipped.
std::vector<std::string> OriginAllowPatterns(const std::vector<std::string>& seeds);

}  // namespace newsvault::core
