#include "storage/archive_dir.h"

#include <system_error>

namespace newsvault::storage {

namespace fs = std::filesystem;

namespace {

// Files RocksDB writes before CURRENT when it creates a database.
bool IsCreationLeftover(const std::string& name) {
  return name == "LOCK" || name == "IDENTITY" || name.rfind("LOG", 0) == 0 ||
         name.rfind("MANIFEST-", 0) == 0;
}

}  // namespace

core::Result<ArchivePathState> InspectArchivePath(const std::string& path) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    return core::Status::IoError("cannot open archive at " + path + ": " + ec.message());
  }
  if (!fs::exists(st)) return ArchivePathState::kMissing;
  if (!fs::is_directory(st)) return ArchivePathState::kNotDirectory;
  bool only_leftovers = true;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name == "CURRENT") return ArchivePathState::kDatabase;
    if (!IsCreationLeftover(name)) only_leftovers = false;
  }
  if (ec) return core::Status::IoError("cannot open archive at " + path + ": " + ec.message());
  return only_leftovers ? ArchivePathState::kEmpty : ArchivePathState::kForeign;
}

fs::path FirstMissingAncestor(const std::string& path) {
  std::error_code ec;
  fs::path missing;
  for (fs::path cur = fs::absolute(path, ec).lexically_normal(); !ec && !fs::exists(cur, ec);
       cur = cur.parent_path()) {
    missing = cur;
    if (cur == cur.parent_path()) break;
  }
  return missing;
}

uint64_t DirectoryBytes(const std::string& path) {
  uint64_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code entry_ec;
    if (!it->is_regular_file(entry_ec)) continue;
    uint64_t size = it->file_size(entry_ec);
    if (!entry_ec) total += size;
  }
  return total;
}

}  // namespace newsvault::storage
