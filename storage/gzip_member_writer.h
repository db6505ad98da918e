// Gzip members for .warc.gz files: one complete gzip member per WARC record.
//
// The .warc.gz convention (WARC 1.1 Annex D.2, writer checklist "File level")
// is that every record is its own gzip member, so a CDX offset/length pair
// can be decompressed on its own. Concatenated members are still one valid
// gzip file for ordinary tools.
//
// Two deflate engines build the member: zlib (streaming) and libdeflate
// (whole buffer in one call). Export is gzip-bound and libdeflate was about
// twice as fast as zlib at level 6 on news-page records of every size, for a
// member about as large (bench/export, docs/benchmarks.md "Export and
// import"), so it is the default; zlib stays for comparison and as a fallback.
//
// Thread safety: safe to call from any number of threads at once. zlib gets a
// fresh stream per call; libdeflate keeps one compressor per level per thread
// (thread_local), never shared between threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace newsvault::storage {

// Level 6: the zlib default, the usual trade of speed for size in WARC tools.
// libdeflate's level 6 is the same trade (its own default).
inline constexpr int kWarcGzipLevel = 6;

enum class GzipEngine {
  kZlib,        // levels 0..9
  kLibdeflate,  // levels 0..12
};

// The engine export uses (see the measurements cited above).
inline constexpr GzipEngine kWarcGzipEngine = GzipEngine::kLibdeflate;

// Compresses the concatenation of `parts` into exactly one gzip member (RFC
// 1952 §2.2): a fresh deflate stream with a gzip header and CRC32/ISIZE
// trailer. InvalidArgument for a level the engine does not have; Internal
// when the library fails (out of memory).
core::Result<std::string> GzipMember(const std::vector<std::string_view>& parts,
                                     int level = kWarcGzipLevel,
                                     GzipEngine engine = kWarcGzipEngine);

}  // namespace newsvault::storage
