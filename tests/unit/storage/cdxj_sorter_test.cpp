// Tests of CdxjSorter, the bounded-memory sort of an export's CDXJ index
// (issue 5 item 2: "bounded memory" and "a sorted CDXJ index"): whether the
// lines fit in memory or go through spilled runs, the output must be exactly
// std::sort of the input (byte order, duplicates kept), and no spill file may
// outlive the sorter.
#include "storage/cdxj_sorter.h"

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/process.h"

namespace newsvault::storage {
namespace {

using testing::ReadFileOrEmpty;
using testing::TempDir;

// Lines of 0-80 bytes of any value but '\n' (bytes >= 0x80 included, so a
// signed-char comparison would put them in the wrong place), with about one
// in ten a repeat of an earlier line.
std::vector<std::string> RandomLines(size_t count, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> length(0, 80);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> tenth(0, 9);
  std::vector<std::string> lines;
  for (size_t i = 0; i < count; ++i) {
    if (!lines.empty() && tenth(random) == 0) {
      std::uniform_int_distribution<size_t> earlier(0, lines.size() - 1);
      lines.push_back(lines[earlier(random)]);
      continue;
    }
    std::string line;
    for (int n = length(random); n > 0; --n) {
      char c = static_cast<char>(byte(random));
      line.push_back(c == '\n' ? 'n' : c);
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string SortedText(std::vector<std::string> lines) {
  std::sort(lines.begin(), lines.end());
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

// Names in `dir` other than `keep`: where spilled runs would show.
std::vector<std::string> OtherEntries(const std::string& dir, const std::string& keep) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name != keep) names.push_back(name);
  }
  return names;
}

core::Status AddAll(CdxjSorter& sorter, const std::vector<std::string>& lines) {
  for (const std::string& line : lines) RETURN_IF_ERROR(sorter.Add(line));
  return core::Status::Ok();
}

CdxjSorterOptions Budget(size_t bytes) {
  CdxjSorterOptions options;
  options.memory_budget_bytes = bytes;
  return options;
}

TEST(CdxjSorter, TinyBudgetSpillsRunsAndMergesThemInByteOrder) {
  // Given thousands of lines and a 1 KiB budget, we should spill more runs
  // than one merge takes (so merge passes run too), write exactly std::sort
  // of the input, and leave no spill file behind.
  TempDir dir;
  const std::string out = dir.Join("index.cdxj");
  std::vector<std::string> lines = RandomLines(6000, 7);
  CdxjSorter sorter(out, Budget(1024));
  ASSERT_TRUE(AddAll(sorter, lines).ok());
  EXPECT_GT(sorter.runs_spilled(), kCdxjSortMaxFanIn);
  EXPECT_EQ(OtherEntries(dir.path(), "index.cdxj").size(), 1u) << "the spill directory";

  core::Status finished = sorter.Finish();
  ASSERT_TRUE(finished.ok()) << finished.ToString();
  EXPECT_EQ(sorter.lines(), lines.size());
  EXPECT_EQ(ReadFileOrEmpty(out), SortedText(lines));
  EXPECT_TRUE(OtherEntries(dir.path(), "index.cdxj").empty());
}

TEST(CdxjSorter, LinesThatFitAreSortedWithoutAnyTemporaryFile) {
  TempDir dir;
  const std::string out = dir.Join("index.cdxj");
  std::vector<std::string> lines = RandomLines(3000, 11);
  CdxjSorter sorter(out);
  ASSERT_TRUE(AddAll(sorter, lines).ok());
  EXPECT_TRUE(OtherEntries(dir.path(), "index.cdxj").empty());

  ASSERT_TRUE(sorter.Finish().ok());
  EXPECT_EQ(sorter.runs_spilled(), 0u);
  EXPECT_EQ(ReadFileOrEmpty(out), SortedText(lines));
}

TEST(CdxjSorter, KeepsDuplicatesAcrossRuns) {
  // Given the same line in several runs (budget 0: one run per line), every
  // copy should come out, next to each other.
  TempDir dir;
  const std::string out = dir.Join("index.cdxj");
  CdxjSorter sorter(out, Budget(0));
  ASSERT_TRUE(AddAll(sorter, {"b 2", "a 1", "b 2", "c 3", "a 1", "b 2"}).ok());
  EXPECT_EQ(sorter.runs_spilled(), 6u);
  ASSERT_TRUE(sorter.Finish().ok());
  EXPECT_EQ(ReadFileOrEmpty(out), "a 1\na 1\nb 2\nb 2\nb 2\nc 3\n");
}

TEST(CdxjSorter, ComparesBytesAsUnsigned) {
  // LC_ALL=C order: "é" (0xC3 0xA9) sorts after "z", a prefix before its extensions.
  for (size_t budget : {size_t{0}, kDefaultCdxjSortMemoryBytes}) {
    TempDir dir;
    const std::string out = dir.Join("index.cdxj");
    CdxjSorter sorter(out, Budget(budget));
    ASSERT_TRUE(AddAll(sorter, {"\xC3\xA9", "z", "ab", "a", "A"}).ok());
    ASSERT_TRUE(sorter.Finish().ok());
    EXPECT_EQ(ReadFileOrEmpty(out), "A\na\nab\nz\n\xC3\xA9\n") << "budget " << budget;
  }
}

TEST(CdxjSorter, NoLinesGiveAnEmptyFile) {
  TempDir dir;
  const std::string out = dir.Join("index.cdxj");
  CdxjSorter sorter(out, Budget(0));
  ASSERT_TRUE(sorter.Finish().ok());
  ASSERT_TRUE(std::filesystem::exists(out));
  EXPECT_EQ(std::filesystem::file_size(out), 0u);
  EXPECT_EQ(sorter.lines(), 0u);
  EXPECT_EQ(sorter.runs_spilled(), 0u);
}

TEST(CdxjSorter, SpillFilesGoWhenTheSorterIsDroppedUnfinished) {
  // Given an export that fails midway, the sorter is destroyed without
  // Finish: its runs must not stay on disk.
  TempDir dir;
  {
    CdxjSorter sorter(dir.Join("index.cdxj"), Budget(64));
    ASSERT_TRUE(AddAll(sorter, RandomLines(200, 3)).ok());
    ASSERT_GT(sorter.runs_spilled(), 0u);
    ASSERT_FALSE(OtherEntries(dir.path(), "").empty());
  }
  EXPECT_TRUE(OtherEntries(dir.path(), "").empty());
}

TEST(CdxjSorter, OutputInAMissingDirectoryIsAnIoErrorNamingIt) {
  TempDir dir;
  const std::string out = dir.Join("absent/index.cdxj");
  CdxjSorter sorter(out);
  ASSERT_TRUE(AddAll(sorter, {"b", "a"}).ok());
  core::Status status = sorter.Finish();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), core::StatusCode::kIoError);
  EXPECT_NE(status.message().find(out), std::string::npos) << status.message();
}

TEST(CdxjSorter, UnwritableSpillDirectoryFailsTheAdd) {
  // Given an output in a missing directory, the spill directory beside it
  // cannot be made: the first spill says so.
  TempDir dir;
  const std::string out = dir.Join("absent/index.cdxj");
  CdxjSorter sorter(out, Budget(0));
  core::Status status = sorter.Add("a");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), core::StatusCode::kIoError);
  EXPECT_NE(status.message().find(out), std::string::npos) << status.message();
}

TEST(CdxjSorter, FullDiskIsAnIoErrorAndSpillFilesStillGo) {
  // /dev/full accepts the open and fails every write with ENOSPC.
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  for (size_t budget : {size_t{0}, kDefaultCdxjSortMemoryBytes}) {
    TempDir dir;
    CdxjSorterOptions options = Budget(budget);
    options.spill_near = dir.Join("spill");
    CdxjSorter sorter("/dev/full", options);
    ASSERT_TRUE(AddAll(sorter, RandomLines(100, 5)).ok());
    core::Status status = sorter.Finish();
    ASSERT_FALSE(status.ok()) << "budget " << budget;
    EXPECT_EQ(status.code(), core::StatusCode::kIoError);
    EXPECT_NE(status.message().find("/dev/full"), std::string::npos) << status.message();
    EXPECT_TRUE(OtherEntries(dir.path(), "").empty());
  }
}

}  // namespace
}  // namespace newsvault::storage
