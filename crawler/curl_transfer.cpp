// CurlTransfer: see curl_transfer.h. Adapter file: turns CURLcode values into core::Status.
#include "crawler/curl_transfer.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/http_message.h"
#include "crawler/address_policy.h"

namespace newsvault::crawler {
namespace {

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

// Why a transfer that had its head ended early (WARC 1.1 §5.13 WARC-Truncated values).
core::Truncation TruncationAfterHead(CURLcode code, bool body_limit_hit) {
  if (code == CURLE_OK) return core::Truncation::kNone;
  if (body_limit_hit) return core::Truncation::kLength;
  if (code == CURLE_OPERATION_TIMEDOUT) return core::Truncation::kTime;
  return core::Truncation::kDisconnect;
}

// The address a socket is about to connect to, or nullopt for a family we do not know.
std::optional<IpAddress> AddressOf(const curl_sockaddr& address) {
  if (address.family == AF_INET && address.addrlen >= sizeof(sockaddr_in)) {
    sockaddr_in v4;
    std::memcpy(&v4, &address.addr, sizeof v4);
    IpAddress ip;
    std::memcpy(ip.bytes.data(), &v4.sin_addr, 4);
    return ip;
  }
  if (address.family == AF_INET6 && address.addrlen >= sizeof(sockaddr_in6)) {
    sockaddr_in6 v6;
    std::memcpy(&v6, &address.addr, sizeof v6);
    std::array<uint8_t, 16> bytes;
    std::memcpy(bytes.data(), &v6.sin6_addr, 16);
    return IpAddress::V6(bytes);
  }
  return std::nullopt;
}

}  // namespace

core::Status EnsureCurlGlobalInit() {
  // curl_global_init must run once before any other libcurl call and, before 7.84, was not
  // thread-safe; a function-local static gives exactly-once initialisation across threads.
  // We never call curl_global_cleanup: other threads may still be fetching at exit.
  static const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (code == CURLE_OK) return core::Status::Ok();
  return core::Status::Internal(std::string("libcurl initialisation failed: ") +
                                curl_easy_strerror(code));
}

CurlTransfer::CurlTransfer(core::Url url, const FetchOptions& options)
    : url_(std::move(url)), options_(options) {
  exchange_.url = url_.Normalized();
  exchange_.method = "GET";
}

CurlTransfer::~CurlTransfer() = default;

core::Result<std::unique_ptr<CurlTransfer>> CurlTransfer::Create(const std::string& url_text,
                                                                 const FetchOptions& options) {
  // Refuse bad URLs and other schemes here, with our own messages, before libcurl sees them.
  ASSIGN_OR_RETURN(core::Url url, core::Url::Parse(url_text));
  RETURN_IF_ERROR(EnsureCurlGlobalInit());
  std::unique_ptr<CurlTransfer> transfer(new CurlTransfer(std::move(url), options));

  std::vector<std::string> header_lines;
  if (!options.accept_encoding.empty()) {
    header_lines.push_back("Accept-Encoding: " + options.accept_encoding);
  }
  header_lines.insert(header_lines.end(), options.extra_headers.begin(),
                      options.extra_headers.end());
  for (const std::string& line : header_lines) {
    curl_slist* grown = curl_slist_append(transfer->headers_.get(), line.c_str());
    if (grown == nullptr) return core::Status::Internal("out of memory building request headers");
    (void)transfer->headers_.release();  // `grown` is the same list, one node longer
    transfer->headers_.reset(grown);
  }

  transfer->handle_.reset(curl_easy_init());
  if (!transfer->handle_) return core::Status::Internal("curl_easy_init failed");
  if (const CURLcode rc = transfer->Configure(); rc != CURLE_OK) {
    return core::Status::Internal(std::string("configuring libcurl failed: ") +
                                  curl_easy_strerror(rc));
  }
  return transfer;
}

// Sets every option of an archival fetch; the first failing setopt wins.
CURLcode CurlTransfer::Configure() {
  CURL* h = handle_.get();
  CURLcode rc = CURLE_OK;
  auto set = [&](CURLoption option, auto value) {
    if (rc == CURLE_OK) rc = curl_easy_setopt(h, option, value);
  };
  void* self = static_cast<void*>(this);
  set(CURLOPT_URL, exchange_.url.c_str());
  set(CURLOPT_ERRORBUFFER, error_buffer_);
  // No agreed HTTP/2 representation exists in WARC; archive HTTP/1.1 bytes.
  set(CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
  // Keep chunk framing and Content-Encoding exactly as received (WARC 1.1 §6.3.2).
  set(CURLOPT_HTTP_TRANSFER_DECODING, 0L);
  set(CURLOPT_HTTP_CONTENT_DECODING, 0L);
  // Each redirect hop is its own exchange (crawler/redirect_follower.h).
  set(CURLOPT_FOLLOWLOCATION, 0L);
  set(CURLOPT_PROTOCOLS_STR, "http,https");
  set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
  set(CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
  set(CURLOPT_USERAGENT, options_.user_agent.c_str());
  // Accept-Encoding goes in as a plain header, not CURLOPT_ACCEPT_ENCODING: that option also
  // arms libcurl's decoders, and we want the encoded bytes whatever the defaults are.
  set(CURLOPT_HTTPHEADER, headers_.get());
  set(CURLOPT_SSL_VERIFYPEER, options_.verify_tls ? 1L : 0L);
  set(CURLOPT_SSL_VERIFYHOST, options_.verify_tls ? 2L : 0L);
  // No SIGALRM-based timeouts: we run on many threads.
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
  // No proxy from http_proxy/https_proxy: only config/ reads the environment (DESIGN §7), and a
  // proxy changes the request bytes and the remote IP we archive (and would hide the address
  // actually connected to from the private-address check).
  set(CURLOPT_PROXY, "");
  set(CURLOPT_HEADERFUNCTION, &CurlTransfer::OnHeaderLine);
  set(CURLOPT_HEADERDATA, self);
  set(CURLOPT_WRITEFUNCTION, &CurlTransfer::OnBodyBytes);
  set(CURLOPT_WRITEDATA, self);
  set(CURLOPT_DEBUGFUNCTION, &CurlTransfer::OnDebug);
  set(CURLOPT_DEBUGDATA, self);
  set(CURLOPT_VERBOSE, 1L);  // DEBUGFUNCTION is only called in verbose mode
  if (!options_.allow_private_addresses) {
    // The check runs on resolved addresses, so names resolving to private space are caught.
    // OPENSOCKETFUNCTION sees every new connection before it is made; PREREQFUNCTION sees
    // the connection each request goes out on, which covers a kept-alive connection opened
    // earlier by a transfer that allowed private addresses.
    set(CURLOPT_OPENSOCKETFUNCTION, &CurlTransfer::OnOpenSocket);
    set(CURLOPT_OPENSOCKETDATA, self);
    set(CURLOPT_PREREQFUNCTION, &CurlTransfer::OnPrereq);
    set(CURLOPT_PREREQDATA, self);
  }
  return rc;
}

void CurlTransfer::MarkStarted() { exchange_.started = core::SystemClock::Default().Now(); }

// libcurl calls this once per response header line, status line and blank line included.
size_t CurlTransfer::OnHeaderLine(char* data, size_t size, size_t count, void* user) {
  auto* self = static_cast<CurlTransfer*>(user);
  const size_t n = size * count;
  // Trailers of a chunked body are already in `body_` (transfer decoding is off), and the
  // head is complete; nothing after it belongs in the head.
  if (self->head_complete_) return n;
  const std::string_view line(data, n);
  self->head_.append(line);
  if (line == "\r\n" || line == "\n") {
    // RFC 9110 §15.2: 1xx responses are interim; only the final response is the exchange.
    const int code = StatusCodeOfHead(self->head_);
    if (code >= 100 && code < 200) {
      self->head_.clear();
    } else {
      self->head_complete_ = true;
    }
  }
  return n;
}

size_t CurlTransfer::OnBodyBytes(char* data, size_t size, size_t count, void* user) {
  auto* self = static_cast<CurlTransfer*>(user);
  const size_t n = size * count;
  const size_t room = self->options_.max_body_bytes - self->body_.size();
  if (n > room) {
    // Keep exactly max_body_bytes, then make libcurl stop (any count other than n aborts).
    self->body_.append(data, room);
    self->body_limit_hit_ = true;
    return 0;
  }
  self->body_.append(data, n);
  return n;
}

// Requires CURLOPT_VERBOSE; TEXT and the TLS-level SSL_DATA_* kinds are ignored, so
// nothing is printed and `request_` holds exactly the HTTP bytes sent.
int CurlTransfer::OnDebug(CURL* /*handle*/, curl_infotype type, char* data, size_t size,
                          void* user) {
  if (type == CURLINFO_HEADER_OUT || type == CURLINFO_DATA_OUT) {
    static_cast<CurlTransfer*>(user)->request_.append(data, size);
  }
  return 0;
}

bool CurlTransfer::AllowAddress(const std::string& address_text) {
  const std::optional<IpAddress> address = IpAddress::Parse(address_text);
  // An address we cannot read is not known to be public.
  const std::string_view kind = address ? DescribeAddressKind(ClassifyAddress(*address))
                                        : std::string_view("unrecognised address");
  if (address && IsPublicAddress(*address)) return true;
  if (refusal_.empty()) {
    refusal_ = "refused to connect to " + address_text + " (" + std::string(kind) + ") for " +
               exchange_.url + "; set allow_private_addresses = true to allow";
  }
  return false;
}

curl_socket_t CurlTransfer::OnOpenSocket(void* user, curlsocktype purpose, curl_sockaddr* address) {
  auto* self = static_cast<CurlTransfer*>(user);
  if (purpose == CURLSOCKTYPE_IPCXN) {
    const std::optional<IpAddress> ip = AddressOf(*address);
    const std::string text =
        ip ? ip->ToString() : "an address of family " + std::to_string(address->family);
    // Returning CURL_SOCKET_BAD makes libcurl try the host's next address, if any.
    if (!self->AllowAddress(text)) return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

int CurlTransfer::OnPrereq(void* user, char* primary_ip, char* /*local_ip*/, int /*primary_port*/,
                           int /*local_port*/) {
  auto* self = static_cast<CurlTransfer*>(user);
  return self->AllowAddress(primary_ip != nullptr ? primary_ip : "") ? CURL_PREREQFUNC_OK
                                                                     : CURL_PREREQFUNC_ABORT;
}

// An error that left us without a response head, as one line naming the host.
core::Status CurlTransfer::ErrorBeforeResponse(CURLcode code) const {
  CURL* handle = handle_.get();
  const std::string where = HostAndPort(url_);
  const std::string why = error_buffer_[0] != '\0' ? error_buffer_ : curl_easy_strerror(code);
  if (IsTlsError(code)) {
    // A certificate or handshake problem will not fix itself on retry.
    return core::Status::NetworkError("TLS error with " + where + ": " + why, false);
  }
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
      return core::Status::Unsupported("unsupported URL scheme in '" + url_.Normalized() +
                                       "': " + why);
    case CURLE_URL_MALFORMAT:
      return core::Status::InvalidArgument("malformed URL '" + url_.Normalized() + "'");
    case CURLE_COULDNT_RESOLVE_HOST:
      return core::Status::NetworkError("could not resolve host '" + url_.host() + "'");
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
            FormatBudget(std::min(options_.connect_timeout, options_.total_timeout)));
      }
      return core::Status::Timeout("no response from " + where + " within " +
                                   FormatBudget(options_.total_timeout));
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

core::Result<core::HttpExchange> CurlTransfer::Finish(CURLcode code) {
  if (!head_complete_) {
    // Every address the host had was refused (or its reused connection was): no request
    // went out, and retrying will not change the policy.
    if (!refusal_.empty()) return core::Status::PermissionDenied(refusal_);
    return ErrorBeforeResponse(code);
  }

  core::HttpExchange exchange = std::move(exchange_);
  exchange.request_bytes = std::move(request_);
  exchange.response_head = std::move(head_);
  exchange.response_body = std::move(body_);
  exchange.truncation = TruncationAfterHead(code, body_limit_hit_);

  core::Result<core::ResponseHead> parsed = core::ParseResponseHead(exchange.response_head);
  if (!parsed.ok()) return parsed.error().WithContext("response from " + HostAndPort(url_));
  core::ResponseHead head = std::move(parsed).value();
  exchange.status_code = head.status_code;
  exchange.reason = std::move(head.reason);
  exchange.headers = std::move(head.headers);

  CURL* handle = handle_.get();
  char* ip = nullptr;
  if (curl_easy_getinfo(handle, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip != nullptr) {
    exchange.remote_ip = ip;
  }
  curl_off_t connect_us = 0;
  curl_off_t total_us = 0;
  curl_easy_getinfo(handle, CURLINFO_CONNECT_TIME_T, &connect_us);
  curl_easy_getinfo(handle, CURLINFO_TOTAL_TIME_T, &total_us);
  exchange.connect_time = std::chrono::microseconds(connect_us);
  exchange.total_time = std::chrono::microseconds(total_us);
  return exchange;
}

}  // namespace newsvault::crawler
