// ZipWriter: writes a ZIP file whose entries are all STORED (no compression).
//
// A WACZ (WACZ 1.1.1, writer checklist "WACZ") is read by byte ranges straight
// out of the zip: ReplayWeb.page fetches a WARC record at its CDXJ offset
// inside the entry, which only works when the entry's bytes are the file's
// bytes. So every entry is stored, never deflated. libzip adapter: it writes
// ZIP64 records by itself when an entry or the archive passes 4 GiB, and
// streams file entries from disk when Close() runs.
//
// Thread safety: not thread-safe; one writer per zip, used by one thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

// <zip.h>'s zip_t and zip_source_t, kept out of this header.
struct zip;
struct zip_source;

namespace newsvault::storage {

class ZipWriter {
 public:
  // Creates (or truncates) the zip at `path`; nothing is on disk until Close().
  // IoError naming the path when it cannot be created.
  static core::Result<std::unique_ptr<ZipWriter>> Create(const std::string& path);

  // Discards everything unless Close() succeeded.
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  // Adds entry `name` ("archive/data.warc.gz") with the bytes of the file at
  // `file_path`, read when Close() runs (the file must stay until then).
  core::Status AddFile(const std::string& name, const std::string& file_path);
  // Adds entry `name` holding `bytes`.
  core::Status AddBytes(const std::string& name, std::string bytes);

  // Writes the zip (libzip writes a temporary file beside `path` and renames
  // it). IoError with libzip's reason when that fails.
  core::Status Close();

 private:
  struct Deleter {
    void operator()(::zip* archive) const;
  };
  ZipWriter(std::string path, ::zip* archive);
  core::Status Store(const std::string& name, ::zip_source* source);

  std::string path_;
  std::unique_ptr<::zip, Deleter> zip_;
  // AddBytes data: libzip reads it at Close(), so it must live until then.
  std::vector<std::unique_ptr<std::string>> buffers_;
};

}  // namespace newsvault::storage
