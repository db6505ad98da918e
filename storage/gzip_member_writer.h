// Gzip members for .warc.gz files: one complete gzip member per WARC record.
//
// The .warc.gz convention (WARC 1.1 Annex D.2, writer checklist "File level")
// is that every record is its own gzip member, so a CDX offset/length pair
// can be decompressed on its own. Concatenated members are still one valid
// gzip file for ordinary tools.
//
// Thread safety: pure function; each call uses its own zlib stream.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace newsvault::storage {

// zlib level 6: the zlib default, the usual trade of speed for size in WARC tools.
inline constexpr int kWarcGzipLevel = 6;

// Compresses the concatenation of `parts` into exactly one gzip member (RFC
// 1952): a fresh deflate stream with a gzip header and CRC32/ISIZE trailer.
// Internal when zlib fails (out of memory).
core::Result<std::string> GzipMember(const std::vector<std::string_view>& parts,
                                     int level = kWarcGzipLevel);

}  // namespace newsvault::storage
