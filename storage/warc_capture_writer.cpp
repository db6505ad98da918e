#include "storage/warc_capture_writer.h"

#include <chrono>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/article.h"
#include "core/digest.h"
#include "core/http_message.h"
#include "core/timestamp.h"
#include "storage/cdxj.h"

namespace newsvault::storage {
namespace {

constexpr std::string_view kWarcFieldsType = "application/warc-fields";
constexpr std::string_view kHttpResponseType = "application/http;msgtype=response";
constexpr std::string_view kHttpRequestType = "application/http;msgtype=request";
constexpr std::string_view kJsonType = "application/json";
constexpr std::string_view kConformsTo =
    "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/";
// WARC 1.1 §6.7.2: the body is not repeated because an identical payload was written before.
constexpr std::string_view kIdenticalPayloadProfile =
    "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest";

std::string Basename(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool HasLineBreak(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

// The record as storage::ReadWarcFile would hand it to `newsvault index`
// after reading it back, so CdxjLine gives the very same line. The view
// borrows `record`'s strings.
WarcRecordView ViewOfWritten(const WarcRecord& record, const WrittenRecord& written,
                             bool compressed) {
  WarcRecordView view;
  view.version = "WARC/1.1";
  view.fields.push_back({"WARC-Type", record.type});
  view.fields.push_back({"WARC-Record-ID", written.record_id});
  view.fields.push_back({"WARC-Date", written.warc_date});
  view.fields.insert(view.fields.end(), record.fields.begin(), record.fields.end());
  if (!record.content_type.empty()) view.fields.push_back({"Content-Type", record.content_type});
  view.block = record.block;
  view.block_length = record.block.size();
  view.offset = written.offset;
  // An uncompressed record's indexed length stops before its CRLF CRLF trailer,
  // as the reader (and warcio.js) count it; a gzip member is counted whole.
  view.length = compressed ? written.length : written.length - kWarcRecordTrailer.size();
  return view;
}

}  // namespace

WarcCaptureWriter::WarcCaptureWriter(Archive& archive, WarcSetWriter& set,
                                     const ExportOptions& options, ExportReport& report,
                                     CdxjSorter* cdxj, PageSink pages)
    : archive_(archive),
      set_(set),
      options_(options),
      report_(report),
      cdxj_(cdxj),
      pages_(std::move(pages)) {}

core::Status WarcCaptureWriter::Start() { return WriteWarcinfo(); }

core::Result<WrittenRecord> WarcCaptureWriter::Write(const WarcRecord& record) {
  WarcWriter& writer = set_.current();
  ASSIGN_OR_RETURN(WrittenRecord written, writer.Write(record));
  ++report_.records_by_type[record.type];
  if (cdxj_ != nullptr) {
    WarcRecordView view = ViewOfWritten(record, written, writer.compressed());
    if (std::optional<std::string> line = CdxjLine(view, cdxj_filename_)) {
      RETURN_IF_ERROR(cdxj_->Add(std::move(*line)));
    }
  }
  return written;
}

core::Status WarcCaptureWriter::WriteWarcinfo() {
  cdxj_filename_ = Basename(set_.current().path());
  // WARC 1.1 §6.2 and the checklist's warcinfo fields, as application/warc-fields lines.
  std::vector<std::pair<std::string_view, std::string>> info = {
      {"software", options_.software},
      {"format", "WARC File Format 1.1"},
      {"conformsTo", std::string(kConformsTo)},
      {"hostname", LocalHostname()},
      {"operator", options_.operator_contact},
      {"robots", "obey"},
      {"http-header-user-agent", options_.user_agent},
  };
  WarcRecord record;
  record.type = kWarcinfoType;
  record.date =
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  record.content_type = kWarcFieldsType;
  record.fields.push_back({"WARC-Filename", cdxj_filename_});
  for (const auto& [name, value] : info) {
    if (value.empty()) continue;
    if (HasLineBreak(value)) {
      return core::Status::InvalidArgument("warcinfo " + std::string(name) + " holds a line break");
    }
    record.block.append(name).append(": ").append(value).append("\r\n");
  }
  return Write(record).status();
}

core::Status WarcCaptureWriter::RotateIfFull() {
  // A file holds at least one capture, or a capture bigger than the limit
  // would open file after file.
  if (captures_in_file_ == 0 || !set_.ReachedLimit()) return core::Status::Ok();
  RETURN_IF_ERROR(set_.Rotate());
  // Each file stands alone (checklist "File level"): its own warcinfo, and no
  // revisit or metadata refers to a record in the previous one.
  captures_in_file_ = 0;
  originals_.clear();
  versions_in_file_.clear();
  return WriteWarcinfo();
}

core::Result<WrittenRecord> WarcCaptureWriter::WriteResponse(const CaptureRecord& capture) {
  auto payload = archive_.Payload(capture.payload_digest);
  if (!payload.ok()) {
    // An empty body may never have been stored as a payload; it needs no bytes.
    if (!(payload.error().IsNotFound() && capture.payload_size == 0)) return payload.error();
    payload = std::string();
  }
  ASSIGN_OR_RETURN(std::string raw, capture.RawResponse(*payload));

  // The payload digest is the archive's key: sha1 of the de-chunked, still
  // content-encoded entity (WARC 1.1 §5.9). When a cut-off body leaves the
  // chunked framing unfinished, readers cannot de-chunk it and can only take
  // the bytes as stored, so that is what the digest must cover there.
  std::string payload_digest = capture.payload_digest;
  if (!capture.transfer_framing.empty() && raw.size() >= capture.response_head.size()) {
    std::string_view body = std::string_view(raw).substr(capture.response_head.size());
    if (!core::Dechunk(body).complete) payload_digest = core::Sha1Base32Digest(body);
  }

  WarcRecord record;
  record.type = kResponseType;
  record.date = capture.time;
  record.content_type = kHttpResponseType;
  record.fields.push_back({"WARC-Target-URI", capture.url});
  if (!capture.remote_ip.empty()) record.fields.push_back({"WARC-IP-Address", capture.remote_ip});
  if (capture.truncation != core::Truncation::kNone) {
    // WARC 1.1 §5.13: Content-Length stays the stored size; this says bytes are missing.
    record.fields.push_back(
        {"WARC-Truncated", std::string(core::TruncationName(capture.truncation))});
  }
  record.fields.push_back({"WARC-Payload-Digest", payload_digest});
  record.block = std::move(raw);
  ASSIGN_OR_RETURN(WrittenRecord written, Write(record));

  // Empty bodies are never revisited: a revisit would save nothing and would
  // tie unrelated redirects and 304s to one another.
  if (capture.payload_size > 0) {
    originals_.emplace(capture.payload_digest,
                       Original{written.record_id, capture.url, written.warc_date, payload_digest});
  }
  return written;
}

core::Result<WrittenRecord> WarcCaptureWriter::WriteRevisit(const CaptureRecord& capture,
                                                            const Original& original) {
  // WARC 1.1 §6.7.2 identical-payload-digest: the block is this capture's HTTP
  // head only. pywb matches revisits to originals by the digest string and, for
  // other URLs, by Refers-To-Target-URI + Date (checklist "revisit").
  WarcRecord record;
  record.type = kRevisitType;
  record.date = capture.time;
  record.content_type = kHttpResponseType;
  record.fields.push_back({"WARC-Target-URI", capture.url});
  if (!capture.remote_ip.empty()) record.fields.push_back({"WARC-IP-Address", capture.remote_ip});
  record.fields.push_back({"WARC-Profile", std::string(kIdenticalPayloadProfile)});
  record.fields.push_back({"WARC-Truncated", "length"});
  record.fields.push_back({"WARC-Payload-Digest", original.payload_digest});
  record.fields.push_back({"WARC-Refers-To", original.record_id});
  record.fields.push_back({"WARC-Refers-To-Target-URI", original.target_uri});
  record.fields.push_back({"WARC-Refers-To-Date", original.warc_date});
  record.block = capture.response_head;
  return Write(record);
}

core::Status WarcCaptureWriter::WriteRequest(const CaptureRecord& capture,
                                             const WrittenRecord& response) {
  // Imported captures may lack the request; an empty HTTP request block would be invalid.
  if (capture.request_bytes.empty()) return core::Status::Ok();
  WarcRecord record;
  record.type = kRequestType;
  record.date = capture.time;  // one capture's records share WARC-Date (WARC 1.1 §5.4)
  record.content_type = kHttpRequestType;
  record.fields.push_back({"WARC-Target-URI", capture.url});
  if (!capture.remote_ip.empty()) record.fields.push_back({"WARC-IP-Address", capture.remote_ip});
  record.fields.push_back({"WARC-Concurrent-To", response.record_id});
  record.block = capture.request_bytes;
  return Write(record).status();
}

core::Status WarcCaptureWriter::WriteArticle(const CaptureRecord& capture,
                                             const WrittenRecord& response) {
  if (capture.version == 0) return core::Status::Ok();
  const bool need_metadata = versions_in_file_.count(capture.version) == 0;
  const bool need_page = pages_ && versions_paged_.count(capture.version) == 0;
  if (!need_metadata && !need_page) return core::Status::Ok();
  if (!versions_) {
    ASSIGN_OR_RETURN(versions_, archive_.Versions(capture.url));
  }
  const ArticleVersionRecord* version = nullptr;
  for (const ArticleVersionRecord& v : *versions_) {
    if (v.number == capture.version) version = &v;
  }
  if (version == nullptr) {
    return core::Status::Corruption("article version " + std::to_string(capture.version) +
                                    " of the capture is not in the archive");
  }
  if (need_metadata) {
    RETURN_IF_ERROR(WriteMetadata(capture, *version, response));
    versions_in_file_.insert(capture.version);
  }
  if (need_page) {
    RETURN_IF_ERROR(pages_(capture, *version));
    versions_paged_.insert(capture.version);
  }
  return core::Status::Ok();
}

core::Status WarcCaptureWriter::WriteMetadata(const CaptureRecord& capture,
                                              const ArticleVersionRecord& version,
                                              const WrittenRecord& response) {
  WarcRecord record;
  record.type = kMetadataType;
  record.date = capture.time;
  record.content_type = kJsonType;
  record.fields.push_back({"WARC-Target-URI", capture.url});
  record.fields.push_back({"WARC-Concurrent-To", response.record_id});
  try {
    nlohmann::json j = version.article;
    j["version"] = version.number;
    // Extracted text may hold invalid UTF-8; replace it rather than fail the export.
    record.block = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } catch (const nlohmann::json::exception& e) {
    return core::Status::Internal(std::string("cannot encode the article as JSON: ") + e.what());
  }
  return Write(record).status();
}

core::Status WarcCaptureWriter::WriteCapture(const CaptureRecord& capture) {
  RETURN_IF_ERROR(RotateIfFull());
  if (capture.urlkey != urlkey_) {
    urlkey_ = capture.urlkey;
    versions_.reset();
    versions_in_file_.clear();
    versions_paged_.clear();
  }
  if (capture.payload_digest.empty()) {
    return core::Status::Corruption("the capture has no payload digest");
  }
  WrittenRecord response;
  auto original = originals_.find(capture.payload_digest);
  if (original == originals_.end()) {
    ASSIGN_OR_RETURN(response, WriteResponse(capture));
  } else {
    ASSIGN_OR_RETURN(response, WriteRevisit(capture, original->second));
  }
  RETURN_IF_ERROR(WriteRequest(capture, response));
  RETURN_IF_ERROR(WriteArticle(capture, response));
  ++captures_in_file_;
  ++report_.captures;
  return core::Status::Ok();
}

}  // namespace newsvault::storage
