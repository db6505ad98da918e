// FetchWithRedirects: follows 3xx hops one exchange at a time (see redirect_follower.h).
#include "crawler/redirect_follower.h"

#include <algorithm>
#include <utility>

#include "core/url.h"

namespace newsvault::crawler {
namespace {

// The form loops are detected on, so "http://A:80/x" and "http://a/x#top" are one URL.
std::string LoopKey(const std::string& url) {
  core::Result<core::Url> parsed = core::Url::Parse(url);
  return parsed.ok() ? parsed->Normalized() : url;
}

std::string JoinChain(const std::vector<std::string>& urls, const std::string& last) {
  std::string text;
  for (const std::string& url : urls) text += url + " -> ";
  return text + last;
}

}  // namespace

RedirectChain FetchWithRedirects(HttpClient& client, const std::string& url,
                                 const FetchOptions& options, int max_redirects) {
  RedirectChain chain;
  std::vector<std::string> visited;       // as requested, for messages
  std::vector<std::string> visited_keys;  // normalised, for loop detection
  std::string next = url;
  int redirects_followed = 0;
  for (;;) {
    core::Result<core::HttpExchange> hop = client.FetchOne(next, options);
    if (!hop.ok()) {
      chain.status = hop.error();
      return chain;
    }
    visited.push_back(next);
    visited_keys.push_back(LoopKey(next));
    chain.hops.push_back(std::move(hop).value());

    const core::HttpExchange& last = chain.hops.back();
    if (!last.IsRedirect()) return chain;
    // RFC 9110 §15.4: a 3xx without a usable Location is a final response in its own right.
    std::optional<std::string> target = last.RedirectTarget();
    if (!target) return chain;

    // A loop is reported before the limit: it says more about what went wrong.
    if (std::find(visited_keys.begin(), visited_keys.end(), LoopKey(*target)) !=
        visited_keys.end()) {
      chain.status =
          core::Status::TooManyRedirects("redirect loop: " + JoinChain(visited, *target));
      return chain;
    }
    if (redirects_followed >= max_redirects) {
      chain.status = core::Status::TooManyRedirects("more than " + std::to_string(max_redirects) +
                                                    " redirects");
      return chain;
    }
    ++redirects_followed;
    next = std::move(*target);
  }
}

}  // namespace newsvault::crawler
