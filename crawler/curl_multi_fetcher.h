// CurlMultiFetcher: the Fetcher (crawler/fetcher.h) over one libcurl multi handle.
//
// One I/O thread, started by the constructor, drives the multi handle with
// curl_multi_poll; Submit, CancelAll and the destructor wake it with curl_multi_wakeup.
// Transfers are CurlTransfer's (crawler/curl_transfer.h), so each exchange has exactly the
// bytes, errors and truncation of CurlHttpClient::FetchOne for the same request.
// Connections are kept alive and reused per host, within the limits below; transfers over
// a limit wait inside libcurl for a free connection. Finished exchanges go to a result
// queue that WaitForResults drains.
//
// Timing note: a transfer's total_timeout (and its `started` time) runs from when the I/O
// thread adds it, including any wait for a free connection to its host; a scheduler that
// submits at most max_host_connections transfers per host never waits.
//
// Thread safety: every public method may be called from any thread. The destructor must
// not race with other calls; it stops the I/O thread and frees every handle, abandoning
// transfers still in flight (their results are dropped).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <vector>

#include "crawler/fetcher.h"

namespace newsvault::crawler {

struct CurlMultiFetcherOptions {
  // Connections open at once, all hosts together (CURLMOPT_MAX_TOTAL_CONNECTIONS); also the
  // size of the kept-alive connection cache (CURLMOPT_MAXCONNECTS). Default 32.
  int max_total_connections = 32;
  // Connections open at once to one host name and port (CURLMOPT_MAX_HOST_CONNECTIONS).
  // With HTTP/1.1 and no pipelining, also the number of requests to a host in flight at
  // once. Default 1 (issue 3 item 4, politeness).
  int max_host_connections = 1;
};

class CurlMultiFetcher final : public Fetcher {
 public:
  // Starts the I/O thread. If libcurl cannot be set up, every submitted transfer comes
  // back as an Internal error saying why.
  explicit CurlMultiFetcher(CurlMultiFetcherOptions options = {});
  ~CurlMultiFetcher() override;
  CurlMultiFetcher(const CurlMultiFetcher&) = delete;
  CurlMultiFetcher& operator=(const CurlMultiFetcher&) = delete;

  // A bad URL or scheme is not sent anywhere: its error is queued at once.
  void Submit(FetchRequest request) override;
  // A Wake with nobody waiting makes the next call return at once.
  std::vector<FetchResult> WaitForResults(std::chrono::milliseconds timeout) override;
  void Wake() override;
  size_t InFlight() const override;
  // Returns once every transfer submitted before the call is in the result queue (done
  // or Cancelled); their connections are closed, not reused.
  void CancelAll() override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsvault::crawler
