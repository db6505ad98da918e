// A small ZIP reader for tests of our WACZ writer, independent of libzip.
//
// It walks the central directory (APPNOTE 6.3.x §4.3.12, ZIP64 extra field
// §4.5.3) and, for each entry, the local header that says where its bytes
// start, so a test can check what ReplayWeb.page relies on: entries STORED
// (method 0), data at a known offset, CRC-32 matching (zlib). It is not
// meant for zips from other tools (no encryption, no multi-disk).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace newsvault::testing {

struct ZipEntry {
  std::string name;
  uint16_t method = 0;  // 0 stored, 8 deflated
  uint32_t crc32 = 0;
  uint64_t compressed_size = 0;
  uint64_t size = 0;
  uint64_t data_offset = 0;  // where the entry's bytes start in the zip
  std::string data;          // the stored bytes (only for method 0)
  bool crc_ok = false;       // CRC-32 of data equals crc32 (method 0)
};

struct ZipContents {
  std::vector<ZipEntry> entries;  // in central directory order
  std::string error;              // empty when the zip was read without a fault

  // The entry called `name`, or null.
  const ZipEntry* Find(const std::string& name) const;
};

ZipContents ReadZip(const std::string& path);

}  // namespace newsvault::testing
