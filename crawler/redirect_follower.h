// FetchWithRedirects: follows 3xx hops one exchange at a time.
//
// Every hop is returned (each becomes its own capture). At most `max_redirects`
// redirects are followed (default 10, set explicitly because libcurl's default
// is unlimited); a URL seen twice in one chain is a loop.
//
// Thread safety: as safe as the HttpClient passed in.
#pragma once

#include <string>
#include <vector>

#include "core/http_exchange.h"
#include "core/status.h"
#include "crawler/http_client.h"

namespace newsvault::crawler {

struct RedirectChain {
  std::vector<core::HttpExchange> hops;  // in order; the last is the final response
  // OK when the chain ended in a non-redirect response. Otherwise the reason it
  // stopped (TooManyRedirects for a loop or the limit, or the hop's fetch
  // error); hops fetched before the failure are still in `hops`.
  core::Status status;
};

RedirectChain FetchWithRedirects(HttpClient& client, const std::string& url,
                                 const FetchOptions& options, int max_redirects = 10);

}  // namespace newsvault::crawler
