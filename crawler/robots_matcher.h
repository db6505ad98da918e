// robots.txt path matching (RFC 9309 §2.2.2, §2.2.3): percent-encoding
// normalisation of rule patterns and URL paths, and the '*' / '$' pattern match.
//
// Both sides are brought to one canonical octet form before comparing, so that
// "/%7Euser" and "/~user", or "/caf%c3%a9" and "/café", are the same path:
//  - "%XX" of an unreserved character (RFC 3986 §2.3: ALPHA DIGIT - . _ ~) is
//    decoded; any other "%XX" is kept with uppercase hex digits;
//  - octets outside printable ASCII (non-ASCII UTF-8, controls, space) are
//    percent-encoded (§2.2.2: "MUST be percent-encoded ... prior to comparison");
//  - a '%' not followed by two hex digits is a literal '%', written "%25";
//  - reserved characters ("/", "?", "=", ":") are NOT equated with their
//    encodings: RFC 3986 §6.2.2.2 says they differ, so "/a%2Fb" is not "/a/b".
//  - '*' and '$' in a URL path are literal characters; they are written "%2A"
//    and "%24" so a pattern can match them literally with "%2A" / "%24" (§2.2.3).
//    In a pattern, '*' is the wildcard and a final '$' the end anchor; a '$'
//    anywhere else is literal and becomes "%24".
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace newsvault::crawler {

// Canonical form of a URL path (with its "?query"), for matching.
std::string NormalizeRobotsPath(std::string_view path);

// Canonical form of an Allow/Disallow pattern, for matching and for its length
// (RFC 9309 §2.2.2: the match with the most octets wins).
std::string NormalizeRobotsPattern(std::string_view pattern);

// True when the normalised `pattern` matches the start of the normalised
// `path`: '*' matches any run of octets (also none), a final '$' requires the
// path to end there, anything else matches itself. Without '$' the pattern
// only has to match a prefix of the path (§2.2.2). Time O(|pattern| x |path|)
// at worst, no recursion: safe on hostile patterns such as "/*a*a*a*a*b".
bool RobotsPatternMatches(std::string_view pattern, std::string_view path);

// The path-and-query of `url_or_path`: a string starting with '/' is taken as
// is; otherwise "scheme://authority" is cut off. The fragment is dropped and an
// empty path becomes "/" ("http://h?q" -> "/?q").
std::string RobotsPathOf(std::string_view url_or_path);

}  // namespace newsvault::crawler
