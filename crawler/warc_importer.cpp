#include "crawler/warc_importer.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/ascii.h"
#include "core/digest.h"
#include "core/http_message.h"
#include "core/timestamp.h"
#include "core/url.h"
#include "crawler/warc_import_record.h"
#include "crawler/warc_segment_assembler.h"
#include "crawler/zip_reader.h"
#include "parser/article_extractor.h"
#include "parser/page_decoder.h"
#include "storage/warc_reader.h"

namespace newsvault::crawler {
namespace {

using core::Status;

// A request waits this many records for its response (wget writes it first).
constexpr size_t kMaxWaitingRequests = 4;
// The archive moves a capture on by 1 µs when its key is taken; a duplicate
// may therefore sit a few µs after its WARC-Date.
constexpr auto kNudgeWindow = std::chrono::microseconds(64);

struct WaitingRequest {
  RecordInfo info;
  std::string bytes;
};

// A capture built from a record, waiting (at most one record) for its request.
struct PendingCapture {
  RecordInfo info;
  core::HttpExchange exchange;
  // The entity of a chunked response, de-chunked once for the digest check
  // and kept for Store (which needs it for the digest and the extraction).
  std::optional<std::string> dechunked;
  bool from_revisit = false;
  bool from_resource = false;
};

// The parser's view of a 2xx HTML exchange, as the crawler extracts it
// (crawler/page_archiver.cpp); nullopt when it is not an article.
std::optional<core::Article> ExtractArticleOf(const core::HttpExchange& ex, std::string_view entity,
                                              size_t max_decoded) {
  if (ex.status_code < 200 || ex.status_code >= 300 || entity.empty()) return std::nullopt;
  core::Result<parser::DecodedPage> page =
      parser::DecodePage(entity, ex.Header("Content-Type").value_or(""),
                         ex.Header("Content-Encoding").value_or(""), max_decoded);
  if (!page.ok() || !page->is_html) return std::nullopt;
  core::Article article = parser::ExtractArticle({page->text.utf8, ex.url, ex.started});
  if (!parser::LooksLikeArticle(article)) return std::nullopt;
  return article;
}

}  // namespace

class WarcImporter::Impl {
 public:
  Impl(storage::Archive& archive, WarcImportOptions options)
      : archive_(archive),
        options_(options),
        segments_({options.max_record_bytes, options.max_pending_segmented}) {}

  Status ImportFile(const std::string& path);
  void Finish();
  ImportSummary summary_;
  bool archive_failed_ = false;

 private:
  // Imports the WARC at `path`; skipped records name `label` as their file.
  Status ImportWarc(const std::string& path, const std::string& label);
  // WACZ 1.1.1: every archive/*.warc(.gz) entry, copied to a temporary file.
  Status ImportWacz(const std::string& path);
  Status OnRecord(const storage::WarcRecordView& r);
  // A whole record (read as one, or joined from its segments) of `file`.
  Status HandleRecord(const storage::WarcRecordView& r, const std::string& file);
  // WARC 1.1 §7: a segment goes to the assembler; the record it completes
  // is handled as a whole one.
  Status OnSegment(const storage::WarcRecordView& r);
  Status OnRequest(const storage::WarcRecordView& r, RecordInfo info);
  // Builds the capture of a response / revisit / resource record; nullopt
  // when the record was skipped or is not for import.
  core::Result<std::optional<PendingCapture>> BuildCapture(const storage::WarcRecordView& r,
                                                           RecordInfo info);
  // The revisit's body: the payload it names, or nullopt when unknown.
  core::Result<std::optional<std::string>> RevisitPayload(const storage::WarcRecordView& r,
                                                          const std::string& uri);
  Status Flush();
  Status Store(PendingCapture capture);
  void Skip(const RecordInfo& info, std::string reason, std::string detail = "");

  storage::Archive& archive_;
  const WarcImportOptions options_;
  std::string file_;
  bool failed_on_record_ = false;  // the record callback is returning an error
  std::optional<PendingCapture> pending_;
  std::deque<WaitingRequest> requests_;
  // WARC payload digest of a chunked original -> the archive's digest of its entity.
  std::unordered_map<std::string, std::string> digest_aliases_;
  // Outlives each file: continuations may be in a later file of the import.
  WarcSegmentAssembler segments_;
};

void WarcImporter::Impl::Skip(const RecordInfo& info, std::string reason, std::string detail) {
  ++summary_.skipped;
  ++summary_.skipped_by_reason[reason];
  if (summary_.skipped_records.size() < options_.max_listed_skips) {
    summary_.skipped_records.push_back(
        {info.file, info.offset, info.type, info.uri, std::move(reason), std::move(detail)});
  }
}

Status WarcImporter::Impl::ImportFile(const std::string& path) {
  // A ZIP local file header ("PK\3\4") is a WACZ; anything else a WARC.
  char magic[4] = {};
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::NotFound("cannot open " + path);
    in.read(magic, sizeof magic);
  }
  if (std::string_view(magic, sizeof magic) == std::string_view("PK\3\4", 4)) {
    return ImportWacz(path);
  }
  return ImportWarc(path, path);
}

Status WarcImporter::Impl::ImportWacz(const std::string& path) {
  ASSIGN_OR_RETURN(std::unique_ptr<ZipReader> zip, ZipReader::Open(path));
  for (const std::string& name : zip->EntryNames()) {
    if (!name.starts_with("archive/") || !(name.ends_with(".warc") || name.ends_with(".warc.gz"))) {
      continue;
    }
    std::string temp =
        (std::filesystem::temp_directory_path() / "newsvault-import-XXXXXX").string();
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) return Status::IoError("cannot create a temporary file for " + name);
    ::close(fd);
    Status s = zip->ExtractTo(name, temp);
    if (s.ok()) s = ImportWarc(temp, path + "#" + name);
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    if (!s.ok() && archive_failed_) return s;
    if (!s.ok()) {
      // A damaged entry is one skipped "record" of the WACZ; the others still go in.
      RecordInfo info;
      info.file = path + "#" + name;
      Skip(info, "unreadable WACZ entry", s.message());
    }
  }
  return Status::Ok();
}

Status WarcImporter::Impl::ImportWarc(const std::string& path, const std::string& label) {
  file_ = label;
  const size_t first_listed = summary_.skipped_records.size();
  failed_on_record_ = false;
  pending_.reset();
  requests_.clear();
  storage::WarcReaderOptions reader_options;
  reader_options.max_block_bytes = options_.max_record_bytes;
  core::Result<storage::WarcReadReport> report = storage::ReadWarcFile(
      path, [this](const storage::WarcRecordView& r) { return OnRecord(r); }, reader_options);
  if (!report.ok()) {
    if (failed_on_record_) archive_failed_ = true;
    return report.error();
  }
  if (Status s = Flush(); !s.ok()) {
    archive_failed_ = true;
    return s;
  }
  ++summary_.files;
  summary_.oddities += report->oddities;
  for (const storage::WarcReadError& e : report->errors) {
    RecordInfo info;
    info.file = label;
    info.offset = e.offset;
    Skip(info, "unreadable record", e.message);
  }
  // Errors beyond the reader's list are counted, not listed.
  for (uint64_t i = report->errors.size(); i < report->error_count; ++i) {
    ++summary_.skipped;
    ++summary_.skipped_by_reason["unreadable record"];
  }
  // The reader's errors come last; list this file's skips in file order.
  std::stable_sort(
      summary_.skipped_records.begin() + static_cast<std::ptrdiff_t>(first_listed),
      summary_.skipped_records.end(),
      [](const SkippedRecord& a, const SkippedRecord& b) { return a.offset < b.offset; });
  return Status::Ok();
}

Status WarcImporter::Impl::OnRecord(const storage::WarcRecordView& r) {
  // Every error this returns comes from the archive: the reader hands back
  // damaged records as report entries, never through here.
  failed_on_record_ = true;
  const std::string type = core::AsciiLowercase(r.type());
  ++summary_.records;
  ++summary_.records_by_type[type.empty() ? "(no type)" : type];
  RETURN_IF_ERROR(WarcSegmentAssembler::IsSegment(r) ? OnSegment(r) : HandleRecord(r, file_));
  failed_on_record_ = false;
  return Status::Ok();
}

Status WarcImporter::Impl::OnSegment(const storage::WarcRecordView& r) {
  RETURN_IF_ERROR(Flush());
  RecordInfo info = InfoOf(r, file_);
  WarcSegmentAssembler::AddResult added = segments_.Add(r, info);
  for (WarcSegmentAssembler::Problem& p : added.problems) {
    Skip(p.info, std::move(p.reason), std::move(p.detail));
  }
  if (!added.joined) {
    // A request read before its (first segment of a) response waits with it.
    for (auto it = requests_.begin(); it != requests_.end(); ++it) {
      if (segments_.AttachRequest(it->info, it->bytes)) {
        requests_.erase(it);
        break;
      }
    }
    return Status::Ok();
  }
  const JoinedWarcRecord& joined = *added.joined;
  if (joined.request_info) requests_.push_back({*joined.request_info, joined.request_bytes});
  return HandleRecord(joined.View(), joined.info.file);
}

void WarcImporter::Impl::Finish() {
  for (WarcSegmentAssembler::Problem& p : segments_.Finish()) {
    Skip(p.info, std::move(p.reason), std::move(p.detail));
  }
}

Status WarcImporter::Impl::HandleRecord(const storage::WarcRecordView& r, const std::string& file) {
  RecordInfo info = InfoOf(r, file);
  const std::string type = core::AsciiLowercase(info.type);
  if (!r.block_complete) {
    RETURN_IF_ERROR(Flush());
    Skip(info, "record larger than the import limit",
         std::to_string(r.block_length) + " bytes > " + std::to_string(options_.max_record_bytes));
    return Status::Ok();
  }
  if (std::optional<std::string_view> digest = r.Field("WARC-Block-Digest")) {
    if (type == storage::kRevisitType && !r.block.empty() &&
        CheckDigest(*digest, "") == DigestCheck::kMatch) {
      // GNU Wget (1.21 at least) writes the digest of an empty block on its
      // --warc-dedup revisits whatever the block holds: a known writer bug,
      // tolerated and counted, or no wget revisit could ever be imported.
      ++summary_.oddities;
    } else if (CheckDigest(*digest, r.block) == DigestCheck::kMismatch) {
      RETURN_IF_ERROR(Flush());
      Skip(info, "block digest mismatch", std::string(*digest));
      return Status::Ok();
    }
  }
  if (type == storage::kRequestType) return OnRequest(r, std::move(info));
  RETURN_IF_ERROR(Flush());
  if (type == storage::kResponseType || type == storage::kRevisitType || type == "resource") {
    ASSIGN_OR_RETURN(std::optional<PendingCapture> capture, BuildCapture(r, std::move(info)));
    if (!capture) return Status::Ok();
    if (capture->from_resource) return Store(std::move(*capture));
    for (auto it = requests_.begin(); it != requests_.end(); ++it) {
      if (ArePartners(capture->info, it->info)) {
        capture->exchange.request_bytes = std::move(it->bytes);
        ++summary_.requests_attached;
        requests_.erase(it);
        return Store(std::move(*capture));
      }
    }
    pending_ = std::move(*capture);  // its request may come next (Heritrix, newsvault)
    return Status::Ok();
  }
  ++summary_.not_imported[type.empty() ? "record without WARC-Type" : type + " record"];
  return Status::Ok();
}

Status WarcImporter::Impl::OnRequest(const storage::WarcRecordView& r, RecordInfo info) {
  if (pending_ && ArePartners(pending_->info, info)) {
    pending_->exchange.request_bytes = std::string(r.block);
    ++summary_.requests_attached;
    return Flush();
  }
  RETURN_IF_ERROR(Flush());
  if (segments_.AttachRequest(info, r.block)) return Status::Ok();
  requests_.push_back({std::move(info), std::string(r.block)});
  if (requests_.size() > kMaxWaitingRequests) requests_.pop_front();
  return Status::Ok();
}

core::Result<std::optional<PendingCapture>> WarcImporter::Impl::BuildCapture(
    const storage::WarcRecordView& r, RecordInfo record_info) {
  PendingCapture capture;
  capture.info = std::move(record_info);
  const RecordInfo& info = capture.info;
  const std::string type = core::AsciiLowercase(info.type);
  capture.from_revisit = type == storage::kRevisitType;
  capture.from_resource = type == "resource";
  core::HttpExchange& ex = capture.exchange;
  ex.url = info.uri;
  if (!core::Url::Parse(ex.url).ok()) {
    const std::string lower = core::AsciiLowercase(ex.url);
    if (lower.starts_with("http:") || lower.starts_with("https:")) {
      Skip(info, "invalid WARC-Target-URI", ex.url);
    } else {
      ++summary_.not_imported[type + " of a non-HTTP URL"];  // dns:, metadata:, urn:...
    }
    return std::optional<PendingCapture>();
  }
  core::Result<core::Timestamp> date = core::ParseIso8601(info.date_text);
  if (!date.ok()) {
    Skip(info, "unreadable WARC-Date", info.date_text);
    return std::optional<PendingCapture>();
  }
  ex.started = *date;
  ex.remote_ip = std::string(core::TrimAsciiSpace(r.Field("WARC-IP-Address").value_or("")));
  const std::optional<std::string_view> payload_digest = r.Field("WARC-Payload-Digest");

  if (capture.from_resource) {
    ex.response_head = SyntheticResourceHead(
        core::TrimAsciiSpace(r.Field("Content-Type").value_or("")), r.block.size());
    ex.response_body = std::string(r.block);
  } else if (capture.from_revisit) {
    const RevisitProfile profile = RevisitProfileOf(r.Field("WARC-Profile").value_or(""));
    if (LooksLikeHttpResponse(r.block)) {
      ex.response_head = std::string(SplitHttpBlock(r.block).head);
    } else if (profile == RevisitProfile::kServerNotModified) {
      ex.response_head = SyntheticNotModifiedHead(r.Field("WARC-Etag").value_or(""));
    } else {
      Skip(info, "revisit without an HTTP head");
      return std::optional<PendingCapture>();
    }
  } else {
    if (!LooksLikeHttpResponse(r.block)) {
      ++summary_.not_imported["response that is not HTTP"];
      return std::optional<PendingCapture>();
    }
    HttpBlockParts parts = SplitHttpBlock(r.block);
    ex.response_head = std::string(parts.head);
    ex.response_body = std::string(parts.body);
  }

  core::Result<core::ResponseHead> head = core::ParseResponseHead(ex.response_head);
  if (!head.ok()) {
    Skip(info, "unreadable HTTP head", head.error().message());
    return std::optional<PendingCapture>();
  }
  ex.status_code = head->status_code;
  ex.reason = head->reason;
  ex.headers = std::move(head->headers);

  if (capture.from_revisit) {
    // A 304 carries no body of its own (RFC 9110 §15.4.5); any other revisit
    // is its head plus the payload it names.
    if (ex.status_code == 304) return std::optional<PendingCapture>(std::move(capture));
    ASSIGN_OR_RETURN(std::optional<std::string> payload, RevisitPayload(r, ex.url));
    if (!payload) {
      Skip(info, "revisit of a payload not in the archive",
           std::string(payload_digest.value_or("")));
      return std::optional<PendingCapture>();
    }
    ex.response_body = core::IsChunked(ex.headers) ? SingleChunkBody(*payload) : *payload;
    return std::optional<PendingCapture>(std::move(capture));
  }

  // WARC 1.1 §5.9: the payload digest covers the entity; writers differ on
  // whether chunked framing is removed first, so either form is accepted.
  const bool chunked = core::IsChunked(ex.headers);
  std::string entity = chunked ? core::Dechunk(ex.response_body).entity : std::string();
  std::string_view entity_view = chunked ? std::string_view(entity) : ex.response_body;
  if (payload_digest) {
    DigestCheck raw = CheckDigest(*payload_digest, ex.response_body);
    DigestCheck decoded = chunked ? CheckDigest(*payload_digest, entity_view) : raw;
    if (raw == DigestCheck::kMismatch && decoded == DigestCheck::kMismatch) {
      Skip(info, "payload digest mismatch", std::string(*payload_digest));
      return std::optional<PendingCapture>();
    }
    std::optional<std::string> named = ArchiveDigestOf(*payload_digest);
    if (chunked && named && digest_aliases_.size() < options_.max_digest_aliases) {
      std::string ours = core::Sha1Base32Digest(entity_view);
      if (ours != *named) digest_aliases_.emplace(std::move(*named), std::move(ours));
    }
  }
  ex.truncation = core::TruncationFromName(r.Field("WARC-Truncated").value_or(""));
  if (chunked) capture.dechunked = std::move(entity);
  return std::optional<PendingCapture>(std::move(capture));
}

core::Result<std::optional<std::string>> WarcImporter::Impl::RevisitPayload(
    const storage::WarcRecordView& r, const std::string& uri) {
  if (std::optional<std::string> digest =
          ArchiveDigestOf(r.Field("WARC-Payload-Digest").value_or(""))) {
    auto alias = digest_aliases_.find(*digest);
    core::Result<std::string> payload =
        archive_.Payload(alias == digest_aliases_.end() ? *digest : alias->second);
    if (payload.ok()) return std::optional<std::string>(std::move(*payload));
    if (!payload.error().IsNotFound()) return payload.error();
  }
  // WARC 1.1 §5.11-§5.12: the original named by URI and date; without a date
  // (wget, Heritrix 2013), a capture of the same URL whose body as stored,
  // chunk framing included, has the named digest (a chunked original read in
  // an earlier import).
  std::optional<core::Timestamp> when;
  if (std::optional<std::string_view> refers_date = r.Field("WARC-Refers-To-Date")) {
    core::Result<core::Timestamp> parsed = core::ParseIso8601(core::TrimAsciiSpace(*refers_date));
    if (!parsed.ok()) return std::optional<std::string>();
    when = *parsed;
  }
  const std::string_view named_digest = r.Field("WARC-Payload-Digest").value_or("");
  if (!when && named_digest.empty()) return std::optional<std::string>();
  std::string refers_uri(TargetUriOf(r.Field("WARC-Refers-To-Target-URI").value_or(uri)));
  if (!core::Url::Parse(refers_uri).ok()) return std::optional<std::string>();
  ASSIGN_OR_RETURN(std::vector<storage::CaptureRecord> captures, archive_.Captures(refers_uri));
  for (auto c = captures.rbegin(); c != captures.rend(); ++c) {
    if (c->payload_size == 0) continue;
    if (when && (c->time < *when || c->time >= *when + kNudgeWindow)) continue;
    if (!when && c->transfer_framing.empty()) continue;  // its digest was tried above
    core::Result<std::string> payload = archive_.Payload(c->payload_digest);
    if (!payload.ok()) {
      if (payload.error().IsNotFound()) continue;
      return payload.error();
    }
    if (!when) {
      core::Result<std::string> raw = core::Rechunk(*payload, c->transfer_framing);
      if (!raw.ok() || CheckDigest(named_digest, *raw) != DigestCheck::kMatch) continue;
    }
    return std::optional<std::string>(std::move(*payload));
  }
  return std::optional<std::string>();
}

Status WarcImporter::Impl::Flush() {
  if (!pending_) return Status::Ok();
  PendingCapture capture = std::move(*pending_);
  pending_.reset();
  return Store(std::move(capture));
}

Status WarcImporter::Impl::Store(PendingCapture capture) {
  const core::HttpExchange& ex = capture.exchange;
  if (!capture.dechunked && core::IsChunked(ex.headers)) {
    capture.dechunked = core::Dechunk(ex.response_body).entity;  // a revisit's payload
  }
  const std::string_view entity = capture.dechunked ? *capture.dechunked : ex.response_body;
  const std::string digest = core::Sha1Base32Digest(entity);

  ASSIGN_OR_RETURN(std::vector<storage::CaptureRecord> existing, archive_.Captures(ex.url));
  for (const storage::CaptureRecord& c : existing) {
    if (c.time >= ex.started && c.time < ex.started + kNudgeWindow && c.payload_digest == digest &&
        c.status_code == ex.status_code) {
      ++summary_.duplicates;
      return Status::Ok();
    }
  }
  std::optional<core::Article> article = ExtractArticleOf(ex, entity, options_.max_decoded_bytes);
  core::Result<storage::StoreOutcome> stored =
      archive_.StoreCapture(ex, article ? &*article : nullptr);
  if (!stored.ok()) {
    return stored.error().WithContext("cannot store " + ex.url + " from " + capture.info.file +
                                      " offset " + std::to_string(capture.info.offset));
  }
  ++summary_.captures;
  if (capture.from_revisit) ++summary_.revisit_captures;
  if (capture.from_resource) ++summary_.resource_captures;
  if (stored->new_payload) ++summary_.new_payloads;
  if (stored->new_version) ++summary_.new_versions;
  return Status::Ok();
}

WarcImporter::WarcImporter(storage::Archive& archive, WarcImportOptions options)
    : impl_(std::make_unique<Impl>(archive, options)) {}
WarcImporter::~WarcImporter() = default;

core::Status WarcImporter::ImportFile(const std::string& path) { return impl_->ImportFile(path); }

void WarcImporter::Finish() { impl_->Finish(); }

const ImportSummary& WarcImporter::summary() const { return impl_->summary_; }

bool WarcImporter::archive_failed() const { return impl_->archive_failed_; }

}  // namespace newsvault::crawler
