// Tests for WarcImporter on hand-made WARC files (WARC 1.1 §4-§6): request
// pairing in both orders, resource records, digest checks and the revisits
// of chunked originals (segmented records: warc_importer_segments_test.cpp).
// The real-world samples and wget files are imported end to end in
// tests/integration/cli_import_test.cpp.
#include "crawler/warc_importer.h"

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/digest.h"
#include "tests/support/process.h"

namespace newsvault::crawler {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kUrl = "http://example.com/a.html";
constexpr const char* kDate = "2025-02-04T10:11:12Z";

// One record: version line, WARC-Type, `fields`, Content-Length, block, trailer.
std::string Record(const std::string& type, const Fields& fields, const std::string& block,
                   const std::string& trailer = "\r\n\r\n") {
  std::string out = "WARC/1.1\r\nWARC-Type: " + type + "\r\n";
  for (const auto& [name, value] : fields) out += name + ": " + value + "\r\n";
  out += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + trailer;
  return out;
}

std::string Id(int n) {
  return "<urn:uuid:00000000-0000-4000-8000-" + std::to_string(100000000000 + n) + ">";
}

std::string HttpResponse(const std::string& body, const std::string& extra_headers = "") {
  return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + extra_headers +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

const std::string kRequest = "GET /a.html HTTP/1.1\r\nHost: example.com\r\n\r\n";

class WarcImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::OpenArchive(dir_.Join("db"));
    ASSERT_TRUE(opened.ok()) << opened.error().message();
    archive_ = std::move(*opened);
  }
  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = dir_.Join(name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  ImportSummary Import(const std::string& bytes, WarcImportOptions options = {}) {
    WarcImporter importer(*archive_, options);
    core::Status s = importer.ImportFile(Write("in" + std::to_string(++files_) + ".warc", bytes));
    EXPECT_TRUE(s.ok()) << s.message();
    return importer.summary();
  }
  std::vector<storage::CaptureRecord> Captures(const std::string& url = kUrl) {
    auto c = archive_->Captures(url);
    EXPECT_TRUE(c.ok());
    return c.ok() ? *c : std::vector<storage::CaptureRecord>{};
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Archive> archive_;
  int files_ = 0;
};

TEST_F(WarcImporterTest, RequestBeforeItsResponseIsAttached) {
  // Given wget's order (request, then a response naming it with WARC-Concurrent-To).
  std::string warc =
      Record("request",
             {{"WARC-Record-ID", Id(1)}, {"WARC-Target-URI", kUrl}, {"WARC-Date", kDate}},
             kRequest) +
      Record("response",
             {{"WARC-Record-ID", Id(2)},
              {"WARC-Concurrent-To", Id(1)},
              {"WARC-Target-URI", kUrl},
              {"WARC-Date", kDate}},
             HttpResponse("hello"));
  ImportSummary s = Import(warc);
  EXPECT_EQ(s.captures, 1u);
  EXPECT_EQ(s.requests_attached, 1u);
  auto c = Captures();
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].request_bytes, kRequest);
  EXPECT_EQ(c[0].payload_digest, core::Sha1Base32Digest("hello"));
}

TEST_F(WarcImporterTest, RequestAfterItsResponseIsAttachedByUriAndDate) {
  // Given Heritrix's order and no WARC-Concurrent-To at all, URI + date pair them.
  std::string warc =
      Record("response",
             {{"WARC-Record-ID", Id(2)}, {"WARC-Target-URI", kUrl}, {"WARC-Date", kDate}},
             HttpResponse("hello")) +
      Record("request",
             {{"WARC-Record-ID", Id(1)}, {"WARC-Target-URI", kUrl}, {"WARC-Date", kDate}},
             kRequest);
  ImportSummary s = Import(warc);
  EXPECT_EQ(s.requests_attached, 1u);
  auto c = Captures();
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].request_bytes, kRequest);
}

TEST_F(WarcImporterTest, ResponseWithoutRequestAndOneCrlfEndingStillImports) {
  // WARC 1.1 §4 wants CRLF CRLF after a block; one CRLF is tolerated and counted.
  std::string warc =
      Record("response",
             {{"WARC-Record-ID", Id(1)}, {"WARC-Target-URI", kUrl}, {"WARC-Date", kDate}},
             HttpResponse("one"), "\r\n") +
      Record("response",
             {{"WARC-Record-ID", Id(2)},
              {"WARC-Target-URI", kUrl},
              {"WARC-Date", "2025-02-04T10:11:13.250000Z"}},
             HttpResponse("two"));
  ImportSummary s = Import(warc);
  EXPECT_EQ(s.captures, 2u);
  EXPECT_EQ(s.oddities, 1u);
  EXPECT_EQ(s.skipped, 0u);
  auto c = Captures();
  ASSERT_EQ(c.size(), 2u);
  EXPECT_TRUE(c[0].request_bytes.empty());
  EXPECT_EQ(core::FormatWarcDate(c[1].time), "2025-02-04T10:11:13.250000Z");
}

TEST_F(WarcImporterTest, ResourceOfAnHttpUrlBecomesA200Capture) {
  // WARC 1.1 §6.5: a resource has no HTTP head; we give it one so it replays.
  std::string warc = Record("resource",
                            {{"WARC-Record-ID", Id(1)},
                             {"WARC-Target-URI", "http://example.com/logo.png"},
                             {"WARC-Date", kDate},
                             {"Content-Type", "image/png"}},
                            "\x89PNG-bytes") +
                     Record("resource",
                            {{"WARC-Record-ID", Id(2)},
                             {"WARC-Target-URI", "metadata://wget/log.txt"},
                             {"WARC-Date", kDate},
                             {"Content-Type", "text/plain"}},
                            "log");
  ImportSummary s = Import(warc);
  EXPECT_EQ(s.captures, 1u);
  EXPECT_EQ(s.resource_captures, 1u);
  EXPECT_EQ(s.not_imported["resource of a non-HTTP URL"], 1u);
  auto c = Captures("http://example.com/logo.png");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].status_code, 200);
  EXPECT_EQ(c[0].payload_digest, core::Sha1Base32Digest("\x89PNG-bytes"));
  EXPECT_NE(c[0].response_head.find("Content-Type: image/png\r\n"), std::string::npos);
}

TEST_F(WarcImporterTest, DigestMismatchesAreSkippedWithTheirOffsets) {
  const std::string good = Record("response",
                                  {{"WARC-Record-ID", Id(1)},
                                   {"WARC-Target-URI", kUrl},
                                   {"WARC-Date", kDate},
                                   {"WARC-Payload-Digest", core::Sha1Base32Digest("good")}},
                                  HttpResponse("good"));
  const std::string bad_payload = Record("response",
                                         {{"WARC-Record-ID", Id(2)},
                                          {"WARC-Target-URI", "http://example.com/b"},
                                          {"WARC-Date", kDate},
                                          {"WARC-Payload-Digest", core::Sha1Base32Digest("other")}},
                                         HttpResponse("changed"));
  const std::string bad_block = Record("response",
                                       {{"WARC-Record-ID", Id(3)},
                                        {"WARC-Target-URI", "http://example.com/c"},
                                        {"WARC-Date", kDate},
                                        {"WARC-Block-Digest", core::Sha1Base32Digest("other")}},
                                       HttpResponse("changed"));
  ImportSummary s = Import(good + bad_payload + bad_block);
  EXPECT_EQ(s.captures, 1u);
  ASSERT_EQ(s.skipped_records.size(), 2u);
  EXPECT_EQ(s.skipped_records[0].reason, "payload digest mismatch");
  EXPECT_EQ(s.skipped_records[0].offset, good.size());
  EXPECT_EQ(s.skipped_records[1].reason, "block digest mismatch");
  EXPECT_EQ(s.skipped_records[1].offset, good.size() + bad_payload.size());
}

TEST_F(WarcImporterTest, UnknownDigestAlgorithmIsNoReasonToSkip) {
  ImportSummary s = Import(Record("response",
                                  {{"WARC-Record-ID", Id(1)},
                                   {"WARC-Target-URI", kUrl},
                                   {"WARC-Date", kDate},
                                   {"WARC-Payload-Digest", "md5:00000000000000000000000000000000"}},
                                  HttpResponse("x")));
  EXPECT_EQ(s.captures, 1u);
  EXPECT_EQ(s.skipped, 0u);
}

TEST_F(WarcImporterTest, NonHttpResponsesAreCountedNotStored) {
  // Heritrix writes DNS lookups as response records of dns: URIs.
  ImportSummary s = Import(Record("response",
                                  {{"WARC-Record-ID", Id(1)},
                                   {"WARC-Target-URI", "dns:example.com"},
                                   {"WARC-Date", kDate},
                                   {"Content-Type", "text/dns"}},
                                  "20250204101112\nexample.com. 300 IN A 93.184.216.34\n"));
  EXPECT_EQ(s.captures, 0u);
  EXPECT_EQ(s.skipped, 0u);
  EXPECT_EQ(s.not_imported["response of a non-HTTP URL"], 1u);
}

TEST_F(WarcImporterTest, RecordAboveTheSizeLimitIsSkipped) {
  WarcImportOptions options;
  options.max_record_bytes = 64;
  ImportSummary s =
      Import(Record("response",
                    {{"WARC-Record-ID", Id(1)}, {"WARC-Target-URI", kUrl}, {"WARC-Date", kDate}},
                    HttpResponse(std::string(200, 'x'))),
             options);
  EXPECT_EQ(s.captures, 0u);
  EXPECT_EQ(s.skipped_by_reason["record larger than the import limit"], 1u);
}

class ChunkedRevisit : public WarcImporterTest {
 protected:
  // A chunked original whose WARC-Payload-Digest covers the framed bytes (as
  // wget writes it), and a revisit naming that digest with a chunked head.
  const std::string entity_ = "Hello chunked world";
  const std::string framed_ = "5\r\nHello\r\ne\r\n chunked world\r\n0\r\n\r\n";
  const std::string chunked_head_ =
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n";
  std::string Original() const {
    return Record("response",
                  {{"WARC-Record-ID", Id(1)},
                   {"WARC-Target-URI", kUrl},
                   {"WARC-Date", kDate},
                   {"WARC-Payload-Digest", core::Sha1Base32Digest(framed_)}},
                  chunked_head_ + framed_);
  }
  std::string Revisit() const {
    return Record(
        "revisit",
        {{"WARC-Record-ID", Id(2)},
         {"WARC-Target-URI", kUrl},
         {"WARC-Date", "2025-02-05T00:00:00Z"},
         {"WARC-Profile", "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"},
         {"WARC-Payload-Digest", core::Sha1Base32Digest(framed_)}},
        chunked_head_);
  }
  void ExpectTwoCapturesOfTheEntity() {
    auto c = Captures();
    ASSERT_EQ(c.size(), 2u);
    for (const auto& capture : c) {
      EXPECT_EQ(capture.payload_digest, core::Sha1Base32Digest(entity_));
      EXPECT_EQ(capture.payload_size, entity_.size());
    }
  }
};

TEST_F(ChunkedRevisit, FoundInTheSameImport) {
  ImportSummary s = Import(Original() + Revisit());
  EXPECT_EQ(s.captures, 2u);
  EXPECT_EQ(s.revisit_captures, 1u);
  EXPECT_EQ(s.skipped, 0u);
  ExpectTwoCapturesOfTheEntity();
}

TEST_F(ChunkedRevisit, FoundByAnImportOfItsOwn) {
  EXPECT_EQ(Import(Original()).captures, 1u);
  ImportSummary s = Import(Revisit());
  EXPECT_EQ(s.revisit_captures, 1u);
  EXPECT_EQ(s.skipped, 0u);
  ExpectTwoCapturesOfTheEntity();
}

TEST_F(ChunkedRevisit, OfAnUnknownPayloadIsSkipped) {
  ImportSummary s = Import(Revisit());
  EXPECT_EQ(s.captures, 0u);
  EXPECT_EQ(s.skipped_by_reason["revisit of a payload not in the archive"], 1u);
}

TEST_F(WarcImporterTest, SecondImportOfTheSameFileAddsNothing) {
  std::string warc = Record(
      "response", {{"WARC-Record-ID", Id(1)}, {"WARC-Target-URI", kUrl}, {"WARC-Date", kDate}},
      HttpResponse("same"));
  EXPECT_EQ(Import(warc).captures, 1u);
  ImportSummary again = Import(warc);
  EXPECT_EQ(again.captures, 0u);
  EXPECT_EQ(again.duplicates, 1u);
  EXPECT_EQ(Captures().size(), 1u);
}

}  // namespace
}  // namespace newsvault::crawler
