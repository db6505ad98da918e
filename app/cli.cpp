#include "app/cli.h"

#include <iostream>

#include "core/log.h"

namespace newsvault::app {

void PrintError(const std::string& message) {
  std::cerr << "newsvault: error: " << message << "\n";
}

void PrintWarning(const std::string& message) { core::LogWarning(message); }

int ExitCodeFor(const core::Status& status) {
  switch (status.code()) {
    case core::StatusCode::kOk:
      return kExitOk;
    case core::StatusCode::kInvalidArgument:
    case core::StatusCode::kUnsupported:
      return kExitUsage;
    case core::StatusCode::kBusy:
    case core::StatusCode::kCorruption:
    case core::StatusCode::kIoError:
      return kExitArchive;
    default:
      return kExitPartial;
  }
}

std::unique_ptr<storage::Archive> OpenArchiveOrReport(const GlobalOptions& global, bool create,
                                                      int* exit_code,
                                                      storage::Durability durability) {
  storage::OpenOptions options;
  options.durability = durability;
  options.create_if_missing = create;
  options.read_only = !create;
  core::Result<std::unique_ptr<storage::Archive>> archive =
      storage::OpenArchive(global.db_path, options);
  if (archive.ok()) return std::move(archive).value();
  PrintError(archive.error().message());
  // An archive that is not there yet is not a damaged one: reading commands
  // say so and exit 1, like `grep` on a missing file.
  *exit_code = archive.error().IsNotFound() ? kExitPartial : kExitArchive;
  return nullptr;
}

bool ParseOptionalTime(const std::string& text, const char* option_name,
                       std::optional<core::Timestamp>* out) {
  if (text.empty()) return true;
  core::Result<core::Timestamp> t = core::ParseTimeArgument(text);
  if (!t.ok()) {
    PrintError(std::string(option_name) + ": " + t.error().message());
    return false;
  }
  *out = *t;
  return true;
}

std::string FormatTime(core::Timestamp t) { return core::FormatIsoSeconds(t); }

const char* Version() { return NEWSVAULT_VERSION; }

}  // namespace newsvault::app
