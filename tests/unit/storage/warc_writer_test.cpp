// Tests of WarcWriter: one gzip member per record, exact header lines,
// derived fields, and the PATH.open -> PATH life cycle (WARC 1.1 §4, Annex D.2,
// writer checklist "File level").
#include "storage/warc_writer.h"

#include <chrono>
#include <filesystem>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "core/digest.h"
#include "tests/support/process.h"
#include "tests/support/warc_test_reader.h"

namespace newsvault::storage {
namespace {

using testing::ParsedWarcFile;
using testing::ReadWarcFile;
using testing::TempDir;

core::Timestamp At(int y, unsigned mo, unsigned d, int h, int mi, int s, int us) {
  using namespace std::chrono;
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s} +
         microseconds{us};
}

WarcRecord ResponseRecord(std::string block) {
  WarcRecord r;
  r.type = "response";
  r.date = At(2025, 2, 4, 10, 11, 12, 123456);
  r.content_type = "application/http;msgtype=response";
  r.fields = {{"WARC-Target-URI", "http://example.com/a?b=1"}, {"WARC-IP-Address", "127.0.0.1"}};
  r.block = std::move(block);
  return r;
}

bool Exists(const std::string& path) { return std::filesystem::exists(path); }

TEST(WarcWriter, WritesEachRecordAsExactlyOneGzipMember) {
  // Given three records written to a .warc.gz, we should find three gzip
  // members whose offsets and lengths are the ones Write reported, each
  // inflating to exactly one whole record.
  TempDir dir;
  std::string path = dir.Join("out.warc.gz");
  auto writer = WarcWriter::Open(path);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  std::vector<WrittenRecord> written;
  for (std::string block : {"first block", "", "third\r\n\r\nblock with CRLFs"}) {
    auto w = (*writer)->Write(ResponseRecord(block));
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    written.push_back(*w);
  }
  ASSERT_TRUE((*writer)->Close().ok());

  ParsedWarcFile file = ReadWarcFile(path);
  ASSERT_EQ(file.error, "");
  ASSERT_EQ(file.records.size(), 3u);
  uint64_t expected_offset = 0;
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(file.records[i].offset, written[i].offset);
    EXPECT_EQ(file.records[i].offset, expected_offset);
    EXPECT_EQ(file.records[i].length, written[i].length);
    EXPECT_EQ(file.records[i].Field("WARC-Record-ID"), written[i].record_id);
    expected_offset += written[i].length;
  }
  EXPECT_EQ(std::filesystem::file_size(path), expected_offset);
  EXPECT_EQ(file.records[2].block, "third\r\n\r\nblock with CRLFs");
}

TEST(WarcWriter, WritesHeaderLinesInOrderWithDerivedFields) {
  // Given a response record, we should write WARC/1.1, the writer's fields,
  // the caller's fields in order (no <> around the target URI), Content-Type,
  // a sha1 base32 block digest and the exact Content-Length.
  TempDir dir;
  std::string path = dir.Join("one.warc.gz");
  auto writer = WarcWriter::Open(path);
  ASSERT_TRUE(writer.ok());
  auto w = (*writer)->Write(ResponseRecord("hello warc\r\n"));
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*writer)->Close().ok());

  ParsedWarcFile file = ReadWarcFile(path);
  ASSERT_EQ(file.error, "");
  ASSERT_EQ(file.records.size(), 1u);
  const auto& r = file.records[0];
  EXPECT_EQ(r.version, "WARC/1.1");
  std::vector<std::pair<std::string, std::string>> expected = {
      {"WARC-Type", "response"},
      {"WARC-Record-ID", w->record_id},
      {"WARC-Date", "2025-02-04T10:11:12.123456Z"},
      {"WARC-Target-URI", "http://example.com/a?b=1"},
      {"WARC-IP-Address", "127.0.0.1"},
      {"Content-Type", "application/http;msgtype=response"},
      // sha1 of "hello warc\r\n", computed independently (Python hashlib + base64.b32encode).
      {"WARC-Block-Digest", "sha1:VO6NUOUJUDLBBZS2QTEQ3HNNQXJTJU5M"},
      {"Content-Length", "12"},
  };
  EXPECT_EQ(r.fields, expected);
  EXPECT_EQ(w->warc_date, "2025-02-04T10:11:12.123456Z");
  EXPECT_EQ(r.block, "hello warc\r\n");
}

TEST(WarcWriter, BlockDigestAndLengthCoverExactBinaryBlock) {
  // Given a block with NULs, CRs and high bytes, the digest and length must
  // be over exactly those bytes.
  std::string block;
  for (int i = 0; i < 5000; ++i) block.push_back(static_cast<char>((i * 131 + 7) % 256));
  TempDir dir;
  std::string path = dir.Join("bin.warc.gz");
  auto writer = WarcWriter::Open(path);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Write(ResponseRecord(block)).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  ParsedWarcFile file = ReadWarcFile(path);
  ASSERT_EQ(file.error, "");
  ASSERT_EQ(file.records.size(), 1u);
  EXPECT_EQ(file.records[0].block, block);
  EXPECT_EQ(file.records[0].Field("Content-Length"), std::to_string(block.size()));
  EXPECT_EQ(file.records[0].Field("WARC-Block-Digest"), core::Sha1Base32Digest(block));
}

TEST(WarcWriter, HandlesBlocksLargerThanOneCompressionBuffer) {
  // Given 3 MiB of poorly compressible bytes, the member must still inflate to the whole record.
  std::string block(3u << 20, '\0');
  uint32_t x = 12345;
  for (char& c : block) {
    x = x * 1103515245u + 12345u;
    c = static_cast<char>(x >> 24);
  }
  TempDir dir;
  std::string path = dir.Join("big.warc.gz");
  auto writer = WarcWriter::Open(path);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Write(ResponseRecord(block)).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  ParsedWarcFile file = ReadWarcFile(path);
  ASSERT_EQ(file.error, "");
  ASSERT_EQ(file.records.size(), 1u);
  EXPECT_EQ(file.records[0].block, block);
}

TEST(WarcWriter, RecordIdsAreUniqueLowercaseVersion4Uuids) {
  // WARC 1.1 §5.2: globally unique ids; we use random (v4) UUID URNs in <>.
  TempDir dir;
  auto writer = WarcWriter::Open(dir.Join("ids.warc"));
  ASSERT_TRUE(writer.ok());
  const std::regex kUuid(
      "<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}>");
  std::set<std::string> ids;
  for (int i = 0; i < 300; ++i) {
    auto w = (*writer)->Write(ResponseRecord("x"));
    ASSERT_TRUE(w.ok());
    EXPECT_TRUE(std::regex_match(w->record_id, kUuid)) << w->record_id;
    ids.insert(w->record_id);
  }
  EXPECT_EQ(ids.size(), 300u);
}

TEST(WarcWriter, WritesPlainRecordsWhenPathDoesNotEndInGz) {
  // Given a .warc path, records are stored uncompressed and back to back.
  TempDir dir;
  std::string path = dir.Join("plain.warc");
  auto writer = WarcWriter::Open(path);
  ASSERT_TRUE(writer.ok());
  EXPECT_FALSE((*writer)->compressed());
  auto a = (*writer)->Write(ResponseRecord("aaa"));
  auto b = (*writer)->Write(ResponseRecord("bbbb"));
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE((*writer)->Close().ok());

  std::string bytes = testing::ReadFileBytes(path);
  EXPECT_EQ(bytes.substr(0, 10), "WARC/1.1\r\n");
  EXPECT_EQ(bytes.substr(bytes.size() - 8), "bbbb\r\n\r\n");
  EXPECT_EQ(b->offset, a->length);
  EXPECT_EQ(bytes.substr(b->offset, 10), "WARC/1.1\r\n");
  ParsedWarcFile file = ReadWarcFile(path);
  ASSERT_EQ(file.error, "");
  ASSERT_EQ(file.records.size(), 2u);
  EXPECT_EQ(file.records[1].block, "bbbb");
}

TEST(WarcWriter, WritesToOpenSuffixAndRenamesOnClose) {
  // Given an export in progress, only PATH.open exists; Close makes it PATH.
  TempDir dir;
  std::string path = dir.Join("x.warc.gz");
  auto writer = WarcWriter::Open(path);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Write(ResponseRecord("abc")).ok());
  EXPECT_TRUE(Exists(path + ".open"));
  EXPECT_FALSE(Exists(path));
  ASSERT_TRUE((*writer)->Close().ok());
  EXPECT_FALSE(Exists(path + ".open"));
  EXPECT_TRUE(Exists(path));
  EXPECT_EQ(std::filesystem::file_size(path), (*writer)->bytes_written());
}

TEST(WarcWriter, LeavesOpenFileWhenDestroyedWithoutClose) {
  // Given a writer that never closed (a crash), the .open file stays so the
  // export is visibly incomplete, and PATH never appears.
  TempDir dir;
  std::string path = dir.Join("crash.warc.gz");
  {
    auto writer = WarcWriter::Open(path);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Write(ResponseRecord("abc")).ok());
  }
  EXPECT_TRUE(Exists(path + ".open"));
  EXPECT_FALSE(Exists(path));
}

TEST(WarcWriter, DiscardRemovesTheOpenFile) {
  TempDir dir;
  std::string path = dir.Join("failed.warc.gz");
  auto writer = WarcWriter::Open(path);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Write(ResponseRecord("abc")).ok());
  ASSERT_TRUE((*writer)->Discard().ok());
  EXPECT_FALSE(Exists(path + ".open"));
  EXPECT_FALSE(Exists(path));
}

TEST(WarcWriter, FailsWhenTheDirectoryDoesNotExist) {
  // Given a path in a missing directory, we should fail (not create it) and name the path.
  TempDir dir;
  std::string path = dir.Join("missing/out.warc.gz");
  auto writer = WarcWriter::Open(path);
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), core::StatusCode::kIoError);
  EXPECT_NE(writer.status().message().find(path + ".open"), std::string::npos)
      << writer.status().message();
  EXPECT_FALSE(Exists(dir.Join("missing")));
}

TEST(WarcWriter, RejectsFieldValuesWithLineBreaksAndWritesNothing) {
  // WARC 1.1 §4: no folding; a CR or LF in a value would forge header lines.
  TempDir dir;
  auto writer = WarcWriter::Open(dir.Join("bad.warc.gz"));
  ASSERT_TRUE(writer.ok());
  WarcRecord r = ResponseRecord("abc");
  r.fields.push_back({"WARC-Target-URI-Extra", "http://a/\r\nWARC-Type: forged"});
  auto w = (*writer)->Write(r);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_EQ((*writer)->bytes_written(), 0u);
  // The writer stays usable after a rejected record.
  EXPECT_TRUE((*writer)->Write(ResponseRecord("abc")).ok());
}

TEST(WarcWriter, RejectsFieldsTheWriterOwnsAndRepeatedFields) {
  TempDir dir;
  auto writer = WarcWriter::Open(dir.Join("bad.warc.gz"));
  ASSERT_TRUE(writer.ok());
  WarcRecord owned = ResponseRecord("abc");
  owned.fields.push_back({"content-length", "3"});
  EXPECT_EQ((*writer)->Write(owned).status().code(), core::StatusCode::kInvalidArgument);
  WarcRecord repeated = ResponseRecord("abc");
  repeated.fields.push_back({"WARC-Target-URI", "http://example.com/other"});
  EXPECT_EQ((*writer)->Write(repeated).status().code(), core::StatusCode::kInvalidArgument);
  WarcRecord no_type = ResponseRecord("abc");
  no_type.content_type.clear();
  EXPECT_EQ((*writer)->Write(no_type).status().code(), core::StatusCode::kInvalidArgument);
}

TEST(WarcWriter, AllowsRepeatedConcurrentTo) {
  // WARC 1.1 §5.7: WARC-Concurrent-To is the one field that may repeat.
  TempDir dir;
  std::string path = dir.Join("cc.warc");
  auto writer = WarcWriter::Open(path);
  ASSERT_TRUE(writer.ok());
  WarcRecord r = ResponseRecord("abc");
  r.type = "metadata";
  r.fields = {{"WARC-Concurrent-To", "<urn:uuid:a>"}, {"WARC-Concurrent-To", "<urn:uuid:b>"}};
  ASSERT_TRUE((*writer)->Write(r).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  ParsedWarcFile file = ReadWarcFile(path);
  ASSERT_EQ(file.error, "");
  EXPECT_EQ(file.records[0].FieldCount("WARC-Concurrent-To"), 2);
}

TEST(WarcWriter, EmptyBlockHasZeroContentLengthAndEmptyDigest) {
  TempDir dir;
  std::string path = dir.Join("empty.warc.gz");
  auto writer = WarcWriter::Open(path);
  ASSERT_TRUE(writer.ok());
  WarcRecord r = ResponseRecord("");
  r.content_type.clear();  // allowed: nothing to type
  ASSERT_TRUE((*writer)->Write(r).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  ParsedWarcFile file = ReadWarcFile(path);
  ASSERT_EQ(file.error, "");
  EXPECT_EQ(file.records[0].Field("Content-Length"), "0");
  EXPECT_FALSE(file.records[0].Field("Content-Type").has_value());
  // sha1 of "" (RFC 3174 test vector), base32.
  EXPECT_EQ(file.records[0].Field("WARC-Block-Digest"), "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
}

}  // namespace
}  // namespace newsvault::storage
