// HttpExchange: one HTTP request and its response, as they crossed the wire.
//
// This is what the fetcher produces, what the archive stores as a capture and
// what the WARC writer turns into request + response records. The bytes are
// kept exactly: `request_bytes` as sent; `response_head` (status line + header
// lines + the blank line) and `response_body` as received, chunked framing and
// Content-Encoding included. Everything else is derived from those bytes or
// measured by the fetcher.
//
// Thread safety: a value type.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/timestamp.h"

namespace newsvault::core {

struct HttpHeader {
  std::string name;   // as received (case kept)
  std::string value;  // surrounding whitespace trimmed
};

// Why a body is shorter than the server meant it to be (WARC 1.1 §5.13 values).
enum class Truncation { kNone, kLength, kTime, kDisconnect, kUnspecified };
std::string_view TruncationName(Truncation t);  // "", "length", "time", "disconnect", "unspecified"
Truncation TruncationFromName(std::string_view name);

struct HttpExchange {
  std::string url;  // absolute URL requested (this hop)
  std::string method = "GET";
  std::string request_bytes;  // exact request as sent: request line, headers, CRLF, body
  std::string response_head;  // exact status line + headers + CRLF CRLF as received
  std::string response_body;  // exact body bytes as received (may be chunked / encoded)

  // Parsed from response_head (see ParseResponseHead in core/http_message.h).
  int status_code = 0;
  std::string reason;
  std::vector<HttpHeader> headers;

  std::string remote_ip;  // numeric, no port; empty when unknown
  Timestamp started{};    // when the request was sent (the WARC-Date)
  std::chrono::microseconds connect_time{0};
  std::chrono::microseconds total_time{0};
  Truncation truncation = Truncation::kNone;

  // First header value by case-insensitive name, or nullopt.
  std::optional<std::string_view> Header(std::string_view name) const;
  // Location resolved against `url` for a 3xx with a Location header.
  std::optional<std::string> RedirectTarget() const;
  bool IsRedirect() const { return status_code >= 300 && status_code < 400 && status_code != 304; }
};

}  // namespace newsvault::core
