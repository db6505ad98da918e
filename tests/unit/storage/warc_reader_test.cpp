// Tests of the streaming WARC reader on files written by other tools (the IIPC
// primer, Heritrix), on damaged copies of them, and on hand-made edge cases
// (WARC 1.1 §4 record layout, Annex D.2 gzip members).
#include "storage/warc_reader.h"

#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/warc_test_reader.h"

namespace newsvault::storage {
namespace {

using testing::TempDir;

std::string Sample(const std::string& name) {
  return std::string(testing::kSharedDir) + "/eval/warc-samples/" + name;
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// A record as the reader delivered it, copied out of the callback.
struct Got {
  std::string type;
  std::string target;
  std::string block;
  uint64_t block_length = 0;
  bool block_complete = true;
  uint64_t offset = 0;
  uint64_t length = 0;
  std::vector<std::string> oddities;
};

struct ReadAll {
  std::vector<Got> records;
  WarcReadReport report;
};

ReadAll Read(const std::string& path, WarcReaderOptions options = {}) {
  ReadAll all;
  auto report = ReadWarcFile(
      path,
      [&](const WarcRecordView& r) {
        all.records.push_back({std::string(r.type()),
                               std::string(r.Field("WARC-Target-URI").value_or("")),
                               std::string(r.block), r.block_length, r.block_complete, r.offset,
                               r.length, r.oddities});
        return core::Status::Ok();
      },
      options);
  EXPECT_TRUE(report.ok()) << report.status().ToString();
  if (report.ok()) all.report = *report;
  return all;
}

std::vector<std::string> Types(const ReadAll& all) {
  std::vector<std::string> types;
  for (const Got& g : all.records) types.push_back(g.type);
  return types;
}

bool HasOddity(const Got& g, const std::string& words) {
  for (const std::string& o : g.oddities) {
    if (o.find(words) != std::string::npos) return true;
  }
  return false;
}

const std::vector<std::string> kPrimerTypes = {"warcinfo", "request",  "response",
                                               "metadata", "resource", "resource"};

TEST(WarcReader, ReadsEveryRecordOfThePlainPrimerFileAtItsOffset) {
  // Given the IIPC primer's uncompressed WARC, we should get its six records in
  // order, each starting where a "WARC/1.0" line starts in the file, with the
  // block exactly Content-Length bytes.
  ReadAll all = Read(Sample("hello-world.warc"));
  EXPECT_EQ(Types(all), kPrimerTypes);
  EXPECT_TRUE(all.report.errors.empty());
  EXPECT_FALSE(all.report.compressed);
  std::string bytes = testing::ReadFileBytes(Sample("hello-world.warc"));
  for (const Got& g : all.records) {
    EXPECT_EQ(bytes.compare(g.offset, 10, "WARC/1.0\r\n"), 0) << g.type << " at " << g.offset;
    // length covers header + block; the record's CRLF CRLF follows it.
    EXPECT_EQ(bytes.compare(g.offset + g.length, 4, "\r\n\r\n"), 0) << g.type;
    EXPECT_EQ(g.block.size(), g.block_length);
    EXPECT_TRUE(g.oddities.empty()) << g.oddities.front();
  }
}

TEST(WarcReader, ReportsGzipMemberOffsetsAndCompressedLengths) {
  // Given .warc.gz files with one member per record, we should report each
  // record at its member's start with the member's compressed length, as the
  // independent test reader (zlib, member by member) finds them.
  for (const std::string name :
       {"hello-world.warc.gz", "20130729-heritrix-original.warc.gz",
        "20130729-heritrix-revisit-with-http-headers.warc.gz", "20141129-heritrix-original.warc.gz",
        "20141129-heritrix-revisit-with-http-headers-and-new-warc-headers.warc.gz"}) {
    SCOPED_TRACE(name);
    testing::ParsedWarcFile expected = testing::ReadWarcFile(Sample(name));
    ASSERT_EQ(expected.error, "");
    ReadAll all = Read(Sample(name));
    EXPECT_TRUE(all.report.compressed);
    EXPECT_TRUE(all.report.errors.empty());
    ASSERT_EQ(all.records.size(), expected.records.size());
    for (size_t i = 0; i < expected.records.size(); ++i) {
      EXPECT_EQ(all.records[i].offset, expected.records[i].offset);
      EXPECT_EQ(all.records[i].length, expected.records[i].length);
      EXPECT_EQ(all.records[i].type, expected.records[i].Type());
      EXPECT_EQ(all.records[i].block, expected.records[i].block);
    }
  }
}

TEST(WarcReader, PlainAndGzippedPrimerHoldTheSameRecords) {
  ReadAll plain = Read(Sample("hello-world.warc"));
  ReadAll gz = Read(Sample("hello-world.warc.gz"));
  ASSERT_EQ(plain.records.size(), gz.records.size());
  for (size_t i = 0; i < plain.records.size(); ++i) {
    EXPECT_EQ(plain.records[i].type, gz.records[i].type);
    EXPECT_EQ(plain.records[i].target, gz.records[i].target);
    EXPECT_EQ(plain.records[i].block, gz.records[i].block);
  }
}

TEST(WarcReader, ToleratesARecordEndingWithOneCrlfAndSaysSo) {
  // Given the 2014 Heritrix server-not-modified revisit, whose empty block is
  // followed by one CRLF instead of two (WARC 1.1 §4), we should read it and
  // report the oddity, not an error.
  ReadAll all = Read(Sample("20141124-heritrix-server-not-modified.warc.gz"));
  ASSERT_EQ(all.records.size(), 1u);
  EXPECT_TRUE(all.report.errors.empty());
  EXPECT_EQ(all.records[0].type, "revisit");
  EXPECT_EQ(all.records[0].block_length, 0u);
  EXPECT_TRUE(HasOddity(all.records[0], "one CRLF"))
      << ::testing::PrintToString(all.records[0].oddities);
  EXPECT_EQ(all.report.oddities, 1u);
}

TEST(WarcReader, SkipsADamagedGzipMemberAndReadsTheOthers) {
  // Given a copy of the primer .warc.gz with bytes flipped inside the response
  // record's member, we should read the five other records and report one
  // error at that member's offset.
  testing::ParsedWarcFile members = testing::ReadWarcFile(Sample("hello-world.warc.gz"));
  ASSERT_EQ(members.records.size(), 6u);
  const testing::ParsedWarcRecord& victim = members.records[2];
  std::string bytes = testing::ReadFileBytes(Sample("hello-world.warc.gz"));
  for (uint64_t i = victim.offset + victim.length / 2; i < victim.offset + victim.length / 2 + 8;
       ++i) {
    bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
  }
  TempDir dir;
  WriteFile(dir.Join("bad.warc.gz"), bytes);
  ReadAll all = Read(dir.Join("bad.warc.gz"));
  EXPECT_EQ(Types(all),
            (std::vector<std::string>{"warcinfo", "request", "metadata", "resource", "resource"}));
  ASSERT_EQ(all.report.errors.size(), 1u);
  EXPECT_EQ(all.report.errors[0].offset, victim.offset);
  EXPECT_NE(all.report.errors[0].message.find("gzip"), std::string::npos);
  EXPECT_EQ(all.records[2].offset, members.records[3].offset);
}

TEST(WarcReader, ReportsACutOffGzipFileAndKeepsTheWholeRecords) {
  // Given the primer .warc.gz cut in the middle of its last member, we should
  // get the first five records and one "cut off" error at the last member.
  testing::ParsedWarcFile members = testing::ReadWarcFile(Sample("hello-world.warc.gz"));
  ASSERT_EQ(members.records.size(), 6u);
  const testing::ParsedWarcRecord& last = members.records[5];
  std::string bytes = testing::ReadFileBytes(Sample("hello-world.warc.gz"));
  TempDir dir;
  WriteFile(dir.Join("cut.warc.gz"), bytes.substr(0, last.offset + last.length / 2));
  ReadAll all = Read(dir.Join("cut.warc.gz"));
  EXPECT_EQ(all.records.size(), 5u);
  ASSERT_EQ(all.report.errors.size(), 1u);
  EXPECT_EQ(all.report.errors[0].offset, last.offset);
  EXPECT_NE(all.report.errors[0].message.find("cut off"), std::string::npos);
}

TEST(WarcReader, ReportsACutOffPlainFileInsideABlock) {
  std::string bytes = testing::ReadFileBytes(Sample("hello-world.warc"));
  ReadAll whole = Read(Sample("hello-world.warc"));
  ASSERT_EQ(whole.records.size(), 6u);
  TempDir dir;
  WriteFile(dir.Join("cut.warc"),
            bytes.substr(0, whole.records[5].offset + whole.records[5].length - 10));
  ReadAll all = Read(dir.Join("cut.warc"));
  EXPECT_EQ(all.records.size(), 5u);
  ASSERT_EQ(all.report.errors.size(), 1u);
  EXPECT_EQ(all.report.errors[0].offset, whole.records[5].offset);
  EXPECT_NE(all.report.errors[0].message.find("cut off"), std::string::npos);
}

TEST(WarcReader, ResyncsAtTheNextWarcLineAfterABrokenPlainHeader) {
  // Given a plain WARC whose third record lost its version line, we should
  // report that record with its offset and go on with the fourth.
  std::string bytes = testing::ReadFileBytes(Sample("hello-world.warc"));
  ReadAll whole = Read(Sample("hello-world.warc"));
  ASSERT_EQ(whole.records.size(), 6u);
  bytes.replace(whole.records[2].offset, 8, "GARBAGE!");
  TempDir dir;
  WriteFile(dir.Join("bad.warc"), bytes);
  ReadAll all = Read(dir.Join("bad.warc"));
  EXPECT_EQ(Types(all),
            (std::vector<std::string>{"warcinfo", "request", "metadata", "resource", "resource"}));
  ASSERT_EQ(all.report.errors.size(), 1u);
  EXPECT_EQ(all.report.errors[0].offset, whole.records[2].offset);
  EXPECT_EQ(all.records[2].offset, whole.records[3].offset);
}

TEST(WarcReader, ReadsAWholeFileGzipStreamAndFlagsTheSharedMember) {
  // Given a WARC gzipped as one stream (not per record), we should still read
  // every record; offsets can only point at the one member, and we say so.
  std::string plain = testing::ReadFileBytes(Sample("hello-world.warc"));
  TempDir dir;
  WriteFile(dir.Join("whole.warc.gz"), testing::GzipForTest(plain));
  ReadAll all = Read(dir.Join("whole.warc.gz"));
  EXPECT_EQ(Types(all), kPrimerTypes);
  EXPECT_TRUE(all.report.errors.empty());
  for (const Got& g : all.records) {
    EXPECT_EQ(g.offset, 0u);
    EXPECT_TRUE(HasOddity(g, "shares a gzip member")) << g.type;
  }
}

std::string Record(const std::string& version, const std::string& type, const std::string& fields,
                   const std::string& block) {
  return version + "\r\n" + "warc-type: " + type + "\r\n" + fields +
         "content-length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

TEST(WarcReader, ReadsWarc11LowercaseNamesAndUnknownTypes) {
  // WARC 1.1 §4: field names are case-insensitive; §6: readers pass through
  // record types they do not know.
  TempDir dir;
  WriteFile(dir.Join("x.warc"),
            Record("WARC/1.1", "response", "WARC-TARGET-URI: http://a.example/\r\n",
                   "HTTP/1.1 200 OK\r\n\r\nhi") +
                Record("WARC/1.1", "x-custom", "", "custom block"));
  ReadAll all = Read(dir.Join("x.warc"));
  EXPECT_EQ(Types(all), (std::vector<std::string>{"response", "x-custom"}));
  ASSERT_EQ(all.records.size(), 2u);
  EXPECT_EQ(all.records[0].target, "http://a.example/");
  EXPECT_EQ(all.records[1].block, "custom block");
  EXPECT_TRUE(all.report.errors.empty());
}

TEST(WarcReader, ReportsABadContentLengthAndReadsTheNextRecord) {
  TempDir dir;
  std::string broken = "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: lots\r\n\r\nxyz\r\n\r\n";
  WriteFile(dir.Join("x.warc"), broken + Record("WARC/1.1", "resource", "", "ok"));
  ReadAll all = Read(dir.Join("x.warc"));
  ASSERT_EQ(all.records.size(), 1u);
  EXPECT_EQ(all.records[0].block, "ok");
  EXPECT_EQ(all.records[0].offset, broken.size());
  ASSERT_EQ(all.report.errors.size(), 1u);
  EXPECT_EQ(all.report.errors[0].offset, 0u);
  EXPECT_NE(all.report.errors[0].message.find("Content-Length"), std::string::npos);
}

TEST(WarcReader, SkipsAGzipMemberWhoseHeaderCannotBeReadAndGoesOn) {
  // Given a member whose record has no Content-Length (the block cannot be
  // framed), we should report it at offset 0 and read the next member's record.
  TempDir dir;
  std::string first =
      testing::GzipForTest("WARC/1.1\r\nWARC-Type: resource\r\n\r\nWARC/1.1 inside\r\n\r\n");
  WriteFile(dir.Join("x.warc.gz"),
            first + testing::GzipForTest(Record("WARC/1.1", "resource", "", "ok")));
  ReadAll all = Read(dir.Join("x.warc.gz"));
  ASSERT_EQ(all.records.size(), 1u);
  EXPECT_EQ(all.records[0].block, "ok");
  EXPECT_EQ(all.records[0].offset, first.size());
  ASSERT_EQ(all.report.errors.size(), 1u);
  EXPECT_EQ(all.report.errors[0].offset, 0u);
  EXPECT_NE(all.report.errors[0].message.find("Content-Length"), std::string::npos);
}

TEST(WarcReader, ReportsBytesAfterTheLastGzipMember) {
  TempDir dir;
  std::string member = testing::GzipForTest(Record("WARC/1.1", "resource", "", "ok"));
  WriteFile(dir.Join("x.warc.gz"), member + "this is not gzip");
  ReadAll all = Read(dir.Join("x.warc.gz"));
  ASSERT_EQ(all.records.size(), 1u);
  ASSERT_EQ(all.report.errors.size(), 1u);
  EXPECT_EQ(all.report.errors[0].offset, member.size());
}

TEST(WarcReader, HoldsOnlyAPrefixOfABlockBiggerThanTheLimit) {
  // Given a block bigger than max_block_bytes, we should hold only its first
  // bytes, say so, and still find the record after it.
  TempDir dir;
  std::string big(100000, 'b');
  WriteFile(dir.Join("big.warc.gz"),
            testing::GzipForTest(Record("WARC/1.1", "resource", "", big)) +
                testing::GzipForTest(Record("WARC/1.1", "resource", "", "small")));
  WarcReaderOptions options;
  options.max_block_bytes = 1000;
  ReadAll all = Read(dir.Join("big.warc.gz"), options);
  ASSERT_EQ(all.records.size(), 2u);
  EXPECT_EQ(all.records[0].block, big.substr(0, 1000));
  EXPECT_EQ(all.records[0].block_length, big.size());
  EXPECT_FALSE(all.records[0].block_complete);
  EXPECT_EQ(all.records[1].block, "small");
  EXPECT_TRUE(all.records[1].block_complete);
}

TEST(WarcReader, FailsOnlyWhenTheFileCannotBeOpened) {
  auto report = ReadWarcFile("/nonexistent/dir/x.warc",
                             [](const WarcRecordView&) { return core::Status::Ok(); });
  ASSERT_FALSE(report.ok());
  EXPECT_TRUE(report.error().IsNotFound());
}

TEST(WarcReader, StopsWhenTheCallbackFails) {
  int calls = 0;
  auto report = ReadWarcFile(Sample("hello-world.warc"), [&](const WarcRecordView&) {
    ++calls;
    return core::Status::IoError("disk full");
  });
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().message(), "disk full");
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace newsvault::storage
