// Sha256OfFile: the SHA-256 and size of a file, read in bounded chunks.
//
// WACZ 1.1.1 datapackage.json lists every resource with "hash":
// "sha256:" + lowercase hex and "bytes"; a WARC there can be gigabytes, so it
// is hashed while streaming, never loaded whole. OpenSSL adapter.
//
// Thread safety: pure function; each call has its own digest context.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"

namespace newsvault::storage {

struct FileDigest {
  std::string sha256_hex;  // 64 lowercase hex digits, no label
  uint64_t bytes = 0;
};

// IoError naming the path when it cannot be read; Internal when OpenSSL fails.
core::Result<FileDigest> Sha256OfFile(const std::string& path);

}  // namespace newsvault::storage
