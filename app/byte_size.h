// ParseByteSize: sizes on the command line ("100MB", "1GiB", "250000").
//
// `export --max-size`: SI units are powers of 1000 (kB/KB, MB, GB, TB, as
// WARC 1.1 Annex C's "1 gigabyte" = 10^9 bytes), IEC units powers of 1024
// (KiB, MiB, GiB, TiB); "B" or no unit means bytes. Units are
// case-insensitive, a space may separate them from the number, and the
// number is a whole decimal number.
//
// Thread safety: pure function.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/status.h"

namespace newsvault::app {

// InvalidArgument for anything else, for 0 and for sizes beyond 2^64-1.
core::Result<uint64_t> ParseByteSize(std::string_view text);

}  // namespace newsvault::app
