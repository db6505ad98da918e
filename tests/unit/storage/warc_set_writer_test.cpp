// WarcSetWriter: checklist file names, rotation at the size limit, .open
// files renamed when finished, and nothing left behind by Discard().
#include "storage/warc_set_writer.h"

#include <chrono>
#include <filesystem>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "tests/support/process.h"
#include "tests/support/warc_test_reader.h"

namespace newsvault::storage {
namespace {

using testing::TempDir;

WarcRecord Resource(size_t block_size) {
  WarcRecord r;
  r.type = "resource";
  r.date = core::FromMicros(1'738'663'200'000'000);
  r.content_type = "text/plain";
  r.fields.push_back({"WARC-Target-URI", "urn:test:block"});
  r.block.assign(block_size, 'x');
  return r;
}

std::set<std::string> FilesIn(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    names.insert(e.path().filename().string());
  }
  return names;
}

TEST(WarcSetFileName, FollowsTheChecklistPattern) {
  using namespace std::chrono;
  core::Timestamp t = sys_days{year{2025} / month{2} / day{4}} + hours{10} + minutes{11} +
                      seconds{12} + microseconds{999'999};
  EXPECT_EQ(WarcSetFileName("news", t, 3, "crawler1.example.org"),
            "news-20250204101112-00003-crawler1.example.org.warc.gz");
  EXPECT_EQ(WarcSetFileName("news", t, 123456, "h"), "news-20250204101112-123456-h.warc.gz");
}

TEST(WarcSetFileName, KeepsTheHostOnePathComponent) {
  core::Timestamp t = core::FromMicros(0);
  EXPECT_EQ(WarcSetFileName("p", t, 0, "a/b c_d"), "p-19700101000000-00000-a-b-c-d.warc.gz");
}

TEST(WarcSetWriter, OneFileModeNeverRotates) {
  TempDir dir;
  WarcSetOptions options;
  options.path = dir.Join("one.warc.gz");
  options.max_size = 1;
  auto set = WarcSetWriter::Open(options);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  ASSERT_TRUE((*set)->current().Write(Resource(5000)).ok());
  EXPECT_FALSE((*set)->ReachedLimit());
  ASSERT_TRUE((*set)->Close().ok());
  EXPECT_EQ((*set)->paths(), std::vector<std::string>{options.path});
  EXPECT_EQ(FilesIn(dir.path()), std::set<std::string>{"one.warc.gz"});
}

TEST(WarcSetWriter, RotatesIntoSerialNamedFilesEachRenamedWhenDone) {
  // Given a 3000-byte limit and 1500-byte blocks that do not compress, the
  // limit is reached after two records; Rotate finishes the file.
  TempDir dir;
  WarcSetOptions options;
  options.directory = dir.path();
  options.prefix = "news";
  options.max_size = 3000;
  options.hostname = "test.host";
  auto opened = WarcSetWriter::Open(options);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  WarcSetWriter& set = **opened;
  EXPECT_TRUE(std::filesystem::exists(set.paths()[0] + ".open"));
  EXPECT_FALSE(std::filesystem::exists(set.paths()[0]));

  WarcRecord random = Resource(0);
  uint32_t state = 12345;  // a linear congruential generator: bytes gzip cannot shrink
  for (int i = 0; i < 1500; ++i) {
    state = state * 1664525u + 1013904223u;
    random.block.push_back(static_cast<char>(state >> 24));
  }
  ASSERT_TRUE(set.current().Write(random).ok());
  EXPECT_FALSE(set.ReachedLimit()) << set.current().bytes_written();
  ASSERT_TRUE(set.current().Write(random).ok());
  ASSERT_TRUE(set.ReachedLimit()) << set.current().bytes_written();
  ASSERT_TRUE(set.Rotate().ok());
  EXPECT_FALSE(set.ReachedLimit());
  ASSERT_EQ(set.paths().size(), 2u);
  EXPECT_TRUE(std::filesystem::exists(set.paths()[0]));  // finished: renamed
  EXPECT_TRUE(std::filesystem::exists(set.paths()[1] + ".open"));
  ASSERT_TRUE(set.current().Write(random).ok());
  ASSERT_TRUE(set.Close().ok());

  std::regex name(R"(news-\d{14}-0000([01])-test\.host\.warc\.gz)");
  std::set<std::string> serials;
  for (const std::string& f : FilesIn(dir.path())) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(f, m, name)) << f;
    serials.insert(m[1]);
  }
  EXPECT_EQ(serials, (std::set<std::string>{"0", "1"}));
  EXPECT_EQ(testing::ReadWarcFile(set.paths()[0]).records.size(), 2u);
  EXPECT_EQ(testing::ReadWarcFile(set.paths()[1]).records.size(), 1u);
  EXPECT_EQ(set.bytes_written(), std::filesystem::file_size(set.paths()[0]) +
                                     std::filesystem::file_size(set.paths()[1]));
}

TEST(WarcSetWriter, DiscardRemovesFinishedAndOpenFiles) {
  TempDir dir;
  std::filesystem::create_directories(dir.Join("set"));
  WarcSetOptions options;
  options.directory = dir.Join("set");
  options.max_size = 10;
  auto set = WarcSetWriter::Open(options);
  ASSERT_TRUE(set.ok());
  ASSERT_TRUE((*set)->current().Write(Resource(100)).ok());
  ASSERT_TRUE((*set)->Rotate().ok());
  ASSERT_TRUE((*set)->current().Write(Resource(100)).ok());
  EXPECT_EQ(FilesIn(dir.Join("set")).size(), 2u);
  (*set)->Discard();
  EXPECT_TRUE(FilesIn(dir.Join("set")).empty());
}

TEST(WarcSetWriter, NeverReplacesAnExistingSetFile) {
  TempDir dir;
  WarcSetOptions options;
  options.directory = dir.path();
  options.hostname = "h";
  auto first = WarcSetWriter::Open(options);
  ASSERT_TRUE(first.ok());
  // The same name a second later could be free; within the same second it is
  // taken by the first set's .open file. Retry until both fall in one second.
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto second = WarcSetWriter::Open(options);
    if (second.ok()) {
      (*second)->Discard();
      (*first)->Discard();
      first = WarcSetWriter::Open(options);
      ASSERT_TRUE(first.ok());
      continue;
    }
    EXPECT_EQ(second.status().code(), core::StatusCode::kAlreadyExists);
    EXPECT_NE(second.status().message().find((*first)->paths()[0]), std::string::npos);
    (*first)->Discard();
    return;
  }
  FAIL() << "two sets opened in the same second never collided";
}

TEST(WarcSetWriter, RejectsOptionsThatNameNoFile) {
  TempDir dir;
  WarcSetOptions neither;
  EXPECT_EQ(WarcSetWriter::Open(neither).status().code(), core::StatusCode::kInvalidArgument);
  WarcSetOptions both;
  both.path = dir.Join("a.warc.gz");
  both.directory = dir.path();
  EXPECT_EQ(WarcSetWriter::Open(both).status().code(), core::StatusCode::kInvalidArgument);
  WarcSetOptions slash;
  slash.directory = dir.path();
  slash.prefix = "a/b";
  EXPECT_EQ(WarcSetWriter::Open(slash).status().code(), core::StatusCode::kInvalidArgument);
  WarcSetOptions zero;
  zero.directory = dir.path();
  zero.max_size = 0;
  EXPECT_EQ(WarcSetWriter::Open(zero).status().code(), core::StatusCode::kInvalidArgument);
}

TEST(WarcSetWriter, MissingDirectoryIsAnIoError) {
  TempDir dir;
  WarcSetOptions options;
  options.directory = dir.Join("no/such/dir");
  EXPECT_EQ(WarcSetWriter::Open(options).status().code(), core::StatusCode::kIoError);
}

}  // namespace
}  // namespace newsvault::storage
