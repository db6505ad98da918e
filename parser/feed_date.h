// Dates as feeds and sitemaps write them, to RFC 3339.
//
// RSS 2.0 <pubDate> uses RFC 822 dates (updated by RFC 5322 §3.3):
// "Tue, 04 Feb 2025 10:11:12 GMT", with numeric offsets ("+0700") or the
// named zones of RFC 822 §5.1 (UT, GMT, EST, EDT, CST, CDT, MST, MDT, PST,
// PDT). Feeds in the wild add full day and month names, missing seconds or
// weekday, "+07:00", "UTC", and other common abbreviations (CET, JST, ...).
// Atom (RFC 4287 §3.3), RSS 1.0's dc:date and sitemaps' <lastmod> use W3C
// datetime / RFC 3339; some RSS feeds do too, so both forms are accepted
// wherever a feed date is read.
//
// Thread safety: pure functions over constant tables.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "parser/date_parser.h"

namespace newsvault::parser {

// Parses an RFC 822 / RFC 5322 date-time. A zone of "-0000", a military
// letter (RFC 5322 §4.3: their signs were wrong in RFC 822) or an unknown
// abbreviation leaves the offset unknown. nullopt when it is no such date.
std::optional<ParsedDate> ParseRfc822Date(std::string_view text);

// Any feed or sitemap date (RFC 822 first, then ISO 8601 / W3C datetime and
// the human forms of ParseDateValue) as RFC 3339 keeping the feed's offset
// ("2025-02-04T10:11:12-05:00"; a date alone stays "2025-02-04"). Empty when
// the text holds no date.
std::string FeedDateToRfc3339(std::string_view text);

}  // namespace newsvault::parser
