#include "tests/support/warc_test_reader.h"

#include <zlib.h>

#include <fstream>
#include <iterator>
#include <sstream>

namespace newsvault::testing {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) {
      return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// Parses one record at the start of `data`; returns bytes used or an error text.
size_t ParseRecord(std::string_view data, ParsedWarcRecord& record, std::string& error) {
  auto head_end = data.find("\r\n\r\n");
  if (head_end == std::string_view::npos) {
    error = "no CRLF CRLF after the WARC header";
    return 0;
  }
  std::string_view head = data.substr(0, head_end + 2);
  auto first_eol = head.find("\r\n");
  record.version = std::string(head.substr(0, first_eol));
  std::string_view rest = head.substr(first_eol + 2);
  while (!rest.empty()) {
    auto eol = rest.find("\r\n");
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol + 2);
    if (line.find('\n') != std::string_view::npos || line.find('\r') != std::string_view::npos) {
      error = "bare CR or LF in header line";
      return 0;
    }
    auto colon = line.find(": ");
    if (colon == std::string_view::npos) {
      error = "header line without \": \": " + std::string(line);
      return 0;
    }
    record.fields.emplace_back(std::string(line.substr(0, colon)),
                               std::string(line.substr(colon + 2)));
  }
  auto length_text = record.Field("Content-Length");
  if (!length_text) {
    error = "no Content-Length";
    return 0;
  }
  size_t length = std::stoull(*length_text);
  size_t block_start = head_end + 4;
  if (data.size() < block_start + length + 4) {
    error = "record shorter than Content-Length + CRLF CRLF";
    return 0;
  }
  record.block = std::string(data.substr(block_start, length));
  if (data.substr(block_start + length, 4) != "\r\n\r\n") {
    error = "block not followed by CRLF CRLF";
    return 0;
  }
  return block_start + length + 4;
}

// Inflates the gzip member at the start of `data`; sets `used` to its compressed size.
bool InflateMember(std::string_view data, std::string& out, size_t& used, std::string& error) {
  z_stream s{};
  if (inflateInit2(&s, 15 + 16) != Z_OK) {
    error = "inflateInit2 failed";
    return false;
  }
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  s.avail_in = static_cast<uInt>(data.size());
  char buf[65536];
  int rc = Z_OK;
  while (rc == Z_OK) {
    s.next_out = reinterpret_cast<Bytef*>(buf);
    s.avail_out = sizeof buf;
    rc = inflate(&s, Z_NO_FLUSH);
    out.append(buf, sizeof buf - s.avail_out);
    if (rc == Z_BUF_ERROR && s.avail_in == 0) break;
  }
  used = s.total_in;
  inflateEnd(&s);
  if (rc != Z_STREAM_END) {
    error = "gzip member does not end cleanly (zlib " + std::to_string(rc) + ")";
    return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> ParsedWarcRecord::Field(std::string_view name) const {
  for (const auto& [n, v] : fields) {
    if (EqualsIgnoreCase(n, name)) return v;
  }
  return std::nullopt;
}

int ParsedWarcRecord::FieldCount(std::string_view name) const {
  int count = 0;
  for (const auto& [n, v] : fields) count += EqualsIgnoreCase(n, name) ? 1 : 0;
  return count;
}

std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

ParsedWarcFile ReadWarcFile(const std::string& path) {
  ParsedWarcFile file;
  std::string bytes = ReadFileBytes(path);
  bool gz = path.size() >= 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
  size_t pos = 0;
  while (pos < bytes.size()) {
    ParsedWarcRecord record;
    record.offset = pos;
    std::string error;
    if (gz) {
      std::string member;
      size_t used = 0;
      if (!InflateMember(std::string_view(bytes).substr(pos), member, used, error)) {
        file.error = "at offset " + std::to_string(pos) + ": " + error;
        return file;
      }
      size_t consumed = ParseRecord(member, record, error);
      if (consumed == 0) {
        file.error = "member at offset " + std::to_string(pos) + ": " + error;
        return file;
      }
      if (consumed != member.size()) {
        file.error = "member at offset " + std::to_string(pos) + " holds " +
                     std::to_string(member.size() - consumed) + " bytes after its record";
        return file;
      }
      record.length = used;
      pos += used;
    } else {
      size_t consumed = ParseRecord(std::string_view(bytes).substr(pos), record, error);
      if (consumed == 0) {
        file.error = "record at offset " + std::to_string(pos) + ": " + error;
        return file;
      }
      record.length = consumed;
      pos += consumed;
    }
    file.records.push_back(std::move(record));
  }
  return file;
}

std::string GzipForTest(std::string_view data) {
  z_stream s{};
  deflateInit2(&s, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&s, static_cast<uLong>(data.size())), '\0');
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  s.avail_in = static_cast<uInt>(data.size());
  s.next_out = reinterpret_cast<Bytef*>(out.data());
  s.avail_out = static_cast<uInt>(out.size());
  deflate(&s, Z_FINISH);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

}  // namespace newsvault::testing
