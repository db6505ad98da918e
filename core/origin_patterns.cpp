#include "core/origin_patterns.h"

#include <algorithm>

#include "core/url.h"

namespace newsvault::core {

std::string RegexEscape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::vector<std::string> OriginAllowPatterns(const std::vector<std::string>& seeds) {
  std::vector<std::string> patterns;
  for (const std::string& seed : seeds) {
    Result<Url> url = Url::Parse(seed);
    if (!url.ok()) continue;
    std::string pattern = "^" + RegexEscape(url->scheme() + "://" + url->Authority() + "/");
    if (std::find(patterns.begin(), patterns.end(), pattern) == patterns.end()) {
      patterns.push_back(std::move(pattern));
    }
  }
  return patterns;
}

}  // namespace newsvault::core
