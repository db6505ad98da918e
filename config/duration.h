// Durations in config files: "500ms", "2s", "1h30m", "1d", "0s".
//
// A duration is one or more <digits><unit> parts with units d, h, m, s, ms, in
// that order, each at most once ("1h30m" yes, "30m1h" and "1m1m" no), so a typo
// cannot silently mean something else. Whole numbers only; no sign, no spaces.
// "0" alone is accepted as zero (a unit would add nothing). Anything else is an
// error rather than a guess.
//
// Thread safety: pure functions.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/status.h"

namespace newsvault::config {

// Parses `text` as above. Errors: InvalidArgument with a short reason
// ("unknown unit 'x'", "units must go from largest to smallest") when `text`
// is not a duration, or when it exceeds about 290 million years (int64 ms).
core::Result<std::chrono::milliseconds> ParseDuration(std::string_view text);

// The shortest text ParseDuration reads back as `value`: 5400000 ms -> "1h30m",
// 0 -> "0s". REQUIRES: value >= 0.
std::string FormatDuration(std::chrono::milliseconds value);

}  // namespace newsvault::config
