// ExportWarc: writes an archive's captures as a WARC 1.1 file (DESIGN §4).
//
// Per capture: request + response (WARC-Concurrent-To links them), or a
// revisit (identical-payload-digest) when its payload was already written in
// this export, pointing at the original response; per article version a
// metadata record (application/json) concurrent to its response. One gzip
// member per record, warcinfo first, written to PATH.open and renamed on
// success. See ../shared/reference/warc-writer-checklist.md.
//
// Thread safety: reads the archive; do not write to the same file from two calls.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/status.h"
#include "core/timestamp.h"
#include "storage/archive.h"

namespace newsvault::storage {

struct ExportOptions {
  std::string path;                      // e.g. "out/news.warc.gz"; ".gz" means gzip per record
  std::optional<core::Timestamp> since;  // inclusive
  std::optional<core::Timestamp> until;  // exclusive
  std::string software = "newsvault/0.1.0";
  std::string operator_contact;  // warcinfo "operator", optional
  std::string user_agent;        // warcinfo "http-header-user-agent", optional
};

struct ExportReport {
  std::map<std::string, uint64_t> records_by_type;  // "response" -> 3, ...
  uint64_t captures = 0;
  uint64_t bytes_written = 0;
  std::string path;
};

// Exports the captures in [since, until), in the archive's (urlkey, time)
// order, holding one capture's bytes at a time. Choices the WARC spec leaves open:
// - the first capture of a payload in this file is a response; later ones are
//   revisits of it, same URL or not (a file never refers outside itself);
// - an empty entity body (304, redirects) is always a response: it still
//   carries the digest of "" but a revisit would save nothing;
// - a chunked body cut off mid-framing (WARC-Truncated) gets the digest of the
//   bytes as stored, the only thing a reader can verify; revisits of it repeat
//   that exact string;
// - a metadata record is written for the first capture in the file carrying
//   each article version of its URL.
// On any error PATH.open is removed and the Status says, in one line, which
// capture failed and why (IoError for the file, NotFound/Corruption for the archive).
core::Result<ExportReport> ExportWarc(Archive& archive, const ExportOptions& options);

}  // namespace newsvault::storage
