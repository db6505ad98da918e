// WarcCaptureWriter: turns captures into WARC records in a (rotating) WARC set.
//
// The record-level half of ExportWarc (storage/warc_export.h says which
// records a capture becomes and why). It starts each file of the set with its
// warcinfo, starts a new file between captures once the current one is full
// (WarcSetWriter), and keeps per file what revisits and metadata may refer to,
// so no record ever points into another file. Memory: one capture's bytes,
// the originals of the current file, the current URL's article versions (and
// the CDXJ sorter's fixed budget).
//
// Thread safety: not thread-safe; one export, used by one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "storage/archive.h"
#include "storage/cdxj_sorter.h"
#include "storage/warc_export.h"
#include "storage/warc_record.h"
#include "storage/warc_set_writer.h"

namespace newsvault::storage {

class WarcCaptureWriter {
 public:
  // Called once per article version of a URL among the exported captures, at
  // the first capture carrying it (the pages of a WACZ).
  using PageSink = std::function<core::Status(const CaptureRecord&, const ArticleVersionRecord&)>;

  // `options` gives the warcinfo fields; `cdxj`, when not null, receives the
  // CDXJ line of every indexed record (sorted on disk when they outgrow its
  // budget, so the index costs no memory per record); `pages` may be empty.
  WarcCaptureWriter(Archive& archive, WarcSetWriter& set, const ExportOptions& options,
                    ExportReport& report, CdxjSorter* cdxj, PageSink pages);

  // Writes the first file's warcinfo. Call once, before any capture.
  core::Status Start();
  core::Status WriteCapture(const CaptureRecord& capture);

 private:
  // A response record already in the current file, as a revisit must name it.
  struct Original {
    std::string record_id;
    std::string target_uri;
    std::string warc_date;       // exact text, so WARC-Refers-To-Date matches byte for byte
    std::string payload_digest;  // exact WARC-Payload-Digest text written on it
  };

  core::Status WriteWarcinfo();
  core::Status RotateIfFull();
  core::Result<WrittenRecord> Write(const WarcRecord& record);
  core::Result<WrittenRecord> WriteResponse(const CaptureRecord& capture);
  core::Result<WrittenRecord> WriteRevisit(const CaptureRecord& capture, const Original& original);
  core::Status WriteRequest(const CaptureRecord& capture, const WrittenRecord& response);
  core::Status WriteArticle(const CaptureRecord& capture, const WrittenRecord& response);
  core::Status WriteMetadata(const CaptureRecord& capture, const ArticleVersionRecord& version,
                             const WrittenRecord& response);

  Archive& archive_;
  WarcSetWriter& set_;
  const ExportOptions& options_;
  ExportReport& report_;
  CdxjSorter* cdxj_;
  PageSink pages_;
  std::string cdxj_filename_;  // base name of the current file
  uint64_t captures_in_file_ = 0;
  // By archive payload digest: the response record in the current file that carries it.
  std::unordered_map<std::string, Original> originals_;
  // Captures arrive in urlkey order, so versions are only kept for the current urlkey.
  std::string urlkey_;
  std::optional<std::vector<ArticleVersionRecord>> versions_;
  std::set<uint32_t> versions_in_file_;  // metadata written in the current file
  std::set<uint32_t> versions_paged_;    // handed to pages_ (whole export)
};

}  // namespace newsvault::storage
