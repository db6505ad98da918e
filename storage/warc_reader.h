// WarcReader: reads the records of any .warc or .warc.gz file, streaming.
//
// Written for files made by other tools (wget, Heritrix, browsertrix) as well
// as ours, so it is lenient where the format is often bent and never gives up
// on a whole file: WARC/1.0 and WARC/1.1, field names in any case (WARC 1.1
// §4), folded field values, blank lines between records, a record followed by
// one CRLF instead of two (the 2014 Heritrix sample), unknown record types
// (passed through, §6), one gzip member per record or one gzip stream for the
// whole file. Oddities are reported with the record; a record that cannot be
// read (damaged gzip member, unreadable header, missing Content-Length, file
// cut off) becomes an error with its offset and the reader resynchronises at
// the next gzip member or, in a plain file, the next "WARC/" line.
//
// Memory stays bounded: the file is read through a small buffer and at most
// `max_block_bytes` of one record's block are held; the rest of a bigger
// block is read past (and still checked by gzip's CRC), and the record says
// its block is only a prefix.
//
// Thread safety: ReadWarcFile is reentrant; each call owns its file handle.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "storage/warc_record.h"

namespace newsvault::storage {

struct WarcReaderOptions {
  // Most bytes of one record's block held in memory; the rest is skipped and
  // WarcRecordView::block_complete is false. Default 64 MiB.
  uint64_t max_block_bytes = 64ull << 20;
  // Longest header line and whole WARC header accepted before the record is
  // declared unreadable. Defaults 64 KiB and 1 MiB.
  size_t max_header_line_bytes = 64 * 1024;
  size_t max_header_bytes = 1 << 20;
};

// One record as read. Views point into the reader's buffers and are valid
// only during the callback.
struct WarcRecordView {
  std::string version;            // first line, e.g. "WARC/1.0"
  std::vector<WarcField> fields;  // in file order, names as written
  std::string_view block;         // the block, or its first max_block_bytes
  uint64_t block_length = 0;      // Content-Length: the whole block's size
  bool block_complete = true;     // false when `block` is only a prefix
  // For .warc.gz: the start of the record's gzip member and the member's
  // compressed length (what CDX indexes store). For .warc: the record's start
  // and the bytes of header + block (trailing CRLFs excluded, as warcio.js).
  uint64_t offset = 0;
  uint64_t length = 0;
  std::vector<std::string> oddities;  // tolerated deviations, one line each

  // Value of the first field named `name` (ASCII case-insensitive).
  std::optional<std::string_view> Field(std::string_view name) const;
  // WARC-Type, or "" when absent.
  std::string_view type() const { return Field("WARC-Type").value_or(""); }
};

// A record (or a stretch of the file) that could not be read.
struct WarcReadError {
  uint64_t offset = 0;  // where the unreadable record or gzip member starts
  std::string message;  // one line
};

struct WarcReadReport {
  bool compressed = false;            // the file is gzip
  uint64_t records = 0;               // records handed to the callback
  uint64_t oddities = 0;              // records that came with at least one oddity
  std::vector<WarcReadError> errors;  // at most kMaxReportedErrors entries
  uint64_t error_count = 0;           // all errors, reported or not
};

inline constexpr size_t kMaxReportedErrors = 10000;

// Called once per readable record, in file order. A non-OK status stops the
// read and is returned by ReadWarcFile.
using WarcRecordCallback = std::function<core::Status(const WarcRecordView&)>;

// Reads every record of the file at `path`. NotFound / IoError when the file
// cannot be opened; damaged records are errors in the report, not failures.
core::Result<WarcReadReport> ReadWarcFile(const std::string& path,
                                          const WarcRecordCallback& callback,
                                          const WarcReaderOptions& options = {});

}  // namespace newsvault::storage
