// WarcSetWriter: one WARC file, or a set of WARC files rotated at a size limit.
//
// Writer checklist "File level" (after WARC 1.1 Annex C and Heritrix): a
// set's files are named PREFIX-YYYYMMDDhhmmss-SERIAL-HOST.warc.gz (14-digit
// UTC time the file was started, 5-digit zero-padded serial from 00000, the
// writing host), each written as NAME.open and renamed when finished, and a
// new file is started *between* captures once the current one has reached the
// size limit (default 10^9 bytes). As Heritrix does, the limit is checked
// before a capture is written, so a file exceeds it by at most its last
// capture's records; a capture's records are never split over files. The
// caller decides where a capture begins: it asks ReachedLimit() and calls
// Rotate(); it also writes each file's warcinfo (WarcWriter::Write).
//
// Thread safety: not thread-safe; one set, used by one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "core/timestamp.h"
#include "storage/warc_writer.h"

namespace newsvault::storage {

// Annex C's "about 1 gigabyte", as 10^9 bytes.
inline constexpr uint64_t kDefaultWarcMaxSize = 1'000'000'000;

struct WarcSetOptions {
  // One file with exactly this name (".gz": gzip per record), never rotated.
  std::string path;
  // Otherwise a rotated set of .warc.gz files in this existing directory.
  std::string directory;
  std::string prefix = "newsvault";
  uint64_t max_size = kDefaultWarcMaxSize;
  std::string hostname;  // for the names; empty: this machine's (gethostname)
};

// "PREFIX-20250204101112-00003-HOST.warc.gz". Characters of `host` outside
// [A-Za-z0-9.-] become '-', so the name stays one path component.
std::string WarcSetFileName(const std::string& prefix, core::Timestamp started, uint32_t serial,
                            const std::string& host);

// This machine's host name ("localhost" when it cannot be read).
std::string LocalHostname();

class WarcSetWriter {
 public:
  // Opens the first file. InvalidArgument for options that name no file (both
  // or neither of path/directory, a prefix with '/', max_size 0); IoError
  // when the file cannot be created; AlreadyExists when a set file of that
  // name (or its .open) is already there: a set never replaces other files.
  static core::Result<std::unique_ptr<WarcSetWriter>> Open(const WarcSetOptions& options);

  ~WarcSetWriter();
  WarcSetWriter(const WarcSetWriter&) = delete;
  WarcSetWriter& operator=(const WarcSetWriter&) = delete;

  WarcWriter& current() { return *current_; }
  bool rotates() const { return options_.path.empty(); }
  // True when the set rotates and the current file holds max_size bytes or more.
  bool ReachedLimit() const;
  // Finishes the current file (fsync, rename) and opens the next one.
  core::Status Rotate();
  // Finishes the current file; no more writes afterwards.
  core::Status Close();
  // Removes the current NAME.open and every file of the set already finished
  // (best effort): what a failed export must leave behind is nothing.
  void Discard();

  // Final names of every file started so far, in order (the last may still be open).
  const std::vector<std::string>& paths() const { return paths_; }
  // Bytes in all files so far.
  uint64_t bytes_written() const { return finished_bytes_ + current_->bytes_written(); }

 private:
  explicit WarcSetWriter(WarcSetOptions options) : options_(std::move(options)) {}
  core::Status OpenNext();

  WarcSetOptions options_;
  std::unique_ptr<WarcWriter> current_;
  std::vector<std::string> paths_;
  size_t finished_files_ = 0;  // paths_[0, n) were closed and renamed
  uint64_t finished_bytes_ = 0;
  uint32_t next_serial_ = 0;
  bool closed_ = false;
};

}  // namespace newsvault::storage
