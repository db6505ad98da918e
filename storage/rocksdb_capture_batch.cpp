#include "storage/rocksdb_capture_batch.h"

#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include "storage/capture_builder.h"
#include "storage/record_codec.h"

namespace newsvault::storage {

using core::Result;
using core::Status;

Result<CaptureWrite> AddCaptureToBatch(ArchiveDb& db, const core::HttpExchange& exchange,
                                       const core::Article* article, rocksdb::WriteBatch* batch) {
  PreparedCapture prepared = PrepareCapture(exchange);
  CaptureRecord& record = prepared.record;

  UrlRecord url;
  auto stored_url = db.Get(kUrls, record.urlkey);
  if (stored_url.ok()) {
    auto decoded = DecodeUrlValue(*stored_url);
    if (!decoded.ok()) return decoded.error().WithContext("archive at " + db.path());
    url = std::move(*decoded);
  } else if (!stored_url.error().IsNotFound()) {
    return stored_url.error();
  }

  // Two exchanges of one urlkey in the same microsecond both stay: the later
  // one moves on by 1 µs until its key is free.
  std::string key = EncodeCaptureKey(record.urlkey, record.time);
  for (;;) {
    ASSIGN_OR_RETURN(bool taken, db.Exists(kCaptures, key));
    if (!taken) break;
    record.time += std::chrono::microseconds(1);
    key = EncodeCaptureKey(record.urlkey, record.time);
  }

  // The small payload_index answers "stored already?" without touching the
  // payload value (which RocksDB 7.8 would read, blob file and all). Payloads
  // stored before schema 2 are not in it: for a miss ask the payloads family
  // (whose bloom filter answers most true misses) and index a hit now.
  ASSIGN_OR_RETURN(bool indexed, db.Exists(kPayloadIndex, record.payload_digest));
  bool payload_known = indexed;
  if (!indexed) {
    ASSIGN_OR_RETURN(payload_known, db.Exists(kPayloads, record.payload_digest));
  }
  record.payload_was_new = !payload_known;

  std::optional<ArticleVersionRecord> new_version;
  if (article != nullptr) {
    VersionDecision decision = DecideVersion(url, *article);
    record.version = decision.number;
    if (decision.is_new) {
      new_version = ArticleVersionRecord{decision.number, record.time,
                                         std::move(decision.text_digest), *article};
    }
  }

  CaptureWrite out;
  ArchiveStats& counters = out.counters;
  counters = db.counters;
  if (url.captures == 0) ++counters.urls;
  ++counters.captures;
  counters.captured_bytes += record.payload_size;
  if (payload_known) {
    ++counters.revisits;
  } else {
    ++counters.payloads;
    counters.payload_bytes += record.payload_size;
  }
  CountCapture(record, &url);
  if (new_version) {
    ++counters.versions;
    CountVersion(*new_version, &url);
  }

  batch->Put(db.Family(kCaptures), key, EncodeCaptureValue(record));
  if (!payload_known) batch->Put(db.Family(kPayloads), record.payload_digest, prepared.entity);
  if (!indexed) batch->Put(db.Family(kPayloadIndex), record.payload_digest, "");
  if (new_version) {
    batch->Put(db.Family(kVersions), EncodeVersionKey(record.urlkey, new_version->number),
               EncodeVersionValue(*new_version));
  }
  batch->Put(db.Family(kUrls), record.urlkey, EncodeUrlValue(url));
  for (auto [name, field] : CounterFields(&counters)) {
    batch->Put(db.Family(kStats), name, EncodeCounter(*field));
  }

  out.outcome.time = record.time;
  out.outcome.new_payload = !payload_known;
  out.outcome.version = record.version;
  out.outcome.new_version = new_version.has_value();
  return out;
}

}  // namespace newsvault::storage
