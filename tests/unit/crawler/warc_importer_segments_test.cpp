// Tests for WarcImporter on segmented records (WARC 1.1 §6.9 'continuation',
// §7 "Record segmentation"): a response cut into 2 and 3 segments, in .warc
// and .warc.gz, interleaved with other records, continuations later in the
// file or in another file, joined into one capture with its article; and
// each broken set (missing, duplicate or orphan segment, total length or
// digest mismatch, too big, too many waiting) skipped with its reason and
// offset while the rest of the file imports.
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/digest.h"
#include "crawler/warc_importer.h"
#include "tests/support/news_fixture_pages.h"
#include "tests/support/process.h"
#include "tests/support/warc_test_reader.h"

namespace newsvault::crawler {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kDate = "2025-02-04T10:11:12Z";
constexpr const char* kOtherUrl = "http://example.com/other.txt";

std::string Record(const std::string& type, const Fields& fields, const std::string& block) {
  std::string out = "WARC/1.1\r\nWARC-Type: " + type + "\r\n";
  for (const auto& [name, value] : fields) out += name + ": " + value + "\r\n";
  return out + "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

std::string Id(int n) {
  return "<urn:uuid:00000000-0000-4000-8000-" + std::to_string(200000000000 + n) + ">";
}

// An unrelated whole record, to interleave with the segments.
std::string Other(int n) {
  const std::string body = "other " + std::to_string(n);
  return Record("response",
                {{"WARC-Record-ID", Id(900 + n)},
                 {"WARC-Target-URI", kOtherUrl},
                 {"WARC-Date", "2025-02-04T10:00:0" + std::to_string(n) + "Z"}},
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\n\r\n" + body);
}

// A fixture news article served as one HTTP response, cut into segments.
class SegmentedResponse {
 public:
  SegmentedResponse() {
    const testing::FixtureHostSpec host = testing::FixtureHosts()[0];
    const testing::FixtureArticleSpec& article = host.articles[0];
    url_ = "http://news.example" + article.path;
    title_ = article.title;
    body_ = testing::FixtureArticleHtml(host, article, testing::FixtureDefaultBodyText(article),
                                        "http://news.example");
    block_ = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
             std::to_string(body_.size()) + "\r\n\r\n" + body_;
  }
  // Cuts the block into `n` segments of near-equal size.
  void Cut(size_t n) {
    parts_.clear();
    const size_t step = block_.size() / n;
    for (size_t i = 0; i < n; ++i) {
      parts_.push_back(block_.substr(i * step, i + 1 == n ? std::string::npos : step));
    }
  }
  // Segment `number` (1-based) as a record; `fields` are added to its header.
  std::string Segment(size_t number, Fields extra = {}) const {
    const std::string& part = parts_.at(number - 1);
    Fields fields = {{"WARC-Target-URI", url_},
                     {"WARC-Date", kDate},
                     {"WARC-Segment-Number", std::to_string(number)},
                     {"WARC-Block-Digest", core::Sha1Base32Digest(part)}};
    if (number == 1) {
      fields.insert(fields.begin(), {"WARC-Record-ID", Id(1)});
      fields.push_back({"Content-Type", "application/http; msgtype=response"});
      fields.push_back({"WARC-Payload-Digest", core::Sha1Base32Digest(body_)});
    } else {
      fields.insert(fields.begin(), {"WARC-Record-ID", Id(static_cast<int>(number))});
      fields.push_back({"WARC-Segment-Origin-ID", Id(1)});
      if (number == parts_.size()) {
        fields.push_back({"WARC-Segment-Total-Length", std::to_string(block_.size())});
      }
    }
    fields.insert(fields.end(), extra.begin(), extra.end());
    return Record(number == 1 ? "response" : "continuation", fields, part);
  }

  std::string url_, title_, body_, block_;
  std::vector<std::string> parts_;
};

class WarcImporterSegments : public ::testing::Test {
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
  // Imports each file of `files` with one importer, then finishes.
  ImportSummary Import(const std::vector<std::string>& files, WarcImportOptions options = {}) {
    WarcImporter importer(*archive_, options);
    int n = 0;
    for (const std::string& bytes : files) {
      core::Status s = importer.ImportFile(Write("in" + std::to_string(++n) + ".warc", bytes));
      EXPECT_TRUE(s.ok()) << s.message();
    }
    importer.Finish();
    return importer.summary();
  }
  std::vector<storage::CaptureRecord> Captures(const std::string& url) {
    auto c = archive_->Captures(url);
    EXPECT_TRUE(c.ok());
    return c.ok() ? *c : std::vector<storage::CaptureRecord>{};
  }
  // The joined capture: URL, status, whole payload and its digest, the article.
  void ExpectJoinedCapture() {
    auto c = Captures(page_.url_);
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].url, page_.url_);
    EXPECT_EQ(c[0].status_code, 200);
    EXPECT_EQ(c[0].payload_digest, core::Sha1Base32Digest(page_.body_));
    EXPECT_EQ(c[0].payload_size, page_.body_.size());
    auto payload = archive_->Payload(c[0].payload_digest);
    ASSERT_TRUE(payload.ok());
    EXPECT_EQ(*payload, page_.body_);
    auto versions = archive_->Versions(page_.url_);
    ASSERT_TRUE(versions.ok());
    ASSERT_EQ(versions->size(), 1u);
    EXPECT_EQ((*versions)[0].article.title, page_.title_);
  }
  // The one listed skip with `reason`, or a failure.
  SkippedRecord OnlySkip(const ImportSummary& s, const std::string& reason) {
    EXPECT_EQ(s.skipped, 1u);
    for (const SkippedRecord& r : s.skipped_records) {
      if (r.reason == reason) return r;
    }
    ADD_FAILURE() << "no skip for " << reason;
    return {};
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Archive> archive_;
  SegmentedResponse page_;
};

TEST_F(WarcImporterSegments, TwoSegmentsInterleavedWithOtherRecordsAreJoined) {
  // Given a response in 2 segments with another record between them.
  page_.Cut(2);
  ImportSummary s = Import({page_.Segment(1) + Other(1) + page_.Segment(2)});
  EXPECT_EQ(s.captures, 2u);
  EXPECT_EQ(s.skipped, 0u) << (s.skipped_records.empty() ? "" : s.skipped_records[0].reason);
  EXPECT_EQ(s.records_by_type["continuation"], 1u);
  EXPECT_EQ(s.new_versions, 1u);
  ExpectJoinedCapture();
  EXPECT_EQ(Captures(kOtherUrl).size(), 1u);
}

TEST_F(WarcImporterSegments, ThreeSegmentsOutOfOrderInAGzipFileAreJoined) {
  // Given one gzip member per record, segment 3 (the last) before segment 2.
  page_.Cut(3);
  std::string gz;
  for (const std::string& r :
       {page_.Segment(1), Other(1), page_.Segment(3), Other(2), page_.Segment(2)}) {
    gz += testing::GzipForTest(r);
  }
  ImportSummary s = Import({gz});
  EXPECT_EQ(s.captures, 3u);
  EXPECT_EQ(s.skipped, 0u);
  ExpectJoinedCapture();
}

TEST_F(WarcImporterSegments, ContinuationsInALaterFileAreJoinedWithTheirRequest) {
  // Given wget's order (request first) and the continuations in a second file.
  page_.Cut(3);
  const std::string request = "GET / HTTP/1.1\r\nHost: news.example\r\n\r\n";
  const std::string request_record = Record(
      "request",
      {{"WARC-Record-ID", Id(50)}, {"WARC-Target-URI", page_.url_}, {"WARC-Date", kDate}}, request);
  ImportSummary s = Import(
      {request_record + page_.Segment(1) + Other(1) + Other(2) + Other(3) + Other(4) + Other(5),
       page_.Segment(2) + page_.Segment(3)});
  EXPECT_EQ(s.files, 2u);
  EXPECT_EQ(s.skipped, 0u);
  EXPECT_EQ(s.requests_attached, 1u);
  ExpectJoinedCapture();
  EXPECT_EQ(Captures(page_.url_).at(0).request_bytes, request);
}

TEST_F(WarcImporterSegments, JoinedRecordTakesTheLastSegmentsTruncation) {
  page_.Cut(2);
  ImportSummary s = Import({page_.Segment(1) + page_.Segment(2, {{"WARC-Truncated", "length"}})});
  EXPECT_EQ(s.captures, 1u);
  auto c = Captures(page_.url_);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].truncation, core::Truncation::kLength);
}

TEST_F(WarcImporterSegments, MissingSegmentIsSkippedAtTheEndOfTheImport) {
  page_.Cut(3);
  const std::string first = page_.Segment(1);
  ImportSummary s = Import({first + Other(1) + page_.Segment(3)});
  SkippedRecord r = OnlySkip(s, "incomplete segmented record");
  EXPECT_EQ(r.offset, 0u);
  EXPECT_EQ(r.url, page_.url_);
  EXPECT_TRUE(Captures(page_.url_).empty());
  EXPECT_EQ(Captures(kOtherUrl).size(), 1u);
}

TEST_F(WarcImporterSegments, DuplicateSegmentNumberIsSkipped) {
  page_.Cut(3);
  const std::string head = page_.Segment(1) + page_.Segment(2);
  ImportSummary s = Import({head + page_.Segment(2) + Other(1) + page_.Segment(3)});
  SkippedRecord r = OnlySkip(s, "duplicate segment number");
  EXPECT_EQ(r.offset, head.size());
  EXPECT_TRUE(Captures(page_.url_).empty());
  EXPECT_EQ(Captures(kOtherUrl).size(), 1u);
}

TEST_F(WarcImporterSegments, TotalLengthMismatchIsSkipped) {
  page_.Cut(2);
  std::string last = page_.Segment(2);
  const std::string total = std::to_string(page_.block_.size());
  last.replace(last.find("Total-Length: " + total), 14 + total.size(),
               "Total-Length: " + std::to_string(page_.block_.size() + 1));
  const std::string head = page_.Segment(1) + Other(1);
  ImportSummary s = Import({head + last});
  SkippedRecord r = OnlySkip(s, "segment total length mismatch");
  EXPECT_EQ(r.offset, head.size());
  EXPECT_EQ(r.type, "continuation");
  EXPECT_TRUE(Captures(page_.url_).empty());
  EXPECT_EQ(Captures(kOtherUrl).size(), 1u);
}

TEST_F(WarcImporterSegments, OrphanContinuationIsSkipped) {
  page_.Cut(2);
  const std::string head = Other(1);
  ImportSummary s = Import({head + page_.Segment(2) + Other(2)});
  SkippedRecord r = OnlySkip(s, "orphan continuation");
  EXPECT_EQ(r.offset, head.size());
  EXPECT_EQ(Captures(kOtherUrl).size(), 2u);
}

TEST_F(WarcImporterSegments, SegmentBlockDigestMismatchIsSkipped) {
  page_.Cut(2);
  std::string second = page_.Segment(2);
  second[second.size() - 10] ^= 1;  // a byte of its block
  const std::string head = page_.Segment(1);
  ImportSummary s = Import({head + second + Other(1)});
  SkippedRecord r = OnlySkip(s, "block digest mismatch");
  EXPECT_EQ(r.offset, head.size());
  EXPECT_TRUE(Captures(page_.url_).empty());
  EXPECT_EQ(Captures(kOtherUrl).size(), 1u);
}

TEST_F(WarcImporterSegments, PayloadDigestIsCheckedOnTheJoinedPayload) {
  // §7: the first segment's WARC-Payload-Digest covers the logical payload,
  // so a digest of the first segment's part of the body alone is a mismatch.
  page_.Cut(2);
  std::string first = page_.Segment(1);
  const std::string whole = core::Sha1Base32Digest(page_.body_);
  first.replace(first.find(whole), whole.size(), core::Sha1Base32Digest(page_.body_.substr(0, 10)));
  ImportSummary s = Import({first + page_.Segment(2)});
  SkippedRecord r = OnlySkip(s, "payload digest mismatch");
  EXPECT_EQ(r.offset, 0u);
  EXPECT_TRUE(Captures(page_.url_).empty());
}

TEST_F(WarcImporterSegments, JoinedBlockAboveTheSizeLimitIsSkipped) {
  page_.Cut(3);
  WarcImportOptions options;
  options.max_record_bytes = page_.block_.size() - 1;  // each segment fits, the whole does not
  const std::string head = page_.Segment(1) + page_.Segment(2);
  ImportSummary s = Import({head + page_.Segment(3) + Other(1)}, options);
  SkippedRecord r = OnlySkip(s, "record larger than the import limit");
  EXPECT_EQ(r.offset, head.size());
  EXPECT_EQ(Captures(kOtherUrl).size(), 1u);
}

TEST_F(WarcImporterSegments, OldestWaitingSetIsGivenUpBeyondTheCap) {
  // Given room for one waiting set, a second first segment pushes the first out.
  page_.Cut(2);
  WarcImportOptions options;
  options.max_pending_segmented = 1;
  const std::string other_first = Record("response",
                                         {{"WARC-Record-ID", Id(77)},
                                          {"WARC-Target-URI", "http://example.com/x"},
                                          {"WARC-Date", kDate},
                                          {"WARC-Segment-Number", "1"}},
                                         "HTTP/1.1 200 OK\r\n");
  ImportSummary s = Import({page_.Segment(1) + other_first + page_.Segment(2)}, options);
  // The page's set is given up, its continuation then has no first segment,
  // and the other set never completes.
  EXPECT_EQ(s.skipped, 3u);
  EXPECT_EQ(s.skipped_by_reason["incomplete segmented record"], 2u);
  EXPECT_EQ(s.skipped_by_reason["orphan continuation"], 1u);
  EXPECT_TRUE(Captures(page_.url_).empty());
}

}  // namespace
}  // namespace newsvault::crawler
