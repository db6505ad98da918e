// Shared pieces of the newsvault command line: global options, exit codes,
// the Command interface each subcommand implements, and small helpers every
// subcommand needs (opening the archive with the right error, time options).
//
// Exit codes (DESIGN §1): 0 success, 1 partial (some fetches failed or an item
// was not found), 2 usage or config error, 3 archive locked or unreadable.
//
// Thread safety: used from the main thread only.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/status.h"
#include "core/timestamp.h"
#include "storage/archive.h"

namespace newsvault::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitPartial = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitArchive = 3;

struct GlobalOptions {
  std::string db_path = "newsvault-data";  // --db
  std::string config_path;                 // --config (read by `crawl`, later)
  int verbose = 0;                         // -v, repeatable
  bool quiet = false;                      // -q
};

// One subcommand: registers its options on construction, runs after parsing.
class Command {
 public:
  virtual ~Command() = default;
  virtual int Run(const GlobalOptions& global) = 0;
  CLI::App* app() const { return app_; }

 protected:
  CLI::App* app_ = nullptr;
};

// Each subcommand file provides one of these.
std::unique_ptr<Command> MakeArchiveCommand(CLI::App& parent);
std::unique_ptr<Command> MakeHistoryCommand(CLI::App& parent);
std::unique_ptr<Command> MakeShowCommand(CLI::App& parent);
std::unique_ptr<Command> MakeListCommand(CLI::App& parent);
std::unique_ptr<Command> MakeExtractCommand(CLI::App& parent);
std::unique_ptr<Command> MakeExportCommand(CLI::App& parent);
std::unique_ptr<Command> MakeStatsCommand(CLI::App& parent);
std::unique_ptr<Command> MakeIndexCommand(CLI::App& parent);
std::unique_ptr<Command> MakeImportCommand(CLI::App& parent);
std::unique_ptr<Command> MakeRobotsCommand(CLI::App& parent);
std::unique_ptr<Command> MakeCrawlCommand(CLI::App& parent);

// Prints "newsvault: error: MESSAGE" on stderr (one line).
void PrintError(const std::string& message);
void PrintWarning(const std::string& message);

// Exit code for a Status from opening or using the archive.
int ExitCodeFor(const core::Status& status);

// Opens the archive at global.db_path. On failure prints the one-line reason
// and sets *exit_code (3 for locked/damaged/newer, 1 for "no archive" when
// reading). `create`: a write command may create the archive.
// `durability`: crawls use group commit (storage/archive.h says why it is safe).
std::unique_ptr<storage::Archive> OpenArchiveOrReport(
    const GlobalOptions& global, bool create, int* exit_code,
    storage::Durability durability = storage::Durability::kSyncEachWrite);

// Parses an optional time option; prints the error and returns false when bad.
bool ParseOptionalTime(const std::string& text, const char* option_name,
                       std::optional<core::Timestamp>* out);

// RFC 3339 UTC with seconds, for human and JSON output.
std::string FormatTime(core::Timestamp t);

// The newsvault version string, e.g. "0.1.0".
const char* Version();

}  // namespace newsvault::app
