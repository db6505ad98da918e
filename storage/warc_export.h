// ExportWarc: writes an archive's captures as a WARC 1.1 file (DESIGN §4).
//
// Per capture: request + response (WARC-Concurrent-To links them), or a
// revisit (identical-payload-digest) when its payload was already written in
// this export, pointing at the original response; per article version a
// metadata record (application/json) concurrent to its response. One gzip
// member per record, warcinfo first, written to PATH.open and renamed on
// success. See ../shared/reference/warc-writer-checklist.md. Optionally a
// CDXJ index of the records, built as they are written (storage/cdxj.h).
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
  // When not empty, also write the CDXJ index of the WARC here (see ExportWarc).
  std::string cdxj_path;
};

struct ExportReport {
  std::map<std::string, uint64_t> records_by_type;  // "response" -> 3, ...
  uint64_t captures = 0;
  uint64_t bytes_written = 0;
  std::string path;
  std::string cdxj_path;  // empty when no index was asked for
  uint64_t cdxj_lines = 0;
};

// Where `export --cdxj` puts the index of the WARC at `warc_path`: beside it,
// with ".warc.gz" or ".warc" replaced by ".cdxj" ("out/news.warc.gz" ->
// "out/news.cdxj"); any other name gets ".cdxj" appended.
std::string CdxjPathFor(const std::string& warc_path);

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
// With options.cdxj_path, the CDXJ lines `newsvault index` would print for
// the finished WARC (same records, filename = the WARC's base name, offset and
// length of each gzip member) are collected while writing, one string per
// record, sorted bytewise (LC_ALL=C, as pywb and WACZ expect) and written to
// CDXJ_PATH.open, renamed to CDXJ_PATH once the WARC itself is renamed
// (IoError if that last rename fails: the WARC is then complete, the index not).
// On any other error PATH.open and CDXJ_PATH.open are removed and the Status
// says, in one line, which capture failed and why (IoError for the file,
// NotFound/Corruption for the archive).
core::Result<ExportReport> ExportWarc(Archive& archive, const ExportOptions& options);

}  // namespace newsvault::storage
