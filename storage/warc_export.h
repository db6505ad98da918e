// ExportWarc: writes an archive's captures as WARC 1.1 (DESIGN §4, issue 5 item 2).
//
// Per capture: request + response (WARC-Concurrent-To links them), or a
// revisit (identical-payload-digest) when its payload was already written in
// the same file, pointing at the original response; per article version a
// metadata record (application/json) concurrent to its response. One gzip
// member per record, warcinfo first in every file, each file written to
// NAME.open and renamed when finished. Either one named file, or a set rotated
// at a size limit with the checklist's names (storage/warc_set_writer.h). See
// ../shared/reference/warc-writer-checklist.md. Captures can be selected by
// site, URL prefix, time and article (storage/capture_selector.h). Optionally
// a CDXJ index of every file, built as the records are written
// (storage/cdxj.h) and sorted in bounded memory (storage/cdxj_sorter.h), and
// the WACZ page list (pages.jsonl) of the article versions.
//
// Thread safety: reads the archive; do not write to the same files from two calls.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/timestamp.h"
#include "storage/archive.h"
#include "storage/cdxj_sorter.h"
#include "storage/warc_set_writer.h"

namespace newsvault::storage {

struct ExportOptions {
  // Where: exactly one of
  std::string path;       // one file, e.g. "out/news.warc.gz" (".gz": gzip per record), or
  std::string directory;  // a rotated set PREFIX-YYYYMMDDhhmmss-SERIAL-HOST.warc.gz in it
  std::string prefix = "newsvault";
  uint64_t max_size = kDefaultWarcMaxSize;  // rotated sets only
  std::string hostname;                     // in set file names; empty: this machine's

  // Which captures (storage/capture_selector.h; all that are given apply).
  std::optional<core::Timestamp> since;  // inclusive
  std::optional<core::Timestamp> until;  // exclusive
  std::string site;                      // "example.com": the host and its subdomains
  std::string url_prefix;                // "https://example.com/2025/": urlkey prefix
  bool articles_only = false;            // captures with an article version only

  std::string software = "newsvault/0.1.0";
  std::string operator_contact;  // warcinfo "operator", optional
  std::string user_agent;        // warcinfo "http-header-user-agent", optional
  // When not empty, also write the CDXJ index of the WARC(s) here (see ExportWarc).
  std::string cdxj_path;
  // Without cdxj_path: when true, write it beside the first WARC, at
  // CdxjPathFor(first file) (a set's names are only known while writing).
  bool cdxj_beside = false;
  // Bytes of CDXJ lines held in memory while sorting the index; beyond it,
  // sorted runs are spilled beside the index and merged at the end
  // (storage/cdxj_sorter.h). Default 32 MiB.
  size_t cdxj_sort_memory_bytes = kDefaultCdxjSortMemoryBytes;
  // When not empty, write the WACZ page list here (see ExportWarc).
  std::string pages_path;
};

struct ExportReport {
  std::map<std::string, uint64_t> records_by_type;  // "response" -> 3, ...
  uint64_t captures = 0;
  uint64_t bytes_written = 0;      // over all files
  std::string path;                // the first (often only) file
  std::vector<std::string> paths;  // every file written, in order
  std::string cdxj_path;           // empty when no index was asked for
  uint64_t cdxj_lines = 0;
  uint64_t pages = 0;  // lines after the header in pages_path
};

// Where `export --cdxj` puts the index of the WARC at `warc_path`: beside it,
// with ".warc.gz" or ".warc" replaced by ".cdxj" ("out/news.warc.gz" ->
// "out/news.cdxj"); any other name gets ".cdxj" appended.
std::string CdxjPathFor(const std::string& warc_path);

// Exports the selected captures, in the archive's (urlkey, time) order,
// holding one capture's bytes at a time. Choices the WARC spec leaves open:
// - the first capture of a payload in a file is a response; later ones are
//   revisits of it, same URL or not (a file never refers outside itself, so
//   after a rotation a payload's first capture is a response again);
// - an empty entity body (304, redirects) is always a response: it still
//   carries the digest of "" but a revisit would save nothing;
// - a chunked body cut off mid-framing (WARC-Truncated) gets the digest of the
//   bytes as stored, the only thing a reader can verify; revisits of it repeat
//   that exact string;
// - a metadata record is written for the first capture in the file carrying
//   each article version of its URL.
// With a CDXJ path, the CDXJ lines `newsvault index` would print for the
// finished WARCs (same records, filename = each WARC's base name, offset and
// length of each gzip member) are collected while writing, one string per
// record, sorted bytewise (LC_ALL=C, as pywb and WACZ expect) in bounded
// memory (past cdxj_sort_memory_bytes, sorted runs go to a temporary
// directory beside the index, removed whatever happens) and written to
// CDXJ_PATH.open, renamed to CDXJ_PATH once the last WARC is renamed
// (IoError if that last rename fails: the WARCs are then complete, the index not).
// With options.pages_path, a WACZ pages.jsonl (json-pages-1.0) is written
// there: the header line, then one line per article version among the
// exported captures, at its first exported capture: {"url", "ts" (RFC 3339
// WARC-Date), "title", "text" (the article body)}; written as it goes.
// On any other error every file of the export (.open or finished) is removed
// and the Status says, in one line, which capture failed and why (IoError for
// the file, NotFound/Corruption for the archive, InvalidArgument for options,
// AlreadyExists when a set file name is taken).
core::Result<ExportReport> ExportWarc(Archive& archive, const ExportOptions& options);

}  // namespace newsvault::storage
