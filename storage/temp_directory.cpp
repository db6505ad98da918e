#include "storage/temp_directory.h"

#include <cassert>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

namespace newsvault::storage {

TempDirectory::~TempDirectory() { Remove(); }

core::Status TempDirectory::Create(const std::string& near) {
  assert(path_.empty());
  std::string pattern = near + ".tmpXXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    return core::Status::IoError("cannot create a temporary directory beside " + near + ": " +
                                 std::strerror(errno));
  }
  path_ = std::move(pattern);
  return core::Status::Ok();
}

void TempDirectory::Remove() {
  if (path_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
  path_.clear();
}

}  // namespace newsvault::storage
