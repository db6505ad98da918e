// CurlMultiFetcher: one I/O thread around a libcurl multi handle; see curl_multi_fetcher.h.
//
// Adapter file. The I/O thread alone touches the multi handle and the easy handles in it
// (libcurl handles are not thread-safe); other threads only hand it transfers through
// `submitted` and wake it with curl_multi_wakeup, the one multi call that is thread-safe.
#include "crawler/curl_multi_fetcher.h"

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>

#include "crawler/curl_transfer.h"

namespace newsvault::crawler {
namespace {

struct MultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};

// The longest the I/O thread sleeps with nothing to do; a wakeup or a libcurl timer ends
// the wait sooner, so this only bounds the cost of a lost wakeup.
constexpr int kIdlePollMs = 1000;

// A transfer handed to the I/O thread.
struct Pending {
  uint64_t id = 0;
  std::string url;
  std::unique_ptr<CurlTransfer> transfer;
};

core::Status Abandoned(const std::string& url) {
  return core::Status::Cancelled("transfer of " + url + " abandoned");
}

}  // namespace

struct CurlMultiFetcher::Impl {
  // Set once by the constructor, before the I/O thread starts; read-only afterwards.
  std::unique_ptr<CURLM, MultiDeleter> multi;
  core::Status setup_error;  // why there is no multi handle, if there is none

  mutable std::mutex mu;
  std::condition_variable results_cv;  // results arrived, or Wake
  std::condition_variable cancel_cv;   // the I/O thread finished a CancelAll
  std::vector<Pending> submitted;      // guarded by mu: not yet taken by the I/O thread
  std::vector<FetchResult> results;    // guarded by mu: not yet returned
  size_t in_flight = 0;                // guarded by mu: submitted, result not yet returned
  bool woken = false;                  // guarded by mu
  bool stopping = false;               // guarded by mu
  uint64_t cancel_requested = 0;       // guarded by mu: CancelAll calls so far
  uint64_t cancel_done = 0;            // guarded by mu: the last one the I/O thread finished

  // I/O thread only: transfers in the multi handle, by easy handle.
  std::unordered_map<CURL*, Pending> active;

  std::thread thread;  // last: starts once everything above exists

  void Run();
  // Queues `done` and acknowledges CancelAll generation `cancelled`; wakes waiters.
  void Publish(std::vector<FetchResult>& done, uint64_t cancelled);
  // Adds `incoming` to the multi handle; transfers libcurl refuses go to `done`.
  void AddTransfers(std::vector<Pending>& incoming, std::vector<FetchResult>& done);
  // Moves finished transfers from the multi handle to `done`.
  void CollectFinished(std::vector<FetchResult>& done);
  void AbandonActive(std::vector<FetchResult>* done);
};

void CurlMultiFetcher::Impl::Publish(std::vector<FetchResult>& done, uint64_t cancelled) {
  bool cancel_acknowledged = false;
  {
    std::lock_guard<std::mutex> lock(mu);
    for (FetchResult& result : done) results.push_back(std::move(result));
    if (cancelled > cancel_done) {
      cancel_done = cancelled;
      cancel_acknowledged = true;
    }
  }
  if (!done.empty()) results_cv.notify_all();
  if (cancel_acknowledged) cancel_cv.notify_all();
  done.clear();
}

void CurlMultiFetcher::Impl::AddTransfers(std::vector<Pending>& incoming,
                                          std::vector<FetchResult>& done) {
  for (Pending& pending : incoming) {
    CURL* handle = pending.transfer->handle();
    pending.transfer->MarkStarted();
    if (const CURLMcode code = curl_multi_add_handle(multi.get(), handle); code != CURLM_OK) {
      done.push_back({pending.id, core::Status::Internal("cannot start transfer of " + pending.url +
                                                         ": " + curl_multi_strerror(code))});
      continue;
    }
    active.emplace(handle, std::move(pending));
  }
  incoming.clear();
}

void CurlMultiFetcher::Impl::CollectFinished(std::vector<FetchResult>& done) {
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(multi.get(), &queued)) {
    if (message->msg != CURLMSG_DONE) continue;
    // The message dies with curl_multi_remove_handle: read it first.
    CURL* handle = message->easy_handle;
    const CURLcode code = message->data.result;
    auto it = active.find(handle);
    curl_multi_remove_handle(multi.get(), handle);
    if (it == active.end()) continue;  // not ours; cannot happen
    done.push_back({it->second.id, it->second.transfer->Finish(code)});
    active.erase(it);
  }
}

void CurlMultiFetcher::Impl::AbandonActive(std::vector<FetchResult>* done) {
  for (auto& [handle, pending] : active) {
    // Removing a transfer mid-way makes libcurl close its connection rather than reuse it.
    curl_multi_remove_handle(multi.get(), handle);
    if (done != nullptr) done->push_back({pending.id, Abandoned(pending.url)});
  }
  active.clear();
}

void CurlMultiFetcher::Impl::Run() {
  std::vector<Pending> incoming;
  std::vector<FetchResult> done;
  uint64_t cancel_seen = 0;
  while (true) {
    uint64_t cancel_wanted = 0;
    bool stop = false;
    {
      std::lock_guard<std::mutex> lock(mu);
      incoming.swap(submitted);
      cancel_wanted = cancel_requested;
      stop = stopping;
    }
    if (stop) break;
    // Everything in `active` was submitted before this CancelAll; `incoming`, taken under
    // the same lock, came after it (CancelAll cancels what is still in `submitted` itself).
    if (cancel_wanted > cancel_seen) {
      AbandonActive(&done);
      cancel_seen = cancel_wanted;
    }
    AddTransfers(incoming, done);
    int running = 0;
    curl_multi_perform(multi.get(), &running);
    CollectFinished(done);
    Publish(done, cancel_seen);
    // Returns on socket activity, a libcurl timer, or curl_multi_wakeup.
    curl_multi_poll(multi.get(), nullptr, 0, kIdlePollMs, nullptr);
  }
  // Stopping: transfers not yet added are freed with `incoming`; results nobody will read
  // are dropped.
  AbandonActive(nullptr);
}

CurlMultiFetcher::CurlMultiFetcher(CurlMultiFetcherOptions options)
    : impl_(std::make_unique<Impl>()) {
  Impl& impl = *impl_;
  if (core::Status init = EnsureCurlGlobalInit(); !init.ok()) {
    impl.setup_error = init;
    return;
  }
  impl.multi.reset(curl_multi_init());
  if (!impl.multi) {
    impl.setup_error = core::Status::Internal("curl_multi_init failed");
    return;
  }
  const long total = std::max(1, options.max_total_connections);
  const long per_host = std::max(1, options.max_host_connections);
  CURLM* multi = impl.multi.get();
  CURLMcode rc = curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, total);
  if (rc == CURLM_OK) rc = curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, per_host);
  // Keep as many idle connections alive as may be open, so each host's is reused.
  if (rc == CURLM_OK) rc = curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, total);
  // HTTP/1.1 only (we archive HTTP/1.1 bytes): one request per connection at a time.
  if (rc == CURLM_OK) rc = curl_multi_setopt(multi, CURLMOPT_PIPELINING, CURLPIPE_NOTHING);
  if (rc != CURLM_OK) {
    impl.setup_error = core::Status::Internal(std::string("configuring libcurl multi failed: ") +
                                              curl_multi_strerror(rc));
    impl.multi.reset();
    return;
  }
  impl.thread = std::thread([&impl] { impl.Run(); });
}

CurlMultiFetcher::~CurlMultiFetcher() {
  if (!impl_->thread.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->stopping = true;
  }
  curl_multi_wakeup(impl_->multi.get());
  impl_->thread.join();
  // Members go in reverse order: transfers never added, then the multi handle, which
  // closes the kept-alive connections.
}

void CurlMultiFetcher::Submit(FetchRequest request) {
  core::Result<std::unique_ptr<CurlTransfer>> created =
      CurlTransfer::Create(request.url, request.options);
  Impl& impl = *impl_;
  {
    std::lock_guard<std::mutex> lock(impl.mu);
    ++impl.in_flight;
    if (created.ok() && !impl.setup_error.ok()) created = impl.setup_error;
    if (created.ok()) {
      impl.submitted.push_back({request.id, std::move(request.url), std::move(created).value()});
    } else {
      impl.results.push_back({request.id, created.error()});
    }
  }
  if (impl.multi) {
    curl_multi_wakeup(impl.multi.get());
  } else {
    impl.results_cv.notify_all();
  }
}

std::vector<FetchResult> CurlMultiFetcher::WaitForResults(std::chrono::milliseconds timeout) {
  Impl& impl = *impl_;
  std::unique_lock<std::mutex> lock(impl.mu);
  impl.results_cv.wait_for(lock, timeout, [&impl] { return !impl.results.empty() || impl.woken; });
  impl.woken = false;
  std::vector<FetchResult> out;
  out.swap(impl.results);
  impl.in_flight -= out.size();
  return out;
}

void CurlMultiFetcher::Wake() {
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->woken = true;
  }
  impl_->results_cv.notify_all();
}

size_t CurlMultiFetcher::InFlight() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->in_flight;
}

void CurlMultiFetcher::CancelAll() {
  Impl& impl = *impl_;
  std::unique_lock<std::mutex> lock(impl.mu);
  // Not yet taken by the I/O thread: cancelled here, never added to the multi handle.
  for (Pending& pending : impl.submitted) {
    impl.results.push_back({pending.id, Abandoned(pending.url)});
  }
  impl.submitted.clear();
  if (impl.thread.joinable()) {
    const uint64_t generation = ++impl.cancel_requested;
    curl_multi_wakeup(impl.multi.get());
    impl.cancel_cv.wait(lock, [&impl, generation] { return impl.cancel_done >= generation; });
  }
  lock.unlock();
  impl.results_cv.notify_all();
}

}  // namespace newsvault::crawler
