// Url: parsing, resolution, normalisation and SURT keys for http(s) URLs.
//
// We parse per RFC 3986 (with the WHATWG leniencies browsers apply to real
// pages: backslashes, surrounding spaces, uppercase schemes) and only accept
// http and https. Normalisation is what the archive keys on; the SURT urlkey
// (Sort-friendly URI Reordering Transform, as pywb/CDXJ use it) is the prefix
// of every capture key, so a prefix scan lists a site.
//
// Thread safety: values and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace newsvault::core {

class Url {
 public:
  // Parses an absolute http(s) URL. Errors: InvalidArgument for a malformed
  // URL, Unsupported for another scheme ("unsupported URL scheme 'ftp'").
  static Result<Url> Parse(std::string_view text);

  // Resolves `reference` (relative or absolute) against this URL (RFC 3986 §5.2).
  Result<Url> Resolve(std::string_view reference) const;

  const std::string& scheme() const { return scheme_; }  // "http" or "https", lowercase
  const std::string& host() const { return host_; }      // lowercase; IPv6 without brackets
  // The port given in the URL, or the scheme's default.
  uint16_t port() const { return port_; }
  bool has_explicit_port() const { return explicit_port_; }
  const std::string& path() const { return path_; }    // never empty: at least "/"
  const std::string& query() const { return query_; }  // without '?'; may be empty
  bool has_query() const { return has_query_; }
  const std::string& fragment() const { return fragment_; }  // without '#'

  // Canonical text: scheme and host lowercase, default port and fragment
  // dropped, dot segments removed, percent-encoding normalised (unreserved
  // characters decoded, hex digits uppercase, other non-ASCII encoded).
  std::string Normalized() const;
  // Host plus ":port" when the port is not the default (e.g. "127.0.0.1:8080").
  std::string Authority() const;

 private:
  std::string scheme_, host_, path_, query_, fragment_;
  uint16_t port_ = 0;
  bool explicit_port_ = false;
  bool has_query_ = false;
};

// SURT urlkey as pywb and CDXJ write it (WARC writer checklist, "CDXJ"):
// lowercase, scheme and a leading "www."/"wwwN." dropped, host labels reversed
// and comma-joined, ":port" kept when not default, ")" then path and "?query"
// with its arguments sorted, no fragment.
// "https://www.example.org/a?b=1&a=2" -> "org,example)/a?a=2&b=1".
// Like pywb (the Python `surt` package's defaults) it also: reverses IPv4
// literals ("http://127.0.0.1:8080/x" -> "1,0,0,127:8080)/x"), drops a
// trailing '/' unless the path is "/", drops an empty "?", sorts arguments as
// (name, value) pairs, and re-escapes path and query the surt way. IPv6 hosts
// stay whole in brackets. Implemented in core/surt.cpp.
std::string SurtKey(const Url& url);
// Convenience: parses then keys; an unparsable URL keys as its lowercase text.
std::string SurtKey(std::string_view url);

}  // namespace newsvault::core
