// `newsvault export (--warc FILE | --out DIR | --wacz FILE.wacz) [filters]`:
// the archive, or the captures the filters select, as one WARC 1.1 file, a
// set of WARC files rotated at --max-size, or a WACZ for ReplayWeb.page; with
// --cdxj the sorted CDXJ index beside the WARC(s) (sorted in bounded memory,
// storage/cdxj_sorter.h).
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/byte_size.h"
#include "app/cli.h"
#include "storage/capture_selector.h"
#include "storage/wacz_export.h"
#include "storage/warc_export.h"

namespace newsvault::app {
namespace {

void PrintRecords(const storage::ExportReport& report) {
  std::cout << report.captures << " captures (";
  bool first = true;
  for (const auto& [type, count] : report.records_by_type) {
    std::cout << (first ? "" : ", ") << count << " " << type;
    first = false;
  }
  std::cout << ")";
}

class ExportCommand final : public Command {
 public:
  explicit ExportCommand(CLI::App& parent) {
    app_ = parent.add_subcommand("export",
                                 "Write the archive (or part of it) as WARC files or as a WACZ");
    auto* warc = app_->add_option("--warc", path_,
                                  "One output file: NAME.warc.gz (gzip per record) or NAME.warc");
    auto* out =
        app_->add_option("--out", dir_,
                         "Output directory for a WARC set rotated at --max-size, files named "
                         "PREFIX-YYYYMMDDhhmmss-SERIAL-HOST.warc.gz");
    auto* wacz = app_->add_option("--wacz", wacz_, "Output WACZ 1.1.1 file (ReplayWeb.page)");
    warc->excludes(out)->excludes(wacz);
    out->excludes(wacz);
    app_->add_option("--prefix", prefix_, "File name prefix of a --out set")
        ->default_val("newsvault")
        ->needs(out);
    app_->add_option("--max-size", max_size_,
                     "Start a new file of a --out or --wacz set once a file reaches this size "
                     "(100MB, 1GiB, bytes; default 1GB)");
    app_->add_option("--site", site_,
                     "Only this host and its subdomains (example.com; host:port for one port)");
    app_->add_option("--url-prefix", url_prefix_,
                     "Only URLs whose SURT key starts with this URL's (https://example.com/news/)");
    app_->add_flag("--articles-only", articles_only_,
                   "Only captures that produced or matched an article version");
    app_->add_option("--since", since_,
                     "Only captures at or after this time (2025-02-04, RFC 3339, or 14 digits)");
    app_->add_option("--until", until_, "Only captures before this time");
    app_->add_option("--operator", operator_, "Contact written in the warcinfo record");
    app_->add_flag("--cdxj", cdxj_,
                   "Also write the sorted CDXJ index beside the WARC (NAME.cdxj for "
                   "NAME.warc.gz; for a set, named after its first file)");
    app_->add_flag("--json", json_, "Print the export summary as JSON");
  }

  int Run(const GlobalOptions& global) override {
    storage::ExportOptions options;
    if (!BuildOptions(&options)) return kExitUsage;
    int exit_code = kExitOk;
    std::unique_ptr<storage::Archive> archive = OpenArchiveOrReport(global, false, &exit_code);
    if (!archive) return exit_code;
    if (!wacz_.empty()) return RunWacz(*archive, options);

    core::Result<storage::ExportReport> report = storage::ExportWarc(*archive, options);
    if (!report.ok()) return Fail(report.error());
    if (json_) {
      nlohmann::json j = {{"path", report->path},
                          {"paths", report->paths},
                          {"captures", report->captures},
                          {"bytes", report->bytes_written},
                          {"records", report->records_by_type}};
      if (!report->cdxj_path.empty()) {
        j["cdxj"] = {{"path", report->cdxj_path}, {"lines", report->cdxj_lines}};
      }
      std::cout << j.dump() << "\n";
      return kExitOk;
    }
    for (const std::string& path : report->paths) std::cout << "wrote " << path << "\n";
    std::cout << report->paths.size() << (report->paths.size() == 1 ? " file, " : " files, ")
              << report->bytes_written << " bytes: ";
    PrintRecords(*report);
    std::cout << "\n";
    if (!report->cdxj_path.empty()) {
      std::cout << "wrote " << report->cdxj_path << ": " << report->cdxj_lines << " index lines\n";
    }
    return kExitOk;
  }

 private:
  // Checks the option combination and fills `options`; prints the error when bad.
  bool BuildOptions(storage::ExportOptions* options) {
    if (path_.empty() && dir_.empty() && wacz_.empty()) {
      PrintError("export needs --warc FILE, --out DIR or --wacz FILE");
      return false;
    }
    if (!max_size_.empty() && !path_.empty()) {
      PrintError("--max-size needs --out or --wacz: --warc writes exactly one file");
      return false;
    }
    if (cdxj_ && !wacz_.empty()) {
      PrintError("--cdxj does not apply to --wacz: the WACZ holds its own index");
      return false;
    }
    options->path = path_;
    options->directory = dir_;
    options->prefix = prefix_;
    if (!max_size_.empty()) {
      core::Result<uint64_t> size = ParseByteSize(max_size_);
      if (!size.ok()) {
        PrintError("--max-size: " + size.error().message());
        return false;
      }
      options->max_size = *size;
    }
    options->software = std::string("newsvault/") + Version();
    options->operator_contact = operator_;
    options->site = site_;
    options->url_prefix = url_prefix_;
    options->articles_only = articles_only_;
    options->cdxj_beside = cdxj_;
    if (!ParseOptionalTime(since_, "--since", &options->since)) return false;
    if (!ParseOptionalTime(until_, "--until", &options->until)) return false;
    // Bad filters are usage errors, reported before the archive is opened.
    auto selector = storage::CaptureSelector::Make(
        {options->since, options->until, site_, url_prefix_, articles_only_});
    if (!selector.ok()) {
      PrintError(selector.error().message());
      return false;
    }
    return true;
  }

  int RunWacz(storage::Archive& archive, const storage::ExportOptions& options) {
    core::Result<storage::WaczReport> report = storage::ExportWacz(archive, options, wacz_);
    if (!report.ok()) return Fail(report.error());
    if (json_) {
      nlohmann::json j = {{"path", report->path},
                          {"bytes", report->bytes},
                          {"entries", report->entries},
                          {"captures", report->warc.captures},
                          {"records", report->warc.records_by_type},
                          {"pages", report->warc.pages}};
      std::cout << j.dump() << "\n";
      return kExitOk;
    }
    std::cout << "wrote " << report->path << ": " << report->bytes << " bytes, "
              << report->warc.paths.size()
              << (report->warc.paths.size() == 1 ? " WARC, " : " WARCs, ") << report->warc.pages
              << " pages, ";
    PrintRecords(report->warc);
    std::cout << "\n";
    return kExitOk;
  }

  static int Fail(const core::Status& error) {
    PrintError(error.message());
    return error.code() == core::StatusCode::kIoError ? kExitPartial : ExitCodeFor(error);
  }

  std::string path_;
  std::string dir_;
  std::string wacz_;
  std::string prefix_;
  std::string max_size_;
  std::string site_;
  std::string url_prefix_;
  bool articles_only_ = false;
  std::string since_;
  std::string until_;
  std::string operator_;
  bool cdxj_ = false;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeExportCommand(CLI::App& parent) {
  return std::make_unique<ExportCommand>(parent);
}

}  // namespace newsvault::app
