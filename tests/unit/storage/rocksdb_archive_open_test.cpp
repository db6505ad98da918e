// Tests for opening storage/rocksdb_archive: creation, the single-process
// lock, newer and damaged schemas, paths that hold no archive.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "storage/rocksdb_archive.h"
#include "tests/support/process.h"
#include "tests/unit/storage/archive_test_util.h"

namespace newsvault::storage {
namespace {

using archive_test::At;
using archive_test::HtmlExchange;
using newsvault::testing::TempDir;

namespace fs = std::filesystem;

std::string BusyMessage(const std::string& path) {
  return "archive at " + path + " is in use by another newsvault process";
}

std::string DamagedPrefix(const std::string& path) {
  return "archive at " + path + " is damaged or not a newsvault archive: ";
}

void CreateArchiveWithOneCapture(const std::string& path) {
  auto archive = OpenArchive(path);
  ASSERT_TRUE(archive.ok()) << archive.status().ToString();
  ASSERT_TRUE(
      (*archive)->StoreCapture(HtmlExchange("http://example.com/", "x", At(1)), nullptr).ok());
}

void ExpectDamaged(const core::Result<std::unique_ptr<Archive>>& opened, const std::string& path) {
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code(), core::StatusCode::kCorruption) << opened.error().ToString();
  EXPECT_EQ(opened.error().message().rfind(DamagedPrefix(path), 0), 0u) << opened.error().message();
  EXPECT_EQ(opened.error().message().find('\n'), std::string::npos) << "one line";
}

TEST(OpenArchive, CreatesMissingParentDirectories) {
  TempDir dir;
  const std::string path = dir.Join("a/b/db");
  CreateArchiveWithOneCapture(path);
  EXPECT_TRUE(fs::exists(path + "/CURRENT"));
  auto reopened = OpenArchive(path, {.create_if_missing = false});
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ((*reopened)->Stats()->captures, 1u);
}

TEST(OpenArchive, CreatesAnArchiveInAnEmptyDirectory) {
  TempDir dir;
  CreateArchiveWithOneCapture(dir.path());
  EXPECT_TRUE(fs::exists(dir.Join("CURRENT")));
}

TEST(OpenArchive, MissingArchiveIsNotFoundWhenNotCreatingAndNothingIsMade) {
  TempDir dir;
  const std::string path = dir.Join("nothing/here");
  for (OpenOptions options : {OpenOptions{.create_if_missing = false},
                              OpenOptions{.create_if_missing = true, .read_only = true}}) {
    auto opened = OpenArchive(path, options);
    ASSERT_FALSE(opened.ok());
    EXPECT_TRUE(opened.error().IsNotFound());
    EXPECT_EQ(opened.error().message(), "no archive at " + path);
    EXPECT_FALSE(fs::exists(dir.Join("nothing")));
  }
}

TEST(OpenArchive, PathBelowAPlainFileIsAnIoErrorAndNothingIsMade) {
  TempDir dir;
  std::ofstream(dir.Join("file")) << "x";
  const std::string path = dir.Join("file/sub/db");
  auto opened = OpenArchive(path);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code(), core::StatusCode::kIoError) << opened.error().ToString();
  EXPECT_NE(opened.error().message().find(path), std::string::npos);
  EXPECT_TRUE(fs::is_regular_file(dir.Join("file")));
}

TEST(OpenArchive, EmptyPathIsInvalidArgument) {
  auto opened = OpenArchive("");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code(), core::StatusCode::kInvalidArgument);
}

TEST(OpenArchive, SecondOpenInTheSameProcessIsBusy) {
  TempDir dir;
  const std::string path = dir.Join("db");
  auto first = OpenArchive(path);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  for (OpenOptions options : {OpenOptions{}, OpenOptions{.read_only = true}}) {
    auto second = OpenArchive(path, options);
    ASSERT_FALSE(second.ok());
    EXPECT_TRUE(second.error().IsBusy()) << second.error().ToString();
    EXPECT_EQ(second.error().message(), BusyMessage(path));
  }
  first->reset();
  EXPECT_TRUE(OpenArchive(path).ok()) << "the lock goes with the first archive";
}

// Exit codes of the child processes below.
constexpr int kChildBusy = 10;
constexpr int kChildOther = 11;

int ChildOpenResult(const std::string& path) {
  auto opened = OpenArchive(path);
  if (!opened.ok() && opened.error().IsBusy() && opened.error().message() == BusyMessage(path)) {
    return kChildBusy;
  }
  return kChildOther;
}

TEST(OpenArchive, ForkedChildOfTheHolderIsBusy) {
  TempDir dir;
  const std::string path = dir.Join("db");
  auto holder = OpenArchive(path);
  ASSERT_TRUE(holder.ok());
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) _exit(ChildOpenResult(path));
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), kChildBusy);
}

// Given another process that holds the archive (its fcntl lock, not this
// process's table of RocksDB locks), we should get the same Busy message.
TEST(OpenArchive, ArchiveHeldByAnotherProcessIsBusy) {
  TempDir dir;
  const std::string path = dir.Join("db");
  CreateArchiveWithOneCapture(path);
  int ready[2], done[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(done), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto held = OpenArchive(path);
    char c = held.ok() ? 'y' : 'n';
    if (write(ready[1], &c, 1) != 1) _exit(1);
    if (read(done[0], &c, 1) < 0) _exit(1);  // hold until the parent is done
    _exit(0);
  }
  char c = 0;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  ASSERT_EQ(c, 'y') << "child could not open the archive";
  auto opened = OpenArchive(path);
  EXPECT_FALSE(opened.ok());
  if (!opened.ok()) {
    EXPECT_TRUE(opened.error().IsBusy()) << opened.error().ToString();
    EXPECT_EQ(opened.error().message(), BusyMessage(path));
  }
  ASSERT_EQ(write(done[1], "x", 1), 1);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  for (int fd : {ready[0], ready[1], done[0], done[1]}) close(fd);
  EXPECT_TRUE(OpenArchive(path).ok()) << "the lock dies with the holder";
}

TEST(OpenArchive, NewerSchemaIsUnsupported) {
  TempDir dir;
  const std::string path = dir.Join("db");
  CreateArchiveWithOneCapture(path);
  ASSERT_TRUE(OverwriteSchemaVersionForTesting(path, "7").ok());
  auto opened = OpenArchive(path);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code(), core::StatusCode::kUnsupported);
  EXPECT_EQ(opened.error().message(),
            "archive at " + path +
                " was written by a newer newsvault (schema 7, this build reads "
                "up to " +
                std::to_string(kArchiveSchemaVersion) + ")");
}

TEST(OpenArchive, UnreadableSchemaVersionIsCorruption) {
  TempDir dir;
  const std::string path = dir.Join("db");
  CreateArchiveWithOneCapture(path);
  ASSERT_TRUE(OverwriteSchemaVersionForTesting(path, "one").ok());
  ExpectDamaged(OpenArchive(path), path);
}

TEST(OpenArchive, GarbageCurrentFileIsCorruption) {
  for (std::string garbage : {"garbage", "garbage\n", "MANIFEST-999999\n"}) {
    TempDir dir;
    const std::string path = dir.Join("db");
    CreateArchiveWithOneCapture(path);
    std::ofstream(path + "/CURRENT", std::ios::trunc) << garbage;
    ExpectDamaged(OpenArchive(path), path);
  }
}

TEST(OpenArchive, MissingManifestIsCorruption) {
  TempDir dir;
  const std::string path = dir.Join("db");
  CreateArchiveWithOneCapture(path);
  for (const auto& entry : fs::directory_iterator(path)) {
    if (entry.path().filename().string().rfind("MANIFEST-", 0) == 0) fs::remove(entry.path());
  }
  ExpectDamaged(OpenArchive(path), path);
}

TEST(OpenArchive, PlainFileIsCorruptionAndStaysUntouched) {
  TempDir dir;
  const std::string path = dir.Join("notes.txt");
  std::ofstream(path) << "my notes";
  ExpectDamaged(OpenArchive(path), path);
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "my notes");
}

TEST(OpenArchive, DirectoryOfOtherFilesIsCorruptionAndNothingIsWrittenThere) {
  TempDir dir;
  std::ofstream(dir.Join("holiday.jpg")) << "jpeg";
  ExpectDamaged(OpenArchive(dir.path()), dir.path());
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    names.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(names, std::vector<std::string>{"holiday.jpg"});
}

}  // namespace
}  // namespace newsvault::storage
