// Archive directory: what is at an archive path before the database opens it.
//
// OpenArchive must tell "nothing here" (create or NotFound) from "an archive"
// (open it) from "something else" (refuse, never write into a user's folder),
// and must not leave behind directories it made for an open that failed.
//
// Thread safety: functions touch only the file system; not atomic against
// other processes changing the same path.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/status.h"

namespace newsvault::storage {

enum class ArchivePathState {
  kMissing,       // no file or directory at the path
  kEmpty,         // an empty directory, or only what an interrupted creation
                  // leaves before RocksDB's CURRENT file exists
  kDatabase,      // a directory with a CURRENT file: open it
  kNotDirectory,  // a plain file (or other non-directory)
  kForeign,       // a directory holding other files and no CURRENT
};

// IoError when the path cannot be inspected (e.g. permission denied).
core::Result<ArchivePathState> InspectArchivePath(const std::string& path);

// The topmost of `path` and its ancestors that does not exist yet (what
// create_directories would make), or an empty path when `path` exists.
std::filesystem::path FirstMissingAncestor(const std::string& path);

// Sum of the sizes of the regular files under `path`; files that vanish while
// it walks (compaction) are skipped.
uint64_t DirectoryBytes(const std::string& path);

}  // namespace newsvault::storage
