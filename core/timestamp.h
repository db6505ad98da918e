// Timestamps: one time type for the whole project and its text forms.
//
// Captures are keyed and exported in UTC with microsecond precision. The text
// forms are the ones web archives use: WARC-Date (WARC 1.1 §5.4, W3C-DTF with a
// fraction), the 14-digit CDX timestamp, and RFC 3339 for JSON.
//
// Thread safety: pure functions.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace newsvault::core {

using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

// Microseconds since the Unix epoch, and back.
int64_t ToMicros(Timestamp t);
Timestamp FromMicros(int64_t micros);

// "2025-02-04T10:11:12.123456Z" (WARC/1.1 WARC-Date; always 6 fraction digits).
std::string FormatWarcDate(Timestamp t);
// "2025-02-04T10:11:12Z" (WARC/1.0 form, also RFC 3339 in UTC without fraction).
std::string FormatIsoSeconds(Timestamp t);
// "20250204101112" (CDX / Wayback 14-digit form, UTC).
std::string Format14Digit(Timestamp t);

// Parses a user's time argument (`--since`, `--at`): "2025-02-04",
// "2025-02-04T10:11:12Z", "2025-02-04T10:11:12.5+02:00", "2025-02-04 10:11",
// or 4..14 CDX digits ("2025", "20250204101112"). A date-only or short form
// means the start of that period in UTC.
Result<Timestamp> ParseTimeArgument(std::string_view text);

// Parses an RFC 3339 / ISO 8601 date-time; keeps nothing of the offset but the
// instant. Also accepts the WARC-Date forms (W3C-DTF, including the reduced
// "YYYY", "YYYY-MM", "YYYY-MM-DD" and "...Thh:mm"). Lenient where pages are:
// 't'/' ' separators, 'z', offsets "+hh:mm", "+hhmm", "+hh", 1-9 fraction
// digits (truncated to microseconds); no offset means UTC.
Result<Timestamp> ParseIso8601(std::string_view text);

// Parses an HTTP-date (RFC 9110 §5.6.7: IMF-fixdate, plus the obsolete RFC 850
// and asctime forms).
Result<Timestamp> ParseHttpDate(std::string_view text);

}  // namespace newsvault::core
