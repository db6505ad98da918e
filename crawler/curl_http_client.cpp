// CurlHttpClient: one HTTP exchange over a libcurl easy handle, bytes kept as on the wire.
//
// This is the adapter file of the crawler room: the only place that includes <curl/curl.h>
// and turns CURLcode values into core::Status.
#include "crawler/curl_http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/http_message.h"
#include "core/url.h"

namespace newsvault::crawler {
namespace {

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;

struct CurlSlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistDeleter>;

// curl_global_init must run once before any other libcurl call and, before 7.84, was not
// thread-safe; a function-local static gives us exactly-once initialisation across threads.
// We never call curl_global_cleanup: other threads may still be fetching at exit.
CURLcode EnsureCurlGlobalInit() {
  static const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
  return code;
}

// What the callbacks collect during one transfer.
struct Transfer {
  size_t max_body_bytes = 0;
  std::string request;         // CURLINFO_HEADER_OUT + CURLINFO_DATA_OUT, in order
  std::string head;            // the response head being read (interim heads are dropped)
  bool head_complete = false;  // the final (non-1xx) head has fully arrived
  std::string body;
  bool body_limit_hit = false;
};

// Status code of a head's status line ("HTTP/1.1 100 Continue" -> 100), 0 if unreadable.
int StatusCodeOfHead(std::string_view head) {
  const size_t space = head.find(' ');
  if (space == std::string_view::npos || head.size() < space + 4) return 0;
  int code = 0;
  for (size_t i = space + 1; i < space + 4; ++i) {
    const char c = head[i];
    if (c < '0' || c > '9') return 0;
    code = code * 10 + (c - '0');
  }
  return code;
}

// libcurl calls this once per response header line, status line and blank line included.
size_t OnHeaderLine(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t n = size * count;
  // Trailers of a chunked body are already in `body` (transfer decoding is off), and the
  // head is complete; nothing after it belongs in the head.
  if (transfer->head_complete) return n;
  const std::string_view line(data, n);
  transfer->head.append(line);
  if (line == "\r\n" || line == "\n") {
    // RFC 9110 §15.2: 1xx responses are interim; only the final response is the exchange.
    const int code = StatusCodeOfHead(transfer->head);
    if (code >= 100 && code < 200) {
      transfer->head.clear();
    } else {
      transfer->head_complete = true;
    }
  }
  return n;
}

size_t OnBodyBytes(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t n = size * count;
  const size_t room = transfer->max_body_bytes - transfer->body.size();
  if (n > room) {
    // Keep exactly max_body_bytes, then make libcurl stop (any count other than n aborts).
    transfer->body.append(data, room);
    transfer->body_limit_hit = true;
    return 0;
  }
  transfer->body.append(data, n);
  return n;
}

// Requires CURLOPT_VERBOSE; TEXT and the TLS-level SSL_DATA_* kinds are ignored, so
// nothing is printed and `request` holds exactly the HTTP bytes sent.
int OnDebug(CURL* /*handle*/, curl_infotype type, char* data, size_t size, void* user) {
  if (type == CURLINFO_HEADER_OUT || type == CURLINFO_DATA_OUT) {
    static_cast<Transfer*>(user)->request.append(data, size);
  }
  return 0;
}

// "1 s", "1.5 s", "250 ms": budgets as a person would say them.
std::string FormatBudget(std::chrono::milliseconds budget) {
  const auto ms = budget.count();
  if (ms < 1000) return std::to_string(ms) + " ms";
  char text[32];
  std::snprintf(text, sizeof text, "%g s", static_cast<double>(ms) / 1000.0);
  return text;
}

// "127.0.0.1:8080", "[::1]:443": where we tried to connect, always with the port.
std::string HostAndPort(const core::Url& url) {
  const bool ipv6 = url.host().find(':') != std::string::npos;
  return (ipv6 ? "[" + url.host() + "]" : url.host()) + ":" + std::to_string(url.port());
}

bool IsTlsError(CURLcode code) {
  switch (code) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_USE_SSL_FAILED:
      return true;
    default:
      return false;
  }
}

// An error that left us without a response head, as one line naming the host.
core::Status ErrorBeforeResponse(CURLcode code, CURL* handle, const core::Url& url,
                                 const FetchOptions& options, const char* detail) {
  const std::string where = HostAndPort(url);
  const std::string why = detail[0] != '\0' ? detail : curl_easy_strerror(code);
  if (IsTlsError(code)) {
    // A certificate or handshake problem will not fix itself on retry.
    return core::Status::NetworkError("TLS error with " + where + ": " + why, false);
  }
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
      return core::Status::Unsupported("unsupported URL scheme in '" + url.Normalized() +
                                       "': " + why);
    case CURLE_URL_MALFORMAT:
      return core::Status::InvalidArgument("malformed URL '" + url.Normalized() + "'");
    case CURLE_COULDNT_RESOLVE_HOST:
      return core::Status::NetworkError("could not resolve host '" + url.host() + "'");
    case CURLE_COULDNT_CONNECT: {
      long os_errno = 0;
      curl_easy_getinfo(handle, CURLINFO_OS_ERRNO, &os_errno);
      if (os_errno == ECONNREFUSED)
        return core::Status::NetworkError("connection refused by " + where);
      return core::Status::NetworkError("could not connect to " + where + ": " + why);
    }
    case CURLE_OPERATION_TIMEDOUT: {
      curl_off_t connect_us = 0;
      curl_easy_getinfo(handle, CURLINFO_CONNECT_TIME_T, &connect_us);
      if (connect_us == 0) {
        return core::Status::Timeout(
            "could not connect to " + where + " within " +
            FormatBudget(std::min(options.connect_timeout, options.total_timeout)));
      }
      return core::Status::Timeout("no response from " + where + " within " +
                                   FormatBudget(options.total_timeout));
    }
    case CURLE_GOT_NOTHING:
      return core::Status::NetworkError(where + " closed the connection without a response");
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
      return core::Status::NetworkError("connection to " + where +
                                        " failed before a response arrived: " + why);
    case CURLE_WEIRD_SERVER_REPLY:
      return core::Status::NetworkError(where + " sent something that is not HTTP: " + why, false);
    default:
      return core::Status::NetworkError("fetching from " + where + " failed: " + why);
  }
}

// Why a transfer that had its head ended early (WARC 1.1 §5.13 WARC-Truncated values).
core::Truncation TruncationAfterHead(CURLcode code, const Transfer& transfer) {
  if (code == CURLE_OK) return core::Truncation::kNone;
  if (transfer.body_limit_hit) return core::Truncation::kLength;
  if (code == CURLE_OPERATION_TIMEDOUT) return core::Truncation::kTime;
  return core::Truncation::kDisconnect;
}

// Sets every option of an archival fetch; the first failing setopt wins.
CURLcode Configure(CURL* h, const std::string& url, const FetchOptions& options,
                   curl_slist* headers, Transfer* transfer, char* error_buffer) {
  CURLcode rc = CURLE_OK;
  auto set = [&](CURLoption option, auto value) {
    if (rc == CURLE_OK) rc = curl_easy_setopt(h, option, value);
  };
  set(CURLOPT_URL, url.c_str());
  set(CURLOPT_ERRORBUFFER, error_buffer);
  // No agreed HTTP/2 representation exists in WARC; archive HTTP/1.1 bytes.
  set(CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
  // Keep chunk framing and Content-Encoding exactly as received (WARC 1.1 §6.3.2).
  set(CURLOPT_HTTP_TRANSFER_DECODING, 0L);
  set(CURLOPT_HTTP_CONTENT_DECODING, 0L);
  // Each redirect hop is its own exchange (crawler/redirect_follower.h).
  set(CURLOPT_FOLLOWLOCATION, 0L);
  set(CURLOPT_PROTOCOLS_STR, "http,https");
  set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  set(CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
  set(CURLOPT_USERAGENT, options.user_agent.c_str());
  // Accept-Encoding goes in as a plain header, not CURLOPT_ACCEPT_ENCODING: that option also
  // arms libcurl's decoders, and we want the encoded bytes whatever the defaults are.
  set(CURLOPT_HTTPHEADER, headers);
  set(CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
  set(CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
  // No SIGALRM-based timeouts: we run on many threads.
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
  // No proxy from http_proxy/https_proxy: only config/ reads the environment (DESIGN §7), and a
  // proxy changes the request bytes and the remote IP we archive.
  set(CURLOPT_PROXY, "");
  set(CURLOPT_HEADERFUNCTION, &OnHeaderLine);
  set(CURLOPT_HEADERDATA, static_cast<void*>(transfer));
  set(CURLOPT_WRITEFUNCTION, &OnBodyBytes);
  set(CURLOPT_WRITEDATA, static_cast<void*>(transfer));
  set(CURLOPT_DEBUGFUNCTION, &OnDebug);
  set(CURLOPT_DEBUGDATA, static_cast<void*>(transfer));
  set(CURLOPT_VERBOSE, 1L);  // DEBUGFUNCTION is only called in verbose mode
  return rc;
}

}  // namespace

CurlHttpClient::CurlHttpClient() { (void)EnsureCurlGlobalInit(); }

CurlHttpClient::~CurlHttpClient() = default;

core::Result<core::HttpExchange> CurlHttpClient::FetchOne(const std::string& url_text,
                                                          const FetchOptions& options) {
  // Refuse bad URLs and other schemes here, with our own messages, before libcurl sees them.
  ASSIGN_OR_RETURN(const core::Url url, core::Url::Parse(url_text));
  if (const CURLcode init = EnsureCurlGlobalInit(); init != CURLE_OK) {
    return core::Status::Internal(std::string("libcurl initialisation failed: ") +
                                  curl_easy_strerror(init));
  }
  // Everything the handle points at (header list, callbacks' Transfer, error buffer) is
  // declared before it, so it outlives curl_easy_cleanup, which may still call back.
  CurlSlist headers;
  std::vector<std::string> header_lines;
  if (!options.accept_encoding.empty()) {
    header_lines.push_back("Accept-Encoding: " + options.accept_encoding);
  }
  header_lines.insert(header_lines.end(), options.extra_headers.begin(),
                      options.extra_headers.end());
  for (const std::string& line : header_lines) {
    curl_slist* grown = curl_slist_append(headers.get(), line.c_str());
    if (grown == nullptr) return core::Status::Internal("out of memory building request headers");
    (void)headers.release();  // `grown` is the same list, one node longer
    headers.reset(grown);
  }
  Transfer transfer;
  transfer.max_body_bytes = options.max_body_bytes;
  char error_buffer[CURL_ERROR_SIZE] = {};

  core::HttpExchange exchange;
  exchange.url = url.Normalized();
  exchange.method = "GET";

  CurlEasy handle(curl_easy_init());
  if (!handle) return core::Status::Internal("curl_easy_init failed");
  if (const CURLcode rc =
          Configure(handle.get(), exchange.url, options, headers.get(), &transfer, error_buffer);
      rc != CURLE_OK) {
    return core::Status::Internal(std::string("configuring libcurl failed: ") +
                                  curl_easy_strerror(rc));
  }

  exchange.started = core::SystemClock::Default().Now();
  const CURLcode result = curl_easy_perform(handle.get());

  if (!transfer.head_complete) {
    return ErrorBeforeResponse(result, handle.get(), url, options, error_buffer);
  }

  exchange.request_bytes = std::move(transfer.request);
  exchange.response_head = std::move(transfer.head);
  exchange.response_body = std::move(transfer.body);
  exchange.truncation = TruncationAfterHead(result, transfer);

  core::Result<core::ResponseHead> parsed = core::ParseResponseHead(exchange.response_head);
  if (!parsed.ok()) return parsed.error().WithContext("response from " + HostAndPort(url));
  core::ResponseHead head = std::move(parsed).value();
  exchange.status_code = head.status_code;
  exchange.reason = std::move(head.reason);
  exchange.headers = std::move(head.headers);

  char* ip = nullptr;
  if (curl_easy_getinfo(handle.get(), CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip != nullptr) {
    exchange.remote_ip = ip;
  }
  curl_off_t connect_us = 0;
  curl_off_t total_us = 0;
  curl_easy_getinfo(handle.get(), CURLINFO_CONNECT_TIME_T, &connect_us);
  curl_easy_getinfo(handle.get(), CURLINFO_TOTAL_TIME_T, &total_us);
  exchange.connect_time = std::chrono::microseconds(connect_us);
  exchange.total_time = std::chrono::microseconds(total_us);
  return exchange;
}

}  // namespace newsvault::crawler
