// HttpClient: the seam between the crawler and the network.
//
// FetchOne performs exactly one HTTP exchange (no redirect following) and
// returns it with the bytes as sent and received. The real implementation is
// CurlHttpClient (crawler/curl_http_client.h); tests may substitute fakes.
//
// Thread safety: implementations say; CurlHttpClient is safe to call from many
// threads (each call uses its own easy handle).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "core/http_exchange.h"
#include "core/status.h"

namespace newsvault::crawler {

struct FetchOptions {
  // Body bytes kept per response; beyond it the transfer stops, what came is
  // kept and the exchange is marked Truncation::kLength. Default 20 MiB.
  size_t max_body_bytes = 20u << 20;
  // TCP + TLS connect budget. Default 10 s.
  std::chrono::milliseconds connect_timeout{10'000};
  // Whole-exchange budget; on expiry what came is kept, Truncation::kTime. Default 60 s.
  std::chrono::milliseconds total_timeout{60'000};
  // Product token, version and contact: "newsvault/0.1.0 (+https://example.org/bot)".
  std::string user_agent = "newsvault/0.1.0";
  // Sent as Accept-Encoding; the body is stored still encoded.
  std::string accept_encoding = "gzip, deflate, br";
  // Verify TLS certificates and host names. Default on.
  bool verify_tls = true;
  // Extra request headers ("Name: value"), e.g. If-None-Match for revisits.
  std::vector<std::string> extra_headers;
  // Whether the exchange may connect to loopback, private, link-local, unspecified or
  // carrier-grade NAT addresses (crawler/address_policy.h). When false, the address
  // libcurl is about to connect to is checked after DNS resolution (so a public name
  // resolving to 10.0.0.5 is caught too) and a refusal is a PermissionDenied error, with
  // no connection made. Default true (tests and explicit fetches); crawls of discovered
  // URLs set it false (issue 3 item 9).
  bool allow_private_addresses = true;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;

  // One exchange. A response of any status (404, 503, 3xx) is a success here.
  // Errors (no exchange at all): InvalidArgument/Unsupported for a bad URL or
  // scheme, NetworkError for DNS failure, refused or reset connections, TLS
  // failures, Timeout when nothing at all arrived in time. A transfer cut after
  // the response head arrived is NOT an error: the exchange comes back with
  // `truncation` set.
  virtual core::Result<core::HttpExchange> FetchOne(const std::string& url,
                                                    const FetchOptions& options) = 0;
};

}  // namespace newsvault::crawler
