// Capture batch: builds the writes of one capture (Archive::StoreCapture) into
// a RocksDB write batch, so StoreCapture and CrawlStore::StoreCrawledCapture
// share one implementation and the latter can add its crawl bookkeeping to
// the same batch.
//
// Private to the RocksDB adapter files (includes RocksDB through rocksdb_db.h).
//
// Thread safety: the caller holds db.write_mu from AddCaptureToBatch until the
// batch is written and the counters committed.
#pragma once

#include "core/article.h"
#include "core/http_exchange.h"
#include "core/status.h"
#include "storage/archive.h"
#include "storage/rocksdb_db.h"

namespace newsvault::storage {

struct CaptureWrite {
  StoreOutcome outcome;
  ArchiveStats counters;  // db.counters once the batch is written
};

// Adds the capture, its payload if new, its article version if changed, the
// urls record and the stats counters to `batch`. Reads the urls record and
// probes keys; writes nothing.
core::Result<CaptureWrite> AddCaptureToBatch(ArchiveDb& db, const core::HttpExchange& exchange,
                                             const core::Article* article,
                                             rocksdb::WriteBatch* batch);

}  // namespace newsvault::storage
