// CurlTransfer: one HTTP exchange on a libcurl easy handle, bytes kept as on the wire.
//
// The shared core of the libcurl adapters: CurlHttpClient (crawler/curl_http_client.h) runs
// a transfer with curl_easy_perform, CurlMultiFetcher (crawler/curl_multi_fetcher.h) adds
// many to a multi handle. Both get the same options and the same exchange out:
//
// - libcurl decodes nothing (CURLOPT_HTTP_TRANSFER_DECODING and
//   CURLOPT_HTTP_CONTENT_DECODING off), speaks HTTP/1.1, follows no redirects, allows only
//   http and https, and uses no proxy;
// - request bytes come from CURLOPT_DEBUGFUNCTION (HEADER_OUT + DATA_OUT), the final
//   response head from CURLOPT_HEADERFUNCTION (1xx interim heads dropped), the body from
//   CURLOPT_WRITEFUNCTION up to FetchOptions::max_body_bytes;
// - with FetchOptions::allow_private_addresses false, CURLOPT_OPENSOCKETFUNCTION refuses
//   to open a socket to a non-public address (crawler/address_policy.h) and
//   CURLOPT_PREREQFUNCTION refuses a reused connection to one, so no request is sent.
//
// Finish turns the CURLcode and what the callbacks collected into the exchange or an error,
// with HttpClient::FetchOne's error kinds and truncation rules (crawler/http_client.h).
//
// Internal to the crawler room's libcurl adapter files: it is the one header exposing
// <curl/curl.h>, and only adapter .cpp files include it.
//
// Thread safety: a CurlTransfer is used by one thread at a time (it may be created on one
// thread and driven on another); libcurl calls its callbacks on the driving thread.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

#include "core/http_exchange.h"
#include "core/status.h"
#include "core/url.h"
#include "crawler/http_client.h"

namespace newsvault::crawler {

// Runs curl_global_init exactly once per process (thread-safe); its result every time.
core::Status EnsureCurlGlobalInit();

class CurlTransfer {
 public:
  // Parses `url` (InvalidArgument / Unsupported with our own messages before libcurl sees
  // it) and creates an easy handle configured for one archival GET.
  static core::Result<std::unique_ptr<CurlTransfer>> Create(const std::string& url,
                                                            const FetchOptions& options);
  // REQUIRES: the handle is not in a multi handle any more.
  ~CurlTransfer();
  CurlTransfer(const CurlTransfer&) = delete;
  CurlTransfer& operator=(const CurlTransfer&) = delete;

  // The easy handle to perform or add to a multi handle; owned by this object.
  CURL* handle() const { return handle_.get(); }

  // Records the capture start time (the WARC-Date); call just before the transfer starts.
  void MarkStarted();

  // The exchange after the transfer ended with `code`, or why there is none.
  // Call once, after the transfer has finished.
  core::Result<core::HttpExchange> Finish(CURLcode code);

 private:
  struct EasyDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
  };
  struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
  };

  CurlTransfer(core::Url url, const FetchOptions& options);

  CURLcode Configure();
  core::Status ErrorBeforeResponse(CURLcode code) const;
  // Records a refusal and says whether `address` may be used; for the callbacks below.
  bool AllowAddress(const std::string& address_text);

  static size_t OnHeaderLine(char* data, size_t size, size_t count, void* user);
  static size_t OnBodyBytes(char* data, size_t size, size_t count, void* user);
  static int OnDebug(CURL* handle, curl_infotype type, char* data, size_t size, void* user);
  static curl_socket_t OnOpenSocket(void* user, curlsocktype purpose, curl_sockaddr* address);
  static int OnPrereq(void* user, char* primary_ip, char* local_ip, int primary_port,
                      int local_port);

  const core::Url url_;
  const FetchOptions options_;
  core::HttpExchange exchange_;  // url, method, started; the rest is filled by Finish

  // What the callbacks collect. Everything the handle points at (these, the header list,
  // the error buffer) is declared before handle_, so it outlives curl_easy_cleanup.
  std::string request_;         // CURLINFO_HEADER_OUT + CURLINFO_DATA_OUT, in order
  std::string head_;            // the response head being read (interim heads are dropped)
  bool head_complete_ = false;  // the final (non-1xx) head has fully arrived
  std::string body_;
  bool body_limit_hit_ = false;
  std::string refusal_;  // why a connection was refused by the address policy, if it was
  std::unique_ptr<curl_slist, SlistDeleter> headers_;
  char error_buffer_[CURL_ERROR_SIZE] = {};

  std::unique_ptr<CURL, EasyDeleter> handle_;
};

}  // namespace newsvault::crawler
