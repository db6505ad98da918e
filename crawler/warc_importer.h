// WarcImporter: brings the records of .warc / .warc.gz files made by any tool
// (wget, Heritrix, browsertrix, warcio, newsvault export) into the archive as
// captures, payloads and article versions — the engine of `newsvault import`.
//
// What each record becomes (WARC 1.1 §6):
// - response (application/http): a capture; its body goes in as stored
//   (chunked framing and Content-Encoding kept), so the archive stores the
//   de-chunked entity once per payload digest. Its request bytes come from the
//   request record concurrent to it (WARC-Concurrent-To either way, or the
//   same URI and WARC-Date when neither names the other), before or after it;
//   without one the capture keeps empty request bytes (export then writes no
//   request record). 2xx HTML is extracted as a crawl would, with the capture
//   time as "now", and makes article versions.
// - revisit, identical-payload-digest (§6.7.2): a capture of its HTTP head
//   whose body is the payload already in the archive, found by
//   WARC-Payload-Digest (any SHA-1 spelling; also via the digests of chunked
//   originals read earlier in this import), else by WARC-Refers-To-Target-URI
//   + WARC-Refers-To-Date. A chunked head gets the payload as one chunk. A
//   revisit whose payload is nowhere is skipped ("revisit of a payload not in
//   the archive").
// - revisit, server-not-modified (§6.7.3) or any revisit with a 304 head: a
//   capture with that head and an empty body; with no head stored (Heritrix),
//   a made-up "HTTP/1.1 304 Not Modified" (+ ETag from WARC-Etag).
// - resource of an http(s) URL (§6.5): a capture with a made-up "HTTP/1.1 200
//   OK" head (its Content-Type and Content-Length) and the block as body: what
//   pywb serves for it. Re-exported, it becomes a response record.
// - request: attached to its response; warcinfo, metadata (our article JSON
//   included: articles are re-extracted), conversion and responses of non-HTTP
//   URLs (dns:): counted, not stored.
// - segmented records (WARC-Segment-Number, continuation; §6.9, §7): the
//   first segment and its continuations, wherever they are in this import's
//   files, are joined (crawler/warc_segment_assembler.h) into one logical
//   record, checked and imported as above; each segment's WARC-Block-Digest
//   is checked on its own block, the first segment's WARC-Payload-Digest on
//   the joined payload. An orphan continuation, a duplicate or invalid
//   segment number, a total length that does not add up, or a set still
//   incomplete when Finish() is called is skipped with its offset.
// A damaged record (unreadable gzip member, cut-off file, bad header, block
// or payload digest mismatch, unreadable date or URL) is skipped with its
// offset and the import goes on. A capture already stored (same urlkey, time
// within the archive's 1 µs nudges, payload digest and status) is a duplicate
// and is not stored again, so importing a file twice adds nothing.
//
// A WACZ (ZIP signature) is imported entry by entry: each archive/*.warc(.gz)
// is copied to a temporary file through crawler/zip_reader.h and read as above.
//
// Memory stays bounded whatever the file size: records stream through
// storage::ReadWarcFile; at most one response waits for its request and a few
// requests wait for their response; the digest aliases of chunked originals
// are capped; waiting segments are spilled to temporary files (only their
// headers stay in memory) and at most max_pending_segmented sets wait.
//
// Thread safety: one WarcImporter per thread; the Archive may be shared.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "storage/archive.h"

namespace newsvault::crawler {

struct WarcImportOptions {
  // Largest record block imported; a bigger record is skipped (the archive
  // holds a capture's body in memory). Default 64 MiB.
  uint64_t max_record_bytes = 64ull << 20;
  // Cap on the decoded (un-gzipped) body handed to the extractor. Default 64 MiB.
  size_t max_decoded_bytes = 64u << 20;
  // How many skipped records are listed one by one in the summary (all are
  // counted). Default 20.
  size_t max_listed_skips = 20;
  // Most remembered "WARC digest -> archive digest" pairs of chunked
  // originals (a revisit names the former). Default 100000 (~10 MB).
  size_t max_digest_aliases = 100000;
  // Most segmented records waiting for their other segments at once; the
  // oldest is given up (skipped) beyond that. Default 64.
  size_t max_pending_segmented = 64;
};

struct SkippedRecord {
  std::string file;
  uint64_t offset = 0;  // the record's (gzip member's) start in the file
  std::string type;     // WARC-Type, "" when the record could not be read
  std::string url;      // WARC-Target-URI, "" when unknown
  std::string reason;   // a category, e.g. "payload digest mismatch"
  std::string detail;   // one line, e.g. the reader's message
};

struct ImportSummary {
  uint64_t files = 0;
  uint64_t records = 0;                             // records read (readable ones)
  std::map<std::string, uint64_t> records_by_type;  // "response" -> 3, ...
  uint64_t captures = 0;                            // captures stored
  uint64_t revisit_captures = 0;                    // of which from revisit records
  uint64_t resource_captures = 0;                   // of which from resource records
  uint64_t requests_attached = 0;                   // request records paired with a capture
  uint64_t new_payloads = 0;
  uint64_t new_versions = 0;
  uint64_t duplicates = 0;  // captures already in the archive, not stored again
  // Records not meant to become captures, by reason ("warcinfo record", ...).
  std::map<std::string, uint64_t> not_imported;
  uint64_t skipped = 0;                               // damaged or unusable records
  std::map<std::string, uint64_t> skipped_by_reason;  // category -> count
  std::vector<SkippedRecord> skipped_records;         // the first max_listed_skips
  uint64_t oddities = 0;                              // records read despite a tolerated deviation
};

class WarcImporter {
 public:
  explicit WarcImporter(storage::Archive& archive, WarcImportOptions options = {});
  ~WarcImporter();
  WarcImporter(const WarcImporter&) = delete;
  WarcImporter& operator=(const WarcImporter&) = delete;

  // Imports every record of the WARC (or WACZ) at `path`, adding to summary(). Errors:
  // NotFound / IoError when the file cannot be opened (nothing imported from
  // it), or an archive failure, which stops the import (what was stored
  // stays). Damaged records are never errors: see summary().skipped.
  core::Status ImportFile(const std::string& path);

  // Ends the import: segmented records still missing segments after the
  // last file are skipped and counted. Call once after the last ImportFile,
  // before reading summary() for the final figures.
  void Finish();

  const ImportSummary& summary() const;
  // True once an error returned by ImportFile came from the archive (not
  // from opening a file): the caller should stop importing.
  bool archive_failed() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsvault::crawler
