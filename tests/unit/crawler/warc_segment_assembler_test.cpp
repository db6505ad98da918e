// Tests for WarcSegmentAssembler (WARC 1.1 §7 "Record segmentation") on
// records built in memory: where waiting blocks go (temporary files, removed
// once joined or given up), what the joined record's header says, and the
// segment headers it refuses. The importer's use of it is tested in
// warc_importer_segments_test.cpp.
#include "crawler/warc_segment_assembler.h"

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/process.h"

namespace newsvault::crawler {
namespace {

constexpr const char* kOrigin = "<urn:uuid:11111111-0000-4000-8000-000000000001>";

storage::WarcRecordView View(std::vector<storage::WarcField> fields, std::string_view block) {
  storage::WarcRecordView view;
  view.version = "WARC/1.1";
  view.fields = std::move(fields);
  view.block = block;
  view.block_length = block.size();
  return view;
}

storage::WarcRecordView First(std::string_view block) {
  return View({{"WARC-Type", "resource"},
               {"WARC-Record-ID", kOrigin},
               {"WARC-Target-URI", "http://example.com/big.bin"},
               {"WARC-Date", "2025-02-04T10:11:12Z"},
               {"Content-Type", "application/octet-stream"},
               {"Content-Length", std::to_string(block.size())},
               {"WARC-Segment-Number", "1"}},
              block);
}

storage::WarcRecordView Continuation(std::string number, std::string_view block,
                                     std::optional<uint64_t> total = std::nullopt) {
  std::vector<storage::WarcField> fields = {{"WARC-Type", "continuation"},
                                            {"WARC-Record-ID", "<urn:uuid:c-" + number + ">"},
                                            {"WARC-Segment-Origin-ID", kOrigin},
                                            {"WARC-Segment-Number", number}};
  if (total) fields.push_back({"WARC-Segment-Total-Length", std::to_string(*total)});
  return View(std::move(fields), block);
}

// Files under `dir`, recursively.
size_t FilesUnder(const std::filesystem::path& dir) {
  size_t n = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) ++n;
  }
  return n;
}

class WarcSegmentAssemblerTest : public ::testing::Test {
 protected:
  // Spill files go to a directory of this test (TMPDIR), to be counted.
  void SetUp() override {
    if (const char* old = std::getenv("TMPDIR")) old_tmpdir_ = old;
    ::setenv("TMPDIR", dir_.path().c_str(), 1);
  }
  void TearDown() override {
    if (old_tmpdir_) {
      ::setenv("TMPDIR", old_tmpdir_->c_str(), 1);
    } else {
      ::unsetenv("TMPDIR");
    }
  }
  WarcSegmentAssembler::AddResult Add(WarcSegmentAssembler& a, const storage::WarcRecordView& r) {
    EXPECT_TRUE(WarcSegmentAssembler::IsSegment(r));
    return a.Add(r, InfoOf(r, "test.warc"));
  }

  testing::TempDir dir_;
  std::optional<std::string> old_tmpdir_;
};

TEST_F(WarcSegmentAssemblerTest, WaitingBlocksAreInFilesRemovedOnceJoined) {
  std::optional<WarcSegmentAssembler> a(std::in_place);
  const std::string one = "first part|", two = "second part|", three = "third";
  EXPECT_FALSE(Add(*a, First(one)).joined);
  EXPECT_FALSE(Add(*a, Continuation("2", two)).joined);
  EXPECT_EQ(FilesUnder(dir_.path()), 2u);  // the blocks wait on disk
  WarcSegmentAssembler::AddResult r =
      Add(*a, Continuation("3", three, one.size() + two.size() + three.size()));
  ASSERT_TRUE(r.joined);
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(r.joined->block, one + two + three);
  EXPECT_EQ(FilesUnder(dir_.path()), 0u);
  EXPECT_EQ(a->pending(), 0u);
  a.reset();
  EXPECT_TRUE(std::filesystem::is_empty(dir_.path()));  // its directory is gone too
}

TEST_F(WarcSegmentAssemblerTest, JoinedHeaderIsTheFirstSegmentsWithTheTotalLength) {
  WarcSegmentAssembler a;
  Add(a, First("abc"));
  storage::WarcRecordView last = Continuation("2", "de", 5);
  last.fields.push_back({"WARC-Truncated", "length"});
  WarcSegmentAssembler::AddResult r = Add(a, last);
  ASSERT_TRUE(r.joined);
  storage::WarcRecordView view = r.joined->View();
  EXPECT_EQ(view.type(), "resource");
  EXPECT_EQ(view.Field("WARC-Record-ID"), kOrigin);
  EXPECT_EQ(view.Field("Content-Length"), "5");
  EXPECT_EQ(view.Field("WARC-Truncated"), "length");
  EXPECT_FALSE(view.Field("WARC-Segment-Number"));
  EXPECT_EQ(view.block, "abcde");
  EXPECT_TRUE(view.block_complete);
  EXPECT_FALSE(WarcSegmentAssembler::IsSegment(view));
}

TEST_F(WarcSegmentAssemblerTest, GivingUpRemovesTheWaitingBlocks) {
  WarcSegmentAssembler a;
  Add(a, First("abc"));
  Add(a, Continuation("3", "fg", 7));
  EXPECT_EQ(FilesUnder(dir_.path()), 2u);
  std::vector<WarcSegmentAssembler::Problem> problems = a.Finish();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].reason, "incomplete segmented record");
  EXPECT_EQ(problems[0].detail, "have segment(s) 1, 3 of 3");
  EXPECT_EQ(FilesUnder(dir_.path()), 0u);
}

TEST_F(WarcSegmentAssemblerTest, SegmentHeadersThatBreakTheRulesAreProblems) {
  WarcSegmentAssembler a;
  // §7: a continuation is number 2 or more, and names its first segment.
  auto r = Add(a, Continuation("1", "x"));
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].reason, "invalid WARC-Segment-Number");
  r = Add(a, Continuation("two", "x"));
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].reason, "invalid WARC-Segment-Number");
  r = Add(a, View({{"WARC-Type", "continuation"}, {"WARC-Segment-Number", "2"}}, "x"));
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].reason, "continuation without WARC-Segment-Origin-ID");
  EXPECT_EQ(a.pending(), 0u);
}

TEST_F(WarcSegmentAssemblerTest, SegmentPastTheLastBreaksTheSet) {
  WarcSegmentAssembler a;
  Add(a, First("abc"));
  Add(a, Continuation("3", "fg", 7));  // 3 is the last; 2 is awaited
  auto r = Add(a, Continuation("4", "h"));
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].reason, "segment number after the last segment");
  EXPECT_TRUE(a.Finish().empty());  // reported once, not again as incomplete
}

}  // namespace
}  // namespace newsvault::crawler
