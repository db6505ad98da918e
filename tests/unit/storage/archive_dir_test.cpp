// Tests for storage/archive_dir: telling archives from other paths.
#include "storage/archive_dir.h"

#include <fstream>

#include <gtest/gtest.h>

#include "tests/support/process.h"
#include "tests/unit/storage/archive_test_util.h"

namespace newsvault::storage {
namespace {

using newsvault::testing::TempDir;

void Touch(const std::string& path, std::string_view content = "x") {
  std::ofstream(path) << content;
}

TEST(ArchiveDir, ClassifiesMissingEmptyDatabaseFileAndForeign) {
  TempDir dir;
  EXPECT_EQ(*InspectArchivePath(dir.Join("nope")), ArchivePathState::kMissing);
  EXPECT_EQ(*InspectArchivePath(dir.path()), ArchivePathState::kEmpty);
  Touch(dir.Join("LOG"));
  Touch(dir.Join("LOCK"));
  EXPECT_EQ(*InspectArchivePath(dir.path()), ArchivePathState::kEmpty)
      << "an interrupted creation may be created over";
  Touch(dir.Join("CURRENT"), "MANIFEST-000001\n");
  EXPECT_EQ(*InspectArchivePath(dir.path()), ArchivePathState::kDatabase);
  EXPECT_EQ(*InspectArchivePath(dir.Join("CURRENT")), ArchivePathState::kNotDirectory);
  std::filesystem::create_directory(dir.Join("photos"));
  Touch(dir.Join("photos/cat.jpg"));
  EXPECT_EQ(*InspectArchivePath(dir.Join("photos")), ArchivePathState::kForeign);
}

TEST(ArchiveDir, FirstMissingAncestorIsTheTopmostDirectoryToCreate) {
  TempDir dir;
  EXPECT_EQ(FirstMissingAncestor(dir.Join("a/b/c")), std::filesystem::path(dir.Join("a")));
  EXPECT_TRUE(FirstMissingAncestor(dir.path()).empty());
}

TEST(ArchiveDir, DirectoryBytesSumsFilesRecursively) {
  TempDir dir;
  Touch(dir.Join("one"), "12345");
  std::filesystem::create_directory(dir.Join("sub"));
  Touch(dir.Join("sub/two"), "123");
  EXPECT_EQ(DirectoryBytes(dir.path()), 8u);
  EXPECT_EQ(DirectoryBytes(dir.Join("missing")), 0u);
}

}  // namespace
}  // namespace newsvault::storage
