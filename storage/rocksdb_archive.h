// RocksDB archive: the Archive of storage/archive.h on a RocksDB database.
//
// One RocksDB column family per key space (docs/storage.md lists them all and
// every key and value encoding): meta, captures, payloads, versions, urls,
// stats; schema 2 adds payload_index and the crawl state of Crawl() (frontier,
// seen, revisits, revisit_due, validators, robots, runs; storage/
// rocksdb_crawl_store.h). StoreCapture writes one WriteBatch, so a crash never
// leaves half a capture. With Durability::kSyncEachWrite (the default) the
// batch is written with sync=true: an acknowledged capture survives SIGKILL
// and power loss. With kGroupCommit it is written with sync=false and a
// background thread (storage/rocksdb_wal_syncer.h) fsyncs the log every
// interval and on close: acknowledged captures survive SIGKILL, and power
// loss leaves a consistent prefix (storage/archive.h says why). A writable
// open upgrades a schema-1 archive in place. RocksDB's LOCK file keeps a
// second process (and a second open in the same process) out; read-only opens
// take it too.
//
// This header includes no RocksDB header: only the rocksdb_*.cpp adapter files
// (through the private storage/rocksdb_db.h) do, so every other file sees only
// our own types.
//
// Thread safety: the returned Archive may be used from several threads; writes
// and the crawl store's writes are serialised by one mutex (the read-modify-
// write of a URL's latest version, and the dedup check, must be atomic);
// reads run concurrently.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "storage/archive.h"

namespace newsvault::storage {

// The schema this build writes and the newest it reads. Bump it when a key or
// value encoding changes incompatibly (and describe the change in docs/storage.md).
inline constexpr int kArchiveSchemaVersion = 2;

// See OpenArchive in storage/archive.h for the errors. A read-only open never
// creates an archive: a missing one is NotFound.
core::Result<std::unique_ptr<Archive>> OpenRocksDbArchive(const std::string& path,
                                                          const OpenOptions& options);

// Tests only: overwrites the meta family's schema_version of the (closed)
// archive at `path` with `value`, to check how newer or damaged schemas open.
core::Status OverwriteSchemaVersionForTesting(const std::string& path, std::string_view value);

// Tests only: turns the (closed) archive at `path` into the schema-1 layout
// (drops the crawl state's column families, writes schema_version "1"). The
// captures, payloads, versions, urls and stats encodings are the same in both
// schemas, so the result is what a schema-1 build left behind.
core::Status MakeSchema1ForTesting(const std::string& path);

// Tests only: the schema_version text stored in the (closed) archive at `path`.
core::Result<std::string> ReadSchemaVersionForTesting(const std::string& path);

}  // namespace newsvault::storage
