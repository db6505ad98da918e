// WarcWriter: appends WARC 1.1 records to one file, gzip member per record.
//
// The file is written as PATH.open and renamed to PATH by Close() after an
// fsync (the Heritrix convention, writer checklist "File level"), so indexers
// and users never take a half-written file for a finished one. A writer
// destroyed without Close() leaves PATH.open behind on purpose: a crashed
// export stays visibly incomplete. Discard() removes it instead.
//
// When PATH ends in ".gz" every record, trailing CRLF CRLF included, is one
// gzip member (WARC 1.1 Annex D.2), so the (offset, length) that Write returns
// is what a CDX index records; otherwise records are written uncompressed.
//
// The writer owns WARC-Record-ID, WARC-Date, Content-Length and
// WARC-Block-Digest (see storage/warc_record.h); the caller gives the rest.
//
// Thread safety: not thread-safe; one writer per file, used by one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/status.h"
#include "storage/warc_record.h"

namespace newsvault::storage {

class WarcWriter {
 public:
  // Creates (or truncates) PATH.open. The directory must exist: IoError
  // naming the path otherwise.
  static core::Result<std::unique_ptr<WarcWriter>> Open(const std::string& path);

  // Leaves PATH.open in place unless Close() or Discard() ran.
  ~WarcWriter();
  WarcWriter(const WarcWriter&) = delete;
  WarcWriter& operator=(const WarcWriter&) = delete;

  // Appends one record. InvalidArgument for a record that cannot be written
  // as given (storage/warc_record.h: FormatWarcHead); IoError when the disk
  // write fails, after which the writer refuses further records.
  // REQUIRES: neither Close() nor Discard() has been called.
  core::Result<WrittenRecord> Write(const WarcRecord& record);

  // Flushes, fsyncs and renames PATH.open to PATH (replacing an existing PATH).
  // IoError when any step fails; PATH.open is then left for inspection.
  core::Status Close();

  // Closes and removes PATH.open; for an export that failed halfway.
  core::Status Discard();

  const std::string& path() const { return path_; }            // the final name
  const std::string& open_path() const { return open_path_; }  // PATH.open
  bool compressed() const { return compressed_; }
  uint64_t bytes_written() const { return offset_; }

 private:
  WarcWriter(std::string path, int fd);
  core::Status WriteAll(std::string_view bytes);

  std::string path_;
  std::string open_path_;
  int fd_ = -1;  // -1 once closed
  bool compressed_ = false;
  bool failed_ = false;  // a write failed; the file's tail is unknown
  uint64_t offset_ = 0;  // bytes written so far = the next record's offset
};

}  // namespace newsvault::storage
