// `newsvault export --warc FILE [--since T] [--until T] [--cdxj]`: the archive
// as WARC 1.1, optionally with its CDXJ index beside it.
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli.h"
#include "storage/warc_export.h"

namespace newsvault::app {
namespace {

class ExportCommand final : public Command {
 public:
  explicit ExportCommand(CLI::App& parent) {
    app_ = parent.add_subcommand("export", "Write the archive (or part of it) as a WARC file");
    app_->add_option("--warc", path_, "Output file: NAME.warc.gz (gzip per record) or NAME.warc")
        ->required();
    app_->add_option("--since", since_,
                     "Only captures at or after this time (2025-02-04, RFC 3339, or 14 digits)");
    app_->add_option("--until", until_, "Only captures before this time");
    app_->add_option("--operator", operator_, "Contact written in the warcinfo record");
    app_->add_flag("--cdxj", cdxj_,
                   "Also write the sorted CDXJ index beside the WARC (NAME.cdxj for "
                   "NAME.warc.gz), as `newsvault index` would print it");
    app_->add_flag("--json", json_, "Print the export summary as JSON");
  }

  int Run(const GlobalOptions& global) override {
    storage::ExportOptions options;
    options.path = path_;
    options.software = std::string("newsvault/") + Version();
    options.operator_contact = operator_;
    if (cdxj_) options.cdxj_path = storage::CdxjPathFor(path_);
    if (!ParseOptionalTime(since_, "--since", &options.since)) return kExitUsage;
    if (!ParseOptionalTime(until_, "--until", &options.until)) return kExitUsage;
    int exit_code = kExitOk;
    std::unique_ptr<storage::Archive> archive = OpenArchiveOrReport(global, false, &exit_code);
    if (!archive) return exit_code;
    core::Result<storage::ExportReport> report = storage::ExportWarc(*archive, options);
    if (!report.ok()) {
      PrintError(report.error().message());
      return report.error().code() == core::StatusCode::kIoError ? kExitPartial
                                                                 : ExitCodeFor(report.error());
    }
    if (json_) {
      nlohmann::json j = {{"path", report->path},
                          {"captures", report->captures},
                          {"bytes", report->bytes_written},
                          {"records", report->records_by_type}};
      if (!report->cdxj_path.empty()) {
        j["cdxj"] = {{"path", report->cdxj_path}, {"lines", report->cdxj_lines}};
      }
      std::cout << j.dump() << "\n";
    } else {
      std::cout << "wrote " << report->path << ": " << report->captures << " captures, "
                << report->bytes_written << " bytes (";
      bool first = true;
      for (const auto& [type, count] : report->records_by_type) {
        std::cout << (first ? "" : ", ") << count << " " << type;
        first = false;
      }
      std::cout << ")\n";
      if (!report->cdxj_path.empty()) {
        std::cout << "wrote " << report->cdxj_path << ": " << report->cdxj_lines
                  << " index lines\n";
      }
    }
    return kExitOk;
  }

 private:
  std::string path_;
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
