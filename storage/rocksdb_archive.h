// RocksDB archive: the Archive of storage/archive.h on a RocksDB database.
//
// One RocksDB column family per key space (docs/storage.md lists them all and
// every key and value encoding): meta, captures, payloads, versions, urls,
// stats. StoreCapture writes one WriteBatch with sync=true, so an acknowledged
// capture survives SIGKILL and power loss, and a crash never leaves half of one.
// RocksDB's LOCK file keeps a second process (and a second open in the same
// process) out; read-only opens take it too.
//
// This header includes no RocksDB header: rocksdb_archive.cpp is the one
// adapter that does, so every other file sees only our own types.
//
// Thread safety: the returned Archive may be used from several threads; writes
// are serialised by a mutex (the read-modify-write of a URL's latest version
// must be atomic), reads run concurrently.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "storage/archive.h"

namespace newsvault::storage {

// The schema this build writes and the newest it reads. Bump it when a key or
// value encoding changes incompatibly (and describe the change in docs/storage.md).
inline constexpr int kArchiveSchemaVersion = 1;

// See OpenArchive in storage/archive.h for the errors. A read-only open never
// creates an archive: a missing one is NotFound.
core::Result<std::unique_ptr<Archive>> OpenRocksDbArchive(const std::string& path,
                                                          const OpenOptions& options);

// Tests only: overwrites the meta family's schema_version of the (closed)
// archive at `path` with `value`, to check how newer or damaged schemas open.
core::Status OverwriteSchemaVersionForTesting(const std::string& path, std::string_view value);

}  // namespace newsvault::storage
