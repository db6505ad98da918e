#include "storage/warc_export.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/article.h"
#include "core/digest.h"
#include "core/http_message.h"
#include "storage/cdxj.h"
#include "storage/warc_writer.h"

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

// A response record already in this file, as a revisit must name it.
struct Original {
  std::string record_id;
  std::string target_uri;
  std::string warc_date;       // exact text, so WARC-Refers-To-Date matches byte for byte
  std::string payload_digest;  // exact WARC-Payload-Digest text written on it
};

std::string Basename(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string LocalHostname() {
  std::array<char, 256> buf{};
  if (::gethostname(buf.data(), buf.size() - 1) != 0) return "localhost";
  return std::string(buf.data());
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

// Writes `lines` to PATH.open, one per line; the caller renames it.
core::Status WriteCdxjOpenFile(const std::string& open_path,
                               const std::vector<std::string>& lines) {
  std::ofstream out(open_path, std::ios::binary | std::ios::trunc);
  if (!out) return core::Status::IoError("cannot create " + open_path);
  for (const std::string& line : lines) out << line << '\n';
  out.flush();
  if (!out) return core::Status::IoError("cannot write " + open_path);
  return core::Status::Ok();
}

// Walks the captures once, writing each as it comes: memory holds one
// capture's bytes, the id of each payload written so far and one URL's versions.
class Exporter {
 public:
  // `cdxj_lines`, when not null, receives the CDXJ line of every indexed record.
  Exporter(Archive& archive, WarcWriter& writer, ExportReport& report,
           std::vector<std::string>* cdxj_lines)
      : archive_(archive), writer_(writer), report_(report), cdxj_lines_(cdxj_lines) {}

  core::Status WriteWarcinfo(const ExportOptions& options);
  core::Status WriteCapture(const CaptureRecord& capture);

 private:
  core::Result<WrittenRecord> Write(const WarcRecord& record);
  core::Result<WrittenRecord> WriteResponse(const CaptureRecord& capture);
  core::Result<WrittenRecord> WriteRevisit(const CaptureRecord& capture, const Original& original);
  core::Status WriteRequest(const CaptureRecord& capture, const WrittenRecord& response);
  core::Status WriteMetadata(const CaptureRecord& capture, const WrittenRecord& response);

  Archive& archive_;
  WarcWriter& writer_;
  ExportReport& report_;
  std::vector<std::string>* cdxj_lines_;
  const std::string cdxj_filename_ = Basename(writer_.path());
  // By archive payload digest: the response record that carries the payload.
  std::unordered_map<std::string, Original> originals_;
  // Captures arrive in urlkey order, so versions are only kept for the current urlkey.
  std::string urlkey_;
  std::optional<std::vector<ArticleVersionRecord>> versions_;
  std::set<uint32_t> versions_written_;
};

core::Result<WrittenRecord> Exporter::Write(const WarcRecord& record) {
  ASSIGN_OR_RETURN(WrittenRecord written, writer_.Write(record));
  ++report_.records_by_type[record.type];
  if (cdxj_lines_ != nullptr) {
    WarcRecordView view = ViewOfWritten(record, written, writer_.compressed());
    if (std::optional<std::string> line = CdxjLine(view, cdxj_filename_)) {
      cdxj_lines_->push_back(std::move(*line));
    }
  }
  return written;
}

core::Status Exporter::WriteWarcinfo(const ExportOptions& options) {
  // WARC 1.1 §6.2 and the checklist's warcinfo fields, as application/warc-fields lines.
  std::vector<std::pair<std::string_view, std::string>> info = {
      {"software", options.software},
      {"format", "WARC File Format 1.1"},
      {"conformsTo", std::string(kConformsTo)},
      {"hostname", LocalHostname()},
      {"operator", options.operator_contact},
      {"robots", "obey"},
      {"http-header-user-agent", options.user_agent},
  };
  WarcRecord record;
  record.type = kWarcinfoType;
  record.date =
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  record.content_type = kWarcFieldsType;
  record.fields.push_back({"WARC-Filename", Basename(writer_.path())});
  for (const auto& [name, value] : info) {
    if (value.empty()) continue;
    if (HasLineBreak(value)) {
      return core::Status::InvalidArgument("warcinfo " + std::string(name) + " holds a line break");
    }
    record.block.append(name).append(": ").append(value).append("\r\n");
  }
  return Write(record).status();
}

core::Result<WrittenRecord> Exporter::WriteResponse(const CaptureRecord& capture) {
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

core::Result<WrittenRecord> Exporter::WriteRevisit(const CaptureRecord& capture,
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

core::Status Exporter::WriteRequest(const CaptureRecord& capture, const WrittenRecord& response) {
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

core::Status Exporter::WriteMetadata(const CaptureRecord& capture, const WrittenRecord& response) {
  if (capture.version == 0 || versions_written_.count(capture.version) != 0)
    return core::Status::Ok();
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
  WarcRecord record;
  record.type = kMetadataType;
  record.date = capture.time;
  record.content_type = kJsonType;
  record.fields.push_back({"WARC-Target-URI", capture.url});
  record.fields.push_back({"WARC-Concurrent-To", response.record_id});
  try {
    nlohmann::json j = version->article;
    j["version"] = version->number;
    // Extracted text may hold invalid UTF-8; replace it rather than fail the export.
    record.block = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } catch (const nlohmann::json::exception& e) {
    return core::Status::Internal(std::string("cannot encode the article as JSON: ") + e.what());
  }
  RETURN_IF_ERROR(Write(record).status());
  versions_written_.insert(capture.version);
  return core::Status::Ok();
}

core::Status Exporter::WriteCapture(const CaptureRecord& capture) {
  if (capture.urlkey != urlkey_) {
    urlkey_ = capture.urlkey;
    versions_.reset();
    versions_written_.clear();
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
  RETURN_IF_ERROR(WriteMetadata(capture, response));
  ++report_.captures;
  return core::Status::Ok();
}

}  // namespace

std::string CdxjPathFor(const std::string& warc_path) {
  for (std::string_view suffix : {std::string_view(".warc.gz"), std::string_view(".warc")}) {
    if (warc_path.size() > suffix.size() && warc_path.ends_with(suffix) &&
        warc_path[warc_path.size() - suffix.size() - 1] != '/') {
      return warc_path.substr(0, warc_path.size() - suffix.size()) + ".cdxj";
    }
  }
  return warc_path + ".cdxj";
}

core::Result<ExportReport> ExportWarc(Archive& archive, const ExportOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<WarcWriter> writer, WarcWriter::Open(options.path));
  ExportReport report;
  report.path = options.path;
  const bool with_cdxj = !options.cdxj_path.empty();
  std::vector<std::string> cdxj_lines;
  Exporter exporter(archive, *writer, report, with_cdxj ? &cdxj_lines : nullptr);
  const std::string cdxj_open_path = options.cdxj_path + ".open";

  core::Status status = exporter.WriteWarcinfo(options);
  if (status.ok()) {
    CaptureFilter filter;
    filter.since = options.since;
    filter.until = options.until;
    status = archive.ForEachCapture(filter, [&](const CaptureRecord& capture) {
      core::Status s = exporter.WriteCapture(capture);
      if (s.ok()) return s;
      return s.WithContext("capture of " + capture.url + " at " +
                           core::FormatWarcDate(capture.time));
    });
  }
  if (status.ok() && with_cdxj) {
    // std::string compares as unsigned bytes: the LC_ALL=C order `index` uses.
    std::sort(cdxj_lines.begin(), cdxj_lines.end());
    status = WriteCdxjOpenFile(cdxj_open_path, cdxj_lines);
  }
  if (status.ok()) {
    report.bytes_written = writer->bytes_written();
    status = writer->Close();
  }
  if (!status.ok()) {
    // A failed export leaves no file behind that could pass for a complete one.
    (void)writer->Discard();
    if (with_cdxj) {
      std::error_code ignored;
      std::filesystem::remove(cdxj_open_path, ignored);
    }
    return status.WithContext("cannot export WARC to " + options.path);
  }
  if (with_cdxj) {
    // Renamed last, so a finished CDXJ never names a WARC that is not there.
    std::error_code ec;
    std::filesystem::rename(cdxj_open_path, options.cdxj_path, ec);
    if (ec) {
      return core::Status::IoError("cannot rename " + cdxj_open_path + " to " + options.cdxj_path +
                                   ": " + ec.message());
    }
    report.cdxj_path = options.cdxj_path;
    report.cdxj_lines = cdxj_lines.size();
  }
  return report;
}

}  // namespace newsvault::storage
