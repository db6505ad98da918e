// The libdeflate engine of GzipMember (storage/gzip_member_writer.h); the only
// file that includes <libdeflate.h> is its .cpp. Call GzipMember instead.
//
// libdeflate compresses a whole buffer in one call, so the parts are joined
// first (one copy; a single part is used in place).
//
// Thread safety: safe from any number of threads; each thread keeps its own
// compressor per level (thread_local), freed when the thread ends.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace newsvault::storage {

// One gzip member (RFC 1952) of the concatenation of `parts` at libdeflate
// level 0..12. InvalidArgument for another level; Internal when the
// compressor cannot be allocated or the output does not fit its bound.
core::Result<std::string> LibdeflateGzipMember(const std::vector<std::string_view>& parts,
                                               int level);

}  // namespace newsvault::storage
