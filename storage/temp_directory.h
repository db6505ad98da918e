// TempDirectory: a fresh scratch directory that is removed, with everything
// in it, when the object goes away.
//
// Exports build files (a WACZ's parts, a CDXJ sort's spilled runs) that must
// not outlive the export, whether it succeeds, fails or returns early; tying
// the directory to a scope makes that cleanup impossible to forget. The
// directory is made beside the output (same file system, so no surprise
// "disk full" on a small /tmp, and the user sees where space goes).
//
// Thread safety: not thread-safe; one owner.
#pragma once

#include <string>

#include "core/status.h"

namespace newsvault::storage {

class TempDirectory {
 public:
  TempDirectory() = default;
  ~TempDirectory();
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;

  // Creates NEAR.tmpXXXXXX (mkdtemp: a new name, mode 0700).
  // REQUIRES: not created yet. IoError naming `near` when it cannot.
  core::Status Create(const std::string& near);
  // Removes the directory and its contents now (ignoring errors); idempotent.
  void Remove();

  bool created() const { return !path_.empty(); }
  // Empty until Create succeeds.
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace newsvault::storage
