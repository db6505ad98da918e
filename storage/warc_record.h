// WarcRecord: one WARC 1.1 record before it is written, and its header text.
//
// The caller says what a record is (type, date, named fields, block); the
// writer (storage/warc_writer.h) adds what must be derived so it can never be
// wrong: WARC-Record-ID, WARC-Date text, Content-Length and WARC-Block-Digest
// (WARC 1.1 §5.2-§5.9, writer checklist "Mandatory / recommended fields").
//
// Thread safety: values and pure functions; NewWarcRecordId reads the kernel's
// random source and may be called from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/timestamp.h"

namespace newsvault::storage {

// WARC-Type values (WARC 1.1 §6: lowercase tokens).
inline constexpr std::string_view kWarcinfoType = "warcinfo";
inline constexpr std::string_view kResponseType = "response";
inline constexpr std::string_view kRequestType = "request";
inline constexpr std::string_view kRevisitType = "revisit";
inline constexpr std::string_view kMetadataType = "metadata";

struct WarcField {
  std::string name;   // e.g. "WARC-Target-URI"
  std::string value;  // UTF-8, no CR or LF (no header folding)
};

struct WarcRecord {
  std::string type;               // a WARC-Type token, e.g. "response"
  core::Timestamp date{};         // WARC-Date: when the capture started
  std::string content_type;       // MIME type of the block; may be empty only for an empty block
  std::vector<WarcField> fields;  // every other field, written in this order
  std::string block;              // exactly the block bytes
};

// What the writer derived for a record, and where it landed in the file.
struct WrittenRecord {
  std::string record_id;  // "<urn:uuid:...>", angle brackets included (WARC 1.1 §5.2)
  std::string warc_date;  // the exact WARC-Date text written
  uint64_t offset = 0;    // where the record (its gzip member) starts in the file
  uint64_t length = 0;    // bytes on disk: the compressed member length for .warc.gz
};

// "<urn:uuid:xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx>": a random (version 4, RFC 9562
// §5.4) UUID in lowercase, so ids stay unique across exports and machines.
// IoError when the kernel's random source cannot be read.
core::Result<std::string> NewWarcRecordId();

// Serialises everything in front of the block: "WARC/1.1" CRLF, one
// "Name: value" CRLF per field, CRLF (WARC 1.1 §4). `record_id` and
// `warc_date` are the writer's values. InvalidArgument when the record could
// not be read back as written: an empty or malformed type or field name, a CR
// or LF in a value, a field the writer owns given by the caller, a repeated
// field (only WARC-Concurrent-To may repeat, §5.7), or a non-empty block
// without Content-Type.
core::Result<std::string> FormatWarcHead(const WarcRecord& record, std::string_view record_id,
                                         std::string_view warc_date);

// The four bytes after every block (WARC 1.1 §4: block, then CRLF CRLF).
inline constexpr std::string_view kWarcRecordTrailer = "\r\n\r\n";

}  // namespace newsvault::storage
