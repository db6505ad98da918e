// ZipReader: lists the entries of a ZIP file and copies one out to disk,
// streaming — what `newsvault import` needs to read the WARCs inside a WACZ
// (WACZ 1.1.1: archive/*.warc or *.warc.gz). libzip adapter: only
// zip_reader.cpp includes <zip.h>.
//
// Thread safety: one ZipReader per thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"

struct zip;  // <zip.h>'s zip_t, kept out of this header

namespace newsvault::crawler {

class ZipReader {
 public:
  // Opens the zip at `path` read-only. Corruption when it is not a readable
  // ZIP, NotFound / IoError when it cannot be opened.
  static core::Result<std::unique_ptr<ZipReader>> Open(const std::string& path);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  // Entry names in the zip's order ("archive/data.warc.gz", "pages/...").
  std::vector<std::string> EntryNames() const;

  // Copies entry `name`'s (uncompressed) bytes to a new file at `out_path`,
  // 64 KiB at a time. Corruption when the entry cannot be read whole (bad
  // CRC, cut-off zip), IoError when the file cannot be written.
  core::Status ExtractTo(const std::string& name, const std::string& out_path) const;

 private:
  struct Deleter {
    void operator()(::zip* archive) const;
  };
  ZipReader(std::string path, ::zip* archive);

  std::string path_;
  std::unique_ptr<::zip, Deleter> zip_;
};

}  // namespace newsvault::crawler
