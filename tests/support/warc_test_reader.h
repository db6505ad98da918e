// A strict WARC reader for tests of our own writer: it reads back what we
// wrote and fails on anything the writer must never produce.
//
// For .warc.gz it inflates each gzip member on its own (zlib, windowBits
// 15+16) and requires that every member holds exactly one whole record,
// trailing CRLF CRLF included (WARC 1.1 Annex D.2). For .warc it reads records
// back to back. It is deliberately separate from the production code, so a
// writer bug is not mirrored by a reader bug.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsvault::testing {

struct ParsedWarcRecord {
  uint64_t offset = 0;  // where the record (its gzip member) starts in the file
  uint64_t length = 0;  // bytes on disk (compressed member length for .gz)
  std::string version;  // first line, e.g. "WARC/1.1"
  std::vector<std::pair<std::string, std::string>> fields;  // in file order
  std::string block;

  // Value of the first field called `name` (case-insensitive), if any.
  std::optional<std::string> Field(std::string_view name) const;
  // How many fields are called `name` (case-insensitive).
  int FieldCount(std::string_view name) const;
  std::string Type() const { return Field("WARC-Type").value_or(""); }
};

struct ParsedWarcFile {
  std::vector<ParsedWarcRecord> records;
  std::string error;  // empty when the whole file was read without a fault
};

ParsedWarcFile ReadWarcFile(const std::string& path);

// The whole file as bytes ("" when unreadable).
std::string ReadFileBytes(const std::string& path);

// One gzip member (RFC 1952) of `data`, made with zlib directly.
std::string GzipForTest(std::string_view data);

}  // namespace newsvault::testing
