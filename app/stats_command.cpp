// `newsvault stats`: archive size, counts and how much deduplication saved.
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli.h"

namespace newsvault::app {
namespace {

class StatsCommand final : public Command {
 public:
  explicit StatsCommand(CLI::App& parent) {
    app_ = parent.add_subcommand("stats", "Show archive size, counts and dedup ratio");
    app_->add_flag("--json", json_, "One JSON object");
  }

  int Run(const GlobalOptions& global) override {
    int exit_code = kExitOk;
    std::unique_ptr<storage::Archive> archive = OpenArchiveOrReport(global, false, &exit_code);
    if (!archive) return exit_code;
    core::Result<storage::ArchiveStats> stats = archive->Stats();
    if (!stats.ok()) {
      PrintError(stats.error().message());
      return ExitCodeFor(stats.error());
    }
    const storage::ArchiveStats& s = *stats;
    // How many captured bytes each stored byte stands for (1.0 = no dedup).
    const double dedup_ratio = s.payload_bytes == 0 ? 1.0
                                                    : static_cast<double>(s.captured_bytes) /
                                                          static_cast<double>(s.payload_bytes);
    if (json_) {
      nlohmann::json j = {{"urls", s.urls},
                          {"captures", s.captures},
                          {"revisits", s.revisits},
                          {"payloads", s.payloads},
                          {"payload_bytes", s.payload_bytes},
                          {"captured_bytes", s.captured_bytes},
                          {"versions", s.versions},
                          {"disk_bytes", s.disk_bytes},
                          {"dedup_ratio", dedup_ratio}};
      std::cout << j.dump(2) << "\n";
    } else {
      std::cout << "archive:   " << global.db_path << "\n"
                << "urls:      " << s.urls << "\n"
                << "captures:  " << s.captures << " (" << s.revisits << " revisits)\n"
                << "versions:  " << s.versions << "\n"
                << "payloads:  " << s.payloads << ", " << s.payload_bytes << " bytes stored for "
                << s.captured_bytes << " captured (dedup ratio " << dedup_ratio << ")\n"
                << "on disk:   " << s.disk_bytes << " bytes\n";
    }
    return kExitOk;
  }

 private:
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeStatsCommand(CLI::App& parent) {
  return std::make_unique<StatsCommand>(parent);
}

}  // namespace newsvault::app
