// Canonicalize: the one text form of a URL the crawler dedups and keys on
// (issue 3, "URLs"), so that "https://Example.com:443/a?utm_source=x#top" and
// "https://example.com/a" are fetched once.
//
// It is Url::Normalized() (RFC 3986 §6.2.2 syntax-based normalisation: scheme
// and host lowercase, default port and fragment dropped, dot segments removed,
// percent-encoding normalised) followed by scheme-based clean-ups that RFC
// 3986 cannot know about: query parameters that only track the visitor
// (utm_*, fbclid, gclid...) and session ids, in the query or as a
// ";jsessionid=..." path parameter, are removed, and an empty "?" is dropped.
// Everything else is kept byte for byte: the order of the remaining query
// parameters, their case, empty pieces ("a=1&&b=2") and '+' versus "%20",
// because servers may read any of those differently.
//
// Thread safety: pure functions; CanonicalizeOptions is a plain value.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace newsvault::core {

// What Canonicalize removes. Parameter names are compared ASCII
// case-insensitively, after percent-decoding of unreserved characters (so
// "UTM%5Fsource" is "utm_source").
struct CanonicalizeOptions {
  // Query parameters removed by exact name: click identifiers and mail-campaign
  // ids that advertisers and newsletters append and that no news site reads to
  // choose content. Only names on the lists browsers and privacy filters agree
  // on (Firefox query stripping, Brave, ClearURLs) are defaults; site-specific
  // ones belong in the site's config.
  // Default: fbclid (Facebook), gclid, dclid, gbraid, wbraid (Google Ads),
  // msclkid (Microsoft Ads), yclid (Yandex), twclid (X/Twitter), igshid
  // (Instagram), mc_cid, mc_eid (Mailchimp), _hsenc, _hsmi (HubSpot),
  // mkt_tok (Marketo).
  std::vector<std::string> strip_params = {"fbclid",  "gclid",  "dclid",  "gbraid", "wbraid",
                                           "msclkid", "yclid",  "twclid", "igshid", "mc_cid",
                                           "mc_eid",  "_hsenc", "_hsmi",  "mkt_tok"};

  // Query parameters removed when their name starts with one of these.
  // Default: "utm_" (Google Analytics campaign tags: utm_source, utm_medium...).
  std::vector<std::string> strip_param_prefixes = {"utm_"};

  // Session-id parameters, removed from the query and from path parameters
  // (";jsessionid=..." as Java servlet containers append it), but only when
  // the value looks like a session token (see min_session_id_length), because
  // a short "sid=3" is as often a section id as a session.
  // Default: jsessionid (Java), phpsessid (PHP), sessionid, sid.
  std::vector<std::string> session_params = {"jsessionid", "phpsessid", "sessionid", "sid"};

  // Session-id parameters recognised by name prefix.
  // Default: "aspsessionid" (classic ASP: "ASPSESSIONIDQQGGQGPA=...").
  std::vector<std::string> session_param_prefixes = {"aspsessionid"};

  // A session parameter is removed only when its value has at least this many
  // bytes; real session tokens are 24-32+ characters. 0 removes any value.
  // Default: 16.
  size_t min_session_id_length = 16;

  // Sort the remaining query parameters by name, then value. Default false:
  // parameter order changes the resource on some servers. (The SURT urlkey
  // sorts anyway, so keys of differently ordered URLs already collide.)
  bool sort_query = false;
};

// The canonical form of the absolute http(s) URL `url`. Errors are those of
// Url::Parse: InvalidArgument for a malformed URL, Unsupported for any other
// scheme (see IsFetchableScheme).
// "HTTPS://Example.com:443/a/./b;jsessionid=0123456789ABCDEF0123?utm_source=x&id=7#c"
//   -> "https://example.com/a/b?id=7".
Result<std::string> Canonicalize(std::string_view url, const CanonicalizeOptions& options = {});

// True for the schemes the crawler fetches: "http" and "https" (any case,
// without the ':'). mailto, javascript, tel, data, ftp, file... are never
// fetched: they are not web pages, or (javascript, data) not even locations.
bool IsFetchableScheme(std::string_view scheme);

}  // namespace newsvault::core
