#include "storage/warc_export.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/timestamp.h"
#include "storage/capture_selector.h"
#include "storage/cdxj_sorter.h"
#include "storage/warc_capture_writer.h"

namespace newsvault::storage {
namespace {

// WACZ 1.1.1 "pages": the first line names the list (json-pages-1.0).
constexpr std::string_view kPagesHeader =
    R"({"format":"json-pages-1.0","id":"pages","title":"All Pages"})";

// The pages.jsonl of a WACZ, one line per article version, written as it comes.
class PagesFile {
 public:
  core::Status Open(const std::string& path) {
    path_ = path;
    out_.open(path, std::ios::binary | std::ios::trunc);
    if (!out_) return core::Status::IoError("cannot create " + path);
    out_ << kPagesHeader << '\n';
    return Check();
  }

  core::Status Add(const CaptureRecord& capture, const ArticleVersionRecord& version) {
    // ts is the capture's own time, so a replay of the page finds that very capture.
    nlohmann::json line = {{"url", capture.url},
                           {"ts", core::FormatWarcDate(capture.time)},
                           {"title", version.article.title},
                           {"text", version.article.body_text}};
    // Extracted text may hold invalid UTF-8; replace it rather than fail the export.
    out_ << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    ++lines_;
    return Check();
  }

  core::Status Close() {
    out_.close();
    if (out_.fail()) return core::Status::IoError("cannot write " + path_);
    return core::Status::Ok();
  }

  uint64_t lines() const { return lines_; }

 private:
  core::Status Check() {
    if (!out_) return core::Status::IoError("cannot write " + path_);
    return core::Status::Ok();
  }

  std::string path_;
  std::ofstream out_;
  uint64_t lines_ = 0;
};

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
  const std::string where = options.path.empty() ? options.directory : options.path;
  CaptureSelection selection{options.since, options.until, options.site, options.url_prefix,
                             options.articles_only};
  auto selector = CaptureSelector::Make(selection);
  if (!selector.ok()) return selector.error().WithContext("cannot export WARC to " + where);

  WarcSetOptions set_options{options.path, options.directory, options.prefix, options.max_size,
                             options.hostname};
  auto opened = WarcSetWriter::Open(set_options);
  if (!opened.ok()) return opened.error().WithContext("cannot export WARC to " + where);
  std::unique_ptr<WarcSetWriter> set = std::move(*opened);

  ExportReport report;
  report.path = set->paths().front();
  std::string cdxj_path = options.cdxj_path;
  if (cdxj_path.empty() && options.cdxj_beside) cdxj_path = CdxjPathFor(report.path);
  const bool with_cdxj = !cdxj_path.empty();
  const std::string cdxj_open_path = cdxj_path + ".open";
  // Bounded memory: lines beyond the budget are sorted in runs on disk beside the index.
  std::optional<CdxjSorter> cdxj;
  if (with_cdxj) {
    CdxjSorterOptions sort_options;
    sort_options.memory_budget_bytes = options.cdxj_sort_memory_bytes;
    cdxj.emplace(cdxj_open_path, std::move(sort_options));
  }

  PagesFile pages;
  WarcCaptureWriter::PageSink page_sink;
  core::Status status = core::Status::Ok();
  if (!options.pages_path.empty()) {
    status = pages.Open(options.pages_path);
    page_sink = [&pages](const CaptureRecord& c, const ArticleVersionRecord& v) {
      return pages.Add(c, v);
    };
  }
  WarcCaptureWriter writer(archive, *set, options, report, cdxj ? &*cdxj : nullptr,
                           std::move(page_sink));
  if (status.ok()) status = writer.Start();
  if (status.ok()) {
    status = archive.ForEachCapture(selector->scan(), [&](const CaptureRecord& capture) {
      if (!selector->Matches(capture)) return core::Status::Ok();
      core::Status s = writer.WriteCapture(capture);
      if (s.ok()) return s;
      return s.WithContext("capture of " + capture.url + " at " +
                           core::FormatWarcDate(capture.time));
    });
  }
  if (status.ok() && !options.pages_path.empty()) status = pages.Close();
  // Bytewise (LC_ALL=C) order, the order `index` uses (storage/cdxj_sorter.h).
  if (status.ok() && with_cdxj) status = cdxj->Finish();
  if (status.ok()) {
    report.bytes_written = set->bytes_written();
    status = set->Close();
  }
  if (!status.ok()) {
    // A failed export leaves no file behind that could pass for a complete one.
    set->Discard();
    std::error_code ignored;
    if (with_cdxj) std::filesystem::remove(cdxj_open_path, ignored);
    if (!options.pages_path.empty()) std::filesystem::remove(options.pages_path, ignored);
    return status.WithContext("cannot export WARC to " + where);
  }
  report.paths = set->paths();
  report.pages = pages.lines();
  if (with_cdxj) {
    // Renamed last, so a finished CDXJ never names a WARC that is not there.
    std::error_code ec;
    std::filesystem::rename(cdxj_open_path, cdxj_path, ec);
    if (ec) {
      return core::Status::IoError("cannot rename " + cdxj_open_path + " to " + cdxj_path + ": " +
                                   ec.message());
    }
    report.cdxj_path = cdxj_path;
    report.cdxj_lines = cdxj->lines();
  }
  return report;
}

}  // namespace newsvault::storage
