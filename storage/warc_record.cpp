#include "storage/warc_record.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <set>

#include "core/digest.h"

namespace newsvault::storage {
namespace {

// Fields the writer derives itself; a caller-supplied copy would be a repeat.
constexpr std::array<std::string_view, 6> kWriterOwnedFields = {
    "WARC-Type",    "WARC-Record-ID",    "WARC-Date",
    "Content-Type", "WARC-Block-Digest", "Content-Length"};

// WARC 1.1 §5.7: the only field the spec lets appear more than once.
constexpr std::string_view kRepeatableField = "warc-concurrent-to";

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// RFC 9110 §5.6.2 tchar: WARC field names and the WARC-Type value are tokens (WARC 1.1 §4).
bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

// Values may hold UTF-8 (WARC 1.1 §4) but no control characters except tab:
// CR or LF would end the field early or fold it.
bool IsFieldValue(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) return false;
  }
  return true;
}

void AppendField(std::string& head, std::string_view name, std::string_view value) {
  head.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

core::Result<std::string> NewWarcRecordId() {
  std::array<unsigned char, 16> b{};
  size_t got = 0;
  while (got < b.size()) {
    ssize_t n = getrandom(b.data() + got, b.size() - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return core::Status::IoError(std::string("cannot read random bytes for a WARC-Record-ID: ") +
                                   std::strerror(errno));
    }
    got += static_cast<size_t>(n);
  }
  // RFC 9562 §5.4: version 4 in the high nibble of byte 6, variant 10 in byte 8.
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "<urn:uuid:";
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) id.push_back('-');
    id.push_back(kHex[b[i] >> 4]);
    id.push_back(kHex[b[i] & 0x0f]);
  }
  id.push_back('>');
  return id;
}

core::Result<std::string> FormatWarcHead(const WarcRecord& record, std::string_view record_id,
                                         std::string_view warc_date) {
  if (!IsToken(record.type)) {
    return core::Status::InvalidArgument("WARC-Type \"" + record.type + "\" is not a token");
  }
  if (!record.block.empty() && record.content_type.empty()) {
    // WARC 1.1 §5.6: Content-Type is expected on every record with a non-empty block.
    return core::Status::InvalidArgument("WARC " + record.type +
                                         " record has a block but no Content-Type");
  }
  if (!IsFieldValue(record.content_type)) {
    return core::Status::InvalidArgument("Content-Type of a WARC " + record.type +
                                         " record holds a control character");
  }
  std::set<std::string> seen;
  for (const WarcField& f : record.fields) {
    if (!IsToken(f.name)) {
      return core::Status::InvalidArgument("WARC field name \"" + f.name + "\" is not a token");
    }
    if (f.value.empty() || !IsFieldValue(f.value)) {
      return core::Status::InvalidArgument("WARC field " + f.name +
                                           " is empty or holds a control character (CR/LF)");
    }
    std::string lower = Lower(f.name);
    for (std::string_view owned : kWriterOwnedFields) {
      if (lower == Lower(owned)) {
        return core::Status::InvalidArgument("WARC field " + f.name +
                                             " is set by the writer, not the caller");
      }
    }
    if (!seen.insert(lower).second && lower != kRepeatableField) {
      return core::Status::InvalidArgument("WARC field " + f.name + " is repeated");
    }
  }

  std::string head;
  head.reserve(256 + record.fields.size() * 64);
  head.append("WARC/1.1\r\n");
  AppendField(head, "WARC-Type", record.type);
  AppendField(head, "WARC-Record-ID", record_id);
  AppendField(head, "WARC-Date", warc_date);
  for (const WarcField& f : record.fields) AppendField(head, f.name, f.value);
  if (!record.content_type.empty()) AppendField(head, "Content-Type", record.content_type);
  AppendField(head, "WARC-Block-Digest", core::Sha1Base32Digest(record.block));
  AppendField(head, "Content-Length", std::to_string(record.block.size()));
  head.append("\r\n");
  return head;
}

}  // namespace newsvault::storage
