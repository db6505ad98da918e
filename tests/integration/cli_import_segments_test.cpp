// End-to-end `newsvault import` of segmented records (WARC 1.1 §6.9, §7):
// a news page's response cut into 3 segments across two .warc.gz files
// (the first segment with its request among other records, the
// continuations in the next file) becomes one capture with its article; the
// first file alone ends with the set reported incomplete (exit 1).
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/digest.h"
#include "storage/archive.h"
#include "tests/integration/cli_test_util.h"
#include "tests/support/news_fixture_pages.h"
#include "tests/support/warc_test_reader.h"

namespace newsvault::testing {
namespace {

constexpr const char* kDate = "2026-11-27T08:30:00Z";
constexpr const char* kOriginId = "<urn:uuid:6f1c1d52-0000-4000-8000-000000000001>";

std::string Record(const std::string& type,
                   const std::vector<std::pair<std::string, std::string>>& fields,
                   const std::string& block) {
  std::string out = "WARC/1.1\r\nWARC-Type: " + type + "\r\n";
  for (const auto& [name, value] : fields) out += name + ": " + value + "\r\n";
  out += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
  return GzipForTest(out);  // one gzip member per record (record-at-time compression)
}

class CliImportSegments : public CliTest {
 protected:
  void SetUp() override {
    const FixtureHostSpec host = FixtureHosts()[1];
    const FixtureArticleSpec& article = host.articles[0];
    url_ = "https://" + host.name + ".example" + article.path;
    title_ = article.title;
    body_ = FixtureArticleHtml(host, article, FixtureDefaultBodyText(article),
                               "https://" + host.name + ".example");
    const std::string block =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
        std::to_string(body_.size()) + "\r\n\r\n" + body_;
    const size_t third = block.size() / 3;
    const std::string parts[] = {block.substr(0, third), block.substr(third, third),
                                 block.substr(2 * third)};

    std::string first =
        Record("warcinfo",
               {{"WARC-Record-ID", "<urn:uuid:6f1c1d52-0000-4000-8000-000000000010>"},
                {"WARC-Date", kDate},
                {"Content-Type", "application/warc-fields"}},
               "software: hand-made segmented sample\r\n");
    first += Record("request",
                    {{"WARC-Record-ID", "<urn:uuid:6f1c1d52-0000-4000-8000-000000000011>"},
                     {"WARC-Target-URI", url_},
                     {"WARC-Date", kDate},
                     {"WARC-Concurrent-To", kOriginId}},
                    "GET " + article.path + " HTTP/1.1\r\nHost: " + host.name + ".example\r\n\r\n");
    first_segment_offset_ = first.size();
    first += Record("response",
                    {{"WARC-Record-ID", kOriginId},
                     {"WARC-Target-URI", url_},
                     {"WARC-Date", kDate},
                     {"Content-Type", "application/http; msgtype=response"},
                     {"WARC-Segment-Number", "1"},
                     {"WARC-Block-Digest", core::Sha1Base32Digest(parts[0])},
                     {"WARC-Payload-Digest", core::Sha1Base32Digest(body_)}},
                    parts[0]);
    first += Record("metadata",
                    {{"WARC-Record-ID", "<urn:uuid:6f1c1d52-0000-4000-8000-000000000012>"},
                     {"WARC-Target-URI", url_},
                     {"WARC-Date", kDate},
                     {"Content-Type", "application/warc-fields"}},
                    "via: hand-made\r\n");
    std::string second;
    for (int n = 2; n <= 3; ++n) {
      std::vector<std::pair<std::string, std::string>> fields = {
          {"WARC-Record-ID",
           "<urn:uuid:6f1c1d52-0000-4000-8000-00000000002" + std::to_string(n) + ">"},
          {"WARC-Target-URI", url_},
          {"WARC-Date", kDate},
          {"WARC-Segment-Origin-ID", kOriginId},
          {"WARC-Segment-Number", std::to_string(n)},
          {"WARC-Block-Digest", core::Sha1Base32Digest(parts[n - 1])}};
      if (n == 3) fields.push_back({"WARC-Segment-Total-Length", std::to_string(block.size())});
      second += Record("continuation", fields, parts[n - 1]);
    }
    first_file_ = dir_.Join("part-00000.warc.gz");
    second_file_ = dir_.Join("part-00001.warc.gz");
    std::ofstream(first_file_, std::ios::binary) << first;
    std::ofstream(second_file_, std::ios::binary) << second;
  }
  nlohmann::json Import(const std::vector<std::string>& files, int expected_exit) {
    std::vector<std::string> args = {"import", "--json"};
    args.insert(args.end(), files.begin(), files.end());
    ProcessResult r = Nv(args);
    EXPECT_EQ(r.exit_code, expected_exit) << r.out << r.err;
    return Json(r);
  }

  std::string url_, title_, body_, first_file_, second_file_;
  size_t first_segment_offset_ = 0;
};

TEST_F(CliImportSegments, ResponseInSegmentsAcrossTwoFilesImportsAsOneCapture) {
  nlohmann::json s = Import({first_file_, second_file_}, 0);
  EXPECT_EQ(s["captures"], 1) << s;
  EXPECT_EQ(s["requests_attached"], 1) << s;
  EXPECT_EQ(s["new_versions"], 1) << s;
  EXPECT_EQ(s["skipped"], 0) << s;
  EXPECT_EQ(s["records_by_type"]["continuation"], 2) << s;

  ProcessResult h = Nv({"history", url_, "--json"});
  ASSERT_EQ(h.exit_code, 0) << h.err;
  nlohmann::json history = Json(h);
  ASSERT_EQ(history["captures"].size(), 1u) << history;
  EXPECT_EQ(history["captures"][0]["status"], 200);
  EXPECT_EQ(history["captures"][0]["payload_digest"], core::Sha1Base32Digest(body_));
  ASSERT_EQ(history["versions"].size(), 1u) << history;
  EXPECT_EQ(history["versions"][0]["title"], title_);

  // The archive holds the whole payload, not the first segment's part of it.
  auto archive = storage::OpenArchive(Db());
  ASSERT_TRUE(archive.ok()) << archive.error().message();
  auto payload = (*archive)->Payload(core::Sha1Base32Digest(body_));
  ASSERT_TRUE(payload.ok());
  EXPECT_EQ(*payload, body_);
}

TEST_F(CliImportSegments, FirstFileAloneReportsTheIncompleteRecordWithItsOffset) {
  nlohmann::json s = Import({first_file_}, 1);
  EXPECT_EQ(s["captures"], 0) << s;
  ASSERT_EQ(s["skipped_records"].size(), 1u) << s;
  EXPECT_EQ(s["skipped_records"][0]["reason"], "incomplete segmented record");
  EXPECT_EQ(s["skipped_records"][0]["offset"], first_segment_offset_);
  EXPECT_EQ(s["skipped_records"][0]["file"], first_file_);
}

TEST_F(CliImportSegments, ContinuationsAloneAreOrphans) {
  nlohmann::json s = Import({second_file_}, 1);
  EXPECT_EQ(s["captures"], 0) << s;
  EXPECT_EQ(s["skipped_by_reason"]["orphan continuation"], 2) << s;
}

}  // namespace
}  // namespace newsvault::testing
