// CurlHttpClient: one HTTP exchange per call, performed on its own easy handle.
//
// Adapter file: the options, callbacks and error mapping live in CurlTransfer
// (crawler/curl_transfer.h), shared with CurlMultiFetcher.
#include "crawler/curl_http_client.h"

#include <memory>
#include <string>

#include "crawler/curl_transfer.h"

namespace newsvault::crawler {

CurlHttpClient::CurlHttpClient() { (void)EnsureCurlGlobalInit(); }

CurlHttpClient::~CurlHttpClient() = default;

core::Result<core::HttpExchange> CurlHttpClient::FetchOne(const std::string& url,
                                                          const FetchOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<CurlTransfer> transfer, CurlTransfer::Create(url, options));
  transfer->MarkStarted();
  return transfer->Finish(curl_easy_perform(transfer->handle()));
}

}  // namespace newsvault::crawler
