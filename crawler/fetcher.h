// Fetcher: many HTTP exchanges in flight at once (DESIGN §2 "Fetcher").
//
// The crawler's scheduler submits requests and collects finished exchanges;
// the real implementation (CurlMultiFetcher, crawler/curl_multi_fetcher.h)
// drives one libcurl multi handle on its own I/O thread, so hundreds of
// transfers share one thread and connections are kept alive per host. Each
// exchange is exactly one request (no redirect following) with the bytes as
// sent and received, like HttpClient::FetchOne (crawler/http_client.h), whose
// error kinds and truncation rules apply unchanged.
//
// Thread safety: Submit, WaitForResults, Wake and InFlight may be called from
// any thread; in practice one scheduler thread does all of them.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/http_exchange.h"
#include "core/status.h"
#include "crawler/http_client.h"

namespace newsvault::crawler {

struct FetchRequest {
  uint64_t id = 0;  // the caller's; returned with the result
  std::string url;
  FetchOptions options;  // extra_headers carry If-None-Match / If-Modified-Since
};

struct FetchResult {
  uint64_t id = 0;
  // The exchange, or why there is none (NetworkError, Timeout, PermissionDenied
  // for a refused private address, Cancelled when abandoned at shutdown...).
  core::Result<core::HttpExchange> exchange;
};

class Fetcher {
 public:
  virtual ~Fetcher() = default;

  // Starts a transfer. Never blocks on the network.
  virtual void Submit(FetchRequest request) = 0;
  // Returns the transfers finished since the last call, waiting up to
  // `timeout` for at least one (or for Wake). May return an empty vector.
  virtual std::vector<FetchResult> WaitForResults(std::chrono::milliseconds timeout) = 0;
  // Makes a blocked WaitForResults return now (from another thread or a signal
  // watcher).
  virtual void Wake() = 0;
  // Transfers submitted whose result has not been returned yet.
  virtual size_t InFlight() const = 0;
  // Abandons every transfer in flight; each is returned by the next
  // WaitForResults as a Cancelled error.
  virtual void CancelAll() = 0;
};

}  // namespace newsvault::crawler
