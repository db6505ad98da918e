// End-to-end `newsvault index`: our CDXJ must agree with warcio.js's
// `cdx-index` (the indexer ReplayWeb.page and WACZ tools use) on which records
// are indexed and on URL, timestamp, status, digest, offset and length of
// every one, for the shared samples written by other tools and for WARCs our
// own exporter writes (issue 5, item 4). warcio.js is required: a missing
// node or warcio fails the test, it never skips.

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/article.h"
#include "core/http_exchange.h"
#include "core/http_message.h"
#include "storage/archive.h"
#include "storage/warc_export.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_server.h"
#include "tests/support/warc_test_reader.h"
#include "tests/support/warcio_cdx.h"

namespace newsvault {
namespace {

using testing::ProcessResult;
using testing::TempDir;

std::string SamplesDir() { return std::string(testing::kSharedDir) + "/eval/warc-samples"; }

std::vector<std::string> SampleFiles() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(SamplesDir())) {
    std::string name = entry.path().filename().string();
    if (name.size() > 5 && (name.ends_with(".warc") || name.ends_with(".warc.gz"))) {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

void ExpectAgreesWithWarcio(const std::string& path) {
  SCOPED_TRACE(path);
  ProcessResult ours = testing::RunNewsvault({"index", path});
  EXPECT_EQ(ours.exit_code, 0) << ours.err;
  EXPECT_EQ(ours.err, "");
  std::vector<testing::CdxEntry> expected = testing::ParseCdxEntries(testing::WarcioCdxIndex(path));
  std::vector<testing::CdxEntry> got = testing::ParseCdxEntries(ours.out);
  ASSERT_FALSE(expected.empty()) << "warcio indexed nothing";
  EXPECT_EQ(got, expected) << "ours:\n" << ours.out;
  // Our lines are sorted bytewise (LC_ALL=C), as pywb and WACZ require.
  std::vector<std::string> lines;
  std::istringstream in(ours.out);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  EXPECT_TRUE(std::is_sorted(lines.begin(), lines.end()));
}

TEST(CliIndex, AgreesWithWarcioOnEverySampleFile) {
  std::vector<std::string> files = SampleFiles();
  ASSERT_GE(files.size(), 7u) << "samples missing from " << SamplesDir();
  for (const std::string& file : files) ExpectAgreesWithWarcio(file);
}

// --- A WARC our exporter writes: responses, revisits, a 404, a redirect,
// chunked and gzip bodies, and article metadata records. ---

core::Timestamp At(int h, int mi) {
  using namespace std::chrono;
  return sys_days{year{2025} / month{2} / day{4}} + hours{h} + minutes{mi} + microseconds{250000};
}

core::HttpExchange Exchange(const std::string& url, core::Timestamp when, const std::string& head,
                            const std::string& body) {
  core::HttpExchange e;
  e.url = url;
  size_t host_end = url.find('/', 8);
  e.request_bytes = "GET " + url.substr(host_end) +
                    " HTTP/1.1\r\nHost: " + url.substr(8, host_end - 8) +
                    "\r\nUser-Agent: newsvault-test\r\n\r\n";
  e.response_head = head;
  e.response_body = body;
  auto parsed = core::ParseResponseHead(head);
  EXPECT_TRUE(parsed.ok());
  if (parsed.ok()) {
    e.status_code = parsed->status_code;
    e.reason = parsed->reason;
    e.headers = parsed->headers;
  }
  e.remote_ip = "127.0.0.1";
  e.started = when;
  return e;
}

core::Article Story(const std::string& url, const std::string& title) {
  core::Article a;
  a.url = url;
  a.title = title;
  a.body_text = "The bridge opened today after years of work.";
  a.word_count = 8;
  return a;
}

class CliIndexOwnExport : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::OpenArchive(dir_.Join("db"));
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    archive_ = std::move(*opened);
    storage::Archive* archive = archive_.get();
    const std::string story = "https://www.news.example/2025/02/04/bridge.html";
    const std::string html =
        "<html><head><title>Bridge</title></head><body><p>Open.</p></body></html>";
    const std::string gz = testing::GzipForTest(html);
    const std::string gz_head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        "Content-Encoding: gzip\r\nContent-Length: " +
        std::to_string(gz.size()) + "\r\n\r\n";
    core::Article article = Story(story, "Bridge opens");
    Store(*archive, Exchange(story, At(10, 0), gz_head, gz), &article);
    Store(*archive, Exchange(story, At(11, 0), gz_head, gz), &article);  // a revisit
    Store(*archive,
          Exchange(
              "https://news.example/live?b=2&a=1", At(10, 5),
              "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n",
              "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"),
          nullptr);
    Store(*archive,
          Exchange("https://news.example/missing", At(10, 10),
                   "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\n",
                   "not found"),
          nullptr);
    Store(*archive,
          Exchange("https://news.example/old", At(10, 15),
                   "HTTP/1.1 301 Moved Permanently\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n",
                   ""),
          nullptr);
  }

  static void Store(storage::Archive& archive, const core::HttpExchange& e,
                    const core::Article* article) {
    auto stored = archive.StoreCapture(e, article);
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  }

  std::string Export(const std::string& name) {
    storage::ExportOptions options;
    options.path = dir_.Join(name);
    auto report = storage::ExportWarc(*archive_, options);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return options.path;
  }

  TempDir dir_;
  std::unique_ptr<storage::Archive> archive_;
};

TEST_F(CliIndexOwnExport, AgreesWithWarcioOnOurGzippedWarc) {
  ExpectAgreesWithWarcio(Export("ours.warc.gz"));
}

TEST_F(CliIndexOwnExport, AgreesWithWarcioOnOurPlainWarc) {
  ExpectAgreesWithWarcio(Export("ours.warc"));
}

TEST(CliIndex, AgreesWithWarcioOnAWgetWarc) {
  // Given a WARC written by wget (Debian's) from pages on a loopback server,
  // including gzip, chunked, a redirect and a 404, we should index it as
  // warcio.js does.
  std::string wget = testing::FindOnPath("wget");
  ASSERT_FALSE(wget.empty()) << "wget is needed to make a wget WARC: apt-get install wget";
  testing::TestServer server;
  TempDir dir;
  ProcessResult r = testing::RunProcess({wget, "-q", "--tries=1", "--warc-file=" + dir.Join("wget"),
                                         "-O", "/dev/null", server.Url("/story.html"),
                                         server.Url("/gzip.html"), server.Url("/chunked.html"),
                                         server.Url("/redirect/1"), server.Url("/missing")});
  // wget exits 8 when a URL answered with an error status (the 404): expected.
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 8) << r.exit_code << " " << r.err;
  ASSERT_TRUE(std::filesystem::exists(dir.Join("wget.warc.gz")));
  ExpectAgreesWithWarcio(dir.Join("wget.warc.gz"));
}

// --- Damaged and missing files. ---

TEST(CliIndex, IndexesTheGoodRecordsOfACorruptedFileAndExitsOne) {
  // Given a copy of the primer .warc.gz with the response member damaged, we
  // should still index the other records, name the bad one's offset on
  // stderr, and exit 1.
  std::string sample = SamplesDir() + "/hello-world.warc.gz";
  testing::ParsedWarcFile members = testing::ReadWarcFile(sample);
  ASSERT_EQ(members.records.size(), 6u);
  const testing::ParsedWarcRecord& response = members.records[2];
  ASSERT_EQ(response.Type(), "response");
  std::string bytes = testing::ReadFileBytes(sample);
  for (uint64_t i = 0; i < 6; ++i) bytes[response.offset + response.length / 2 + i] ^= 0x33;
  TempDir dir;
  std::string path = dir.Join("broken.warc.gz");
  {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }
  ProcessResult r = testing::RunNewsvault({"index", path});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("offset " + std::to_string(response.offset) + ":"), std::string::npos)
      << r.err;
  std::vector<testing::CdxEntry> got = testing::ParseCdxEntries(r.out);
  std::vector<testing::CdxEntry> all = testing::ParseCdxEntries(testing::WarcioCdxIndex(sample));
  ASSERT_EQ(all.size(), 4u);
  ASSERT_EQ(got.size(), 3u) << r.out;
  for (const testing::CdxEntry& e : got) {
    EXPECT_NE(std::find(all.begin(), all.end(), e), all.end()) << e;
    EXPECT_NE(e.offset, std::to_string(response.offset));
  }
}

TEST(CliIndex, ExitsTwoWhenAFileCannotBeOpenedButIndexesTheOthers) {
  ProcessResult r = testing::RunNewsvault(
      {"index", "/nonexistent/none.warc.gz", SamplesDir() + "/hello-world.warc.gz"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/none.warc.gz"), std::string::npos) << r.err;
  EXPECT_EQ(testing::ParseCdxEntries(r.out).size(), 4u) << r.out;
}

}  // namespace
}  // namespace newsvault
