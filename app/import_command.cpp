// `newsvault import FILE...`: brings WARC files (.warc, .warc.gz, and the
// WARCs inside a .wacz) from any tool into the archive as captures, payloads and article versions
// (crawler/warc_importer.h says what each record becomes).
//
// Exit codes: 0 every record read and imported (or already there), 1 some
// records skipped (damaged, digest mismatch, revisit of an unknown payload,
// incomplete segmented record), 2 usage (a file missing or unreadable: nothing is imported),
// 3 archive locked, damaged or failing to write.
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/cli.h"
#include "crawler/warc_importer.h"

namespace newsvault::app {
namespace {

nlohmann::json SummaryJson(const crawler::ImportSummary& s) {
  nlohmann::json j;
  j["files"] = s.files;
  j["records"] = s.records;
  j["records_by_type"] = s.records_by_type;
  j["captures"] = s.captures;
  j["revisit_captures"] = s.revisit_captures;
  j["resource_captures"] = s.resource_captures;
  j["requests_attached"] = s.requests_attached;
  j["new_payloads"] = s.new_payloads;
  j["new_versions"] = s.new_versions;
  j["duplicates"] = s.duplicates;
  j["not_imported"] = s.not_imported;
  j["skipped"] = s.skipped;
  j["skipped_by_reason"] = s.skipped_by_reason;
  j["skipped_records"] = nlohmann::json::array();
  for (const crawler::SkippedRecord& r : s.skipped_records) {
    j["skipped_records"].push_back({{"file", r.file},
                                    {"offset", r.offset},
                                    {"type", r.type},
                                    {"url", r.url},
                                    {"reason", r.reason},
                                    {"detail", r.detail}});
  }
  j["oddities"] = s.oddities;
  return j;
}

std::string Counts(const std::map<std::string, uint64_t>& counts) {
  std::string out;
  for (const auto& [name, n] : counts) {
    if (!out.empty()) out += ", ";
    out += name + " " + std::to_string(n);
  }
  return out.empty() ? "none" : out;
}

void PrintText(const crawler::ImportSummary& s) {
  std::cout << "read " << s.records << " records from " << s.files << " files ("
            << Counts(s.records_by_type) << ")\n"
            << "imported " << s.captures << " captures (" << s.revisit_captures
            << " from revisits, " << s.resource_captures << " from resources, "
            << s.requests_attached << " with their request), " << s.new_payloads
            << " new payloads, " << s.new_versions << " new article versions\n"
            << "duplicates (already in the archive): " << s.duplicates << "\n";
  if (!s.not_imported.empty()) std::cout << "not imported: " << Counts(s.not_imported) << "\n";
  std::cout << "skipped: " << s.skipped;
  if (s.skipped > 0) std::cout << " (" << Counts(s.skipped_by_reason) << ")";
  std::cout << "\n";
  for (const crawler::SkippedRecord& r : s.skipped_records) {
    std::cout << "  " << r.file << " offset " << r.offset << ": " << r.reason;
    if (!r.type.empty()) std::cout << " [" << r.type << (r.url.empty() ? "" : " " + r.url) << "]";
    if (!r.detail.empty()) std::cout << ": " << r.detail;
    std::cout << "\n";
  }
  if (s.skipped > s.skipped_records.size()) {
    std::cout << "  ... " << s.skipped - s.skipped_records.size() << " more not listed\n";
  }
}

class ImportCommand final : public Command {
 public:
  explicit ImportCommand(CLI::App& parent) {
    app_ = parent.add_subcommand("import",
                                 "Import WARC files (.warc, .warc.gz, .wacz) into the archive");
    app_->add_option("files", files_, "WARC or WACZ files to import")->required();
    app_->add_flag("--json", json_, "Print the summary as one JSON object");
  }

  int Run(const GlobalOptions& global) override {
    // A missing file is a usage error, found before the archive is touched.
    for (const std::string& path : files_) {
      std::error_code ec;
      if (!std::filesystem::is_regular_file(path, ec)) {
        PrintError("no such WARC file: " + path);
        return kExitUsage;
      }
    }
    int exit_code = kExitOk;
    // Group commit, as for crawls: an import is one batch per record and
    // importing a file again adds only what is missing, so after a power
    // loss (a consistent prefix of the archive) the user simply runs it
    // again. One fsync per record made a 1 GB import wait on the disk for a
    // quarter of its time.
    std::unique_ptr<storage::Archive> archive =
        OpenArchiveOrReport(global, true, &exit_code, storage::Durability::kGroupCommit);
    if (!archive) return exit_code;

    crawler::WarcImporter importer(*archive);
    for (const std::string& path : files_) {
      core::Status status = importer.ImportFile(path);
      if (status.ok()) continue;
      PrintError(path + ": " + status.message());
      if (!importer.archive_failed()) {
        exit_code = kExitUsage;  // could not be opened after all; the others still go in
        continue;
      }
      exit_code = kExitArchive;  // the archive failed: stop, what was stored stays
      break;
    }
    importer.Finish();  // segmented records still incomplete are skipped now
    const crawler::ImportSummary& summary = importer.summary();
    if (json_) {
      std::cout << SummaryJson(summary).dump() << std::endl;
    } else {
      PrintText(summary);
    }
    if (exit_code == kExitOk && summary.skipped > 0) exit_code = kExitPartial;
    return exit_code;
  }

 private:
  std::vector<std::string> files_;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeImportCommand(CLI::App& parent) {
  return std::make_unique<ImportCommand>(parent);
}

}  // namespace newsvault::app
