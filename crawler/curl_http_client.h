// CurlHttpClient: HttpClient over libcurl, keeping the exact bytes.
//
// libcurl is told not to decode anything (CURLOPT_HTTP_TRANSFER_DECODING and
// CURLOPT_HTTP_CONTENT_DECODING off), to speak HTTP/1.1, and not to follow
// redirects (each hop is its own exchange; see crawler/redirect_follower.h).
// Request bytes come from CURLOPT_DEBUGFUNCTION (HEADER_OUT + DATA_OUT).
// Only http and https are allowed (CURLOPT_PROTOCOLS_STR). With
// FetchOptions::allow_private_addresses false, non-public addresses are refused after DNS
// resolution. The handle setup and response assembly are CurlTransfer's
// (crawler/curl_transfer.h), shared with CurlMultiFetcher.
//
// Thread safety: FetchOne may be called from several threads at once.
#pragma once

#include <memory>

#include "crawler/http_client.h"

namespace newsvault::crawler {

class CurlHttpClient final : public HttpClient {
 public:
  CurlHttpClient();
  ~CurlHttpClient() override;

  core::Result<core::HttpExchange> FetchOne(const std::string& url,
                                            const FetchOptions& options) override;
};

}  // namespace newsvault::crawler
