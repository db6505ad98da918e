#include "tests/support/zip_test_reader.h"

#include <zlib.h>

#include "tests/support/warc_test_reader.h"

namespace newsvault::testing {
namespace {

constexpr uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr uint32_t kZip64EndLocator = 0x07064b50;
constexpr uint32_t kZip64End = 0x06064b50;
constexpr uint32_t kCentralHeader = 0x02014b50;
constexpr uint32_t kLocalHeader = 0x04034b50;

uint64_t Le(const std::string& b, uint64_t at, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) {
    v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<uint64_t>(i)]);
  }
  return v;
}

}  // namespace

const ZipEntry* ZipContents::Find(const std::string& name) const {
  for (const ZipEntry& e : entries) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

ZipContents ReadZip(const std::string& path) {
  ZipContents out;
  const std::string b = ReadFileBytes(path);
  if (b.size() < 22) {
    out.error = "too short for a zip";
    return out;
  }
  // The end record is the last 22 bytes plus a comment of up to 64 KiB.
  uint64_t eocd = std::string::npos;
  for (uint64_t at = b.size() - 22;; --at) {
    if (Le(b, at, 4) == kEndOfCentralDirectory) {
      eocd = at;
      break;
    }
    if (at == 0 || b.size() - at > 22 + 65535) break;
  }
  if (eocd == std::string::npos) {
    out.error = "no end of central directory record";
    return out;
  }
  uint64_t count = Le(b, eocd + 10, 2);
  uint64_t cd_offset = Le(b, eocd + 16, 4);
  if (eocd >= 20 && Le(b, eocd - 20, 4) == kZip64EndLocator) {
    uint64_t z64 = Le(b, eocd - 20 + 8, 8);
    if (z64 + 56 > b.size() || Le(b, z64, 4) != kZip64End) {
      out.error = "bad ZIP64 end record";
      return out;
    }
    count = Le(b, z64 + 32, 8);
    cd_offset = Le(b, z64 + 48, 8);
  }
  uint64_t at = cd_offset;
  for (uint64_t i = 0; i < count; ++i) {
    if (at + 46 > b.size() || Le(b, at, 4) != kCentralHeader) {
      out.error = "bad central directory header " + std::to_string(i);
      return out;
    }
    ZipEntry e;
    e.method = static_cast<uint16_t>(Le(b, at + 10, 2));
    e.crc32 = static_cast<uint32_t>(Le(b, at + 16, 4));
    e.compressed_size = Le(b, at + 20, 4);
    e.size = Le(b, at + 24, 4);
    uint64_t name_len = Le(b, at + 28, 2), extra_len = Le(b, at + 30, 2);
    uint64_t comment_len = Le(b, at + 32, 2);
    uint64_t local = Le(b, at + 42, 4);
    e.name = b.substr(at + 46, name_len);
    // ZIP64 extra field (id 1): the 64-bit values of the fields set to 0xFFFFFFFF, in order.
    uint64_t x = at + 46 + name_len, x_end = x + extra_len;
    if (x_end > b.size()) {
      out.error = "central directory entry " + std::to_string(i) + " runs past the end";
      return out;
    }
    while (x + 4 <= x_end) {
      uint64_t id = Le(b, x, 2), len = Le(b, x + 2, 2), v = x + 4;
      if (id == 1) {
        for (uint64_t* field : {&e.size, &e.compressed_size, &local}) {
          if (*field != 0xFFFFFFFF) continue;
          *field = Le(b, v, 8);
          v += 8;
        }
      }
      x += 4 + len;
    }
    if (local + 30 > b.size() || Le(b, local, 4) != kLocalHeader) {
      out.error = "bad local header for " + e.name;
      return out;
    }
    e.data_offset = local + 30 + Le(b, local + 26, 2) + Le(b, local + 28, 2);
    if (e.data_offset + e.compressed_size > b.size()) {
      out.error = "entry " + e.name + " runs past the end";
      return out;
    }
    if (e.method == 0) {
      e.data = b.substr(e.data_offset, e.compressed_size);
      uLong crc = ::crc32(0L, Z_NULL, 0);
      crc = ::crc32(crc, reinterpret_cast<const Bytef*>(e.data.data()),
                    static_cast<uInt>(e.data.size()));
      e.crc_ok = crc == e.crc32 && e.data.size() == e.size;
    }
    out.entries.push_back(std::move(e));
    at += 46 + name_len + extra_len + comment_len;
  }
  return out;
}

}  // namespace newsvault::testing
