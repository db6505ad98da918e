// HTTP/1.x message bytes: parsing heads, removing and restoring chunked framing.
//
// The archive stores an entity body once per digest (de-chunked, still
// content-encoded: the WARC payload), and per capture only the chunk framing
// ("transfer framing") needed to rebuild the exact bytes received. So
// Rechunk(Dechunk(raw).entity, Dechunk(raw).framing) == raw for every input,
// complete, cut off, or malformed.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/http_exchange.h"
#include "core/status.h"

namespace newsvault::core {

struct ResponseHead {
  std::string http_version;  // "HTTP/1.1"
  int status_code = 0;
  std::string reason;
  std::vector<HttpHeader> headers;
};

// Parses "HTTP/1.1 200 OK\r\nName: value\r\n...\r\n\r\n". Tolerates bare LF,
// obsolete line folding and a missing final blank line. Corruption when there
// is no status line.
Result<ResponseHead> ParseResponseHead(std::string_view head);

// Case-insensitive lookup of the first header named `name`.
std::optional<std::string_view> FindHeader(const std::vector<HttpHeader>& headers,
                                           std::string_view name);

// True when the headers say the body is sent with "Transfer-Encoding: chunked".
bool IsChunked(const std::vector<HttpHeader>& headers);

struct DechunkResult {
  std::string entity;          // the concatenated chunk data
  std::string framing;         // opaque: what Rechunk needs to rebuild the raw bytes
  bool complete = false;       // the terminating 0-size chunk (and trailers) were seen
  bool framing_error = false;  // bytes that broke the chunk syntax were kept as entity data
};

// The framing encoding (stored by the archive, so it is a format; version 1):
//
//   framing := 0x01 varint(len F0) F0 { varint(len Di) varint(len Fi) Fi }
//
// The raw body is cut into alternating runs: Fi are framing runs copied
// verbatim (chunk-size lines with extensions and CRLFs, the CRLF after each
// chunk's data, the last chunk, trailers and the final CRLF), Di are data runs
// taken in order from the entity, of which only the lengths are stored.
// Varints are unsigned LEB128 (7 bits per byte, low group first). Rechunk
// writes F0, then for each group Di from the entity followed by Fi; the data
// lengths must add up to the entity's size. A typical chunk costs its size
// line plus two CRLFs plus two varint bytes. Bytes after a framing error are
// one final data run; bytes after a complete body (which belong to no chunk)
// are a final framing run, so the entity stays exactly the chunk data.

// Removes chunked framing (RFC 9112 §7.1). Never fails: data after a framing
// error is kept as entity bytes so nothing received is lost.
DechunkResult Dechunk(std::string_view raw);

// Rebuilds the raw chunked bytes from an entity and the framing Dechunk made.
// Corruption when the framing does not fit the entity's length.
Result<std::string> Rechunk(std::string_view entity, std::string_view framing);

}  // namespace newsvault::core
