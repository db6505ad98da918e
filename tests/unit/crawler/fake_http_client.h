// FakeHttpClient: an in-memory HttpClient for unit tests (no sockets).
//
// Tests script a response (an exchange or an error) per URL; every FetchOne call is
// recorded. An unscripted URL fails with NetworkError, so a test notices stray fetches.
//
// Thread safety: none; use from one thread.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/http_exchange.h"
#include "core/status.h"
#include "crawler/http_client.h"

namespace newsvault::crawler::testing {

class FakeHttpClient final : public HttpClient {
 public:
  // Scripts a response with `status` and headers for `url`; the exchange's url is `url`.
  void Respond(const std::string& url, int status, std::vector<core::HttpHeader> headers = {},
               std::string body = {}) {
    core::HttpExchange exchange;
    exchange.url = url;
    exchange.status_code = status;
    exchange.headers = std::move(headers);
    exchange.response_body = std::move(body);
    responses_.insert_or_assign(url, core::Result<core::HttpExchange>(std::move(exchange)));
  }
  // Scripts a 302 (or `status`) from `url` to `location` (as written in the header).
  void Redirect(const std::string& url, const std::string& location, int status = 302) {
    Respond(url, status, {{"Location", location}});
  }
  void Fail(const std::string& url, core::Status error) {
    responses_.insert_or_assign(url, core::Result<core::HttpExchange>(std::move(error)));
  }

  core::Result<core::HttpExchange> FetchOne(const std::string& url,
                                            const FetchOptions& /*options*/) override {
    requested_.push_back(url);
    auto it = responses_.find(url);
    if (it == responses_.end()) return core::Status::NetworkError("unscripted URL " + url);
    return it->second;
  }

  const std::vector<std::string>& requested() const { return requested_; }

 private:
  std::map<std::string, core::Result<core::HttpExchange>> responses_;
  std::vector<std::string> requested_;
};

}  // namespace newsvault::crawler::testing
