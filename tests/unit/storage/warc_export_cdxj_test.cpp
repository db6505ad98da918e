// Tests of the CDXJ index ExportWarc writes beside the WARC (issue 5, item 2
// `--cdxj`): built from the records as they are written, it must hold exactly
// the lines a reader of the finished WARC (storage::ReadWarcFile +
// storage::CdxjLine, i.e. `newsvault index`) produces, sorted bytewise.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "storage/archive.h"
#include "storage/cdxj.h"
#include "storage/warc_export.h"
#include "storage/warc_reader.h"
#include "tests/support/process.h"
#include "tests/unit/storage/archive_test_util.h"

namespace newsvault::storage {
namespace {

using archive_test::At;
using archive_test::HtmlExchange;
using archive_test::MakeArticle;
using archive_test::MakeExchange;
using testing::TempDir;

std::vector<std::string> FileLines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// What reading the finished WARC back gives, as `newsvault index` does.
std::vector<std::string> IndexByReading(const std::string& warc) {
  std::string filename = std::filesystem::path(warc).filename().string();
  std::vector<std::string> lines;
  auto report = ReadWarcFile(warc, [&](const WarcRecordView& record) {
    if (auto line = CdxjLine(record, filename)) lines.push_back(*line);
    return core::Status::Ok();
  });
  EXPECT_TRUE(report.ok()) << report.status().ToString();
  if (report.ok()) {
    EXPECT_EQ(report->error_count, 0u);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

class WarcExportCdxj : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = OpenArchive(dir_.Join("db"));
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    archive_ = std::move(*opened);
    // A story twice (the second a revisit) with an article version, so a
    // metadata record too; a 404 and a redirect with an empty body; a URL that
    // sorts before the others so file order and index order differ.
    core::Article article = MakeArticle("Bridge opens", "The bridge opened today.");
    Store(HtmlExchange("https://news.example/story", "<p>Bridge</p>", At(1738663200000000)),
          &article);
    Store(HtmlExchange("https://news.example/story", "<p>Bridge</p>", At(1738666800000000)),
          &article);
    Store(MakeExchange("https://news.example/missing",
                       "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n", "gone",
                       At(1738663300000000)),
          nullptr);
    Store(MakeExchange("https://news.example/old",
                       "HTTP/1.1 301 Moved Permanently\r\nLocation: /new\r\n\r\n", "",
                       At(1738663400000000)),
          nullptr);
    Store(HtmlExchange("https://a.example/first", "<p>A</p>", At(1738669999000000)), nullptr);
  }

  void Store(const core::HttpExchange& e, const core::Article* article) {
    auto stored = archive_->StoreCapture(e, article);
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  }

  core::Result<ExportReport> Export(const std::string& warc, const std::string& cdxj,
                                    size_t sort_memory_bytes = kDefaultCdxjSortMemoryBytes) {
    ExportOptions options;
    options.path = warc;
    options.cdxj_path = cdxj;
    options.cdxj_sort_memory_bytes = sort_memory_bytes;
    return ExportWarc(*archive_, options);
  }

  TempDir dir_;
  std::unique_ptr<Archive> archive_;
};

TEST_F(WarcExportCdxj, GzipIndexEqualsWhatReadingTheWarcBackGives) {
  std::string warc = dir_.Join("news.warc.gz");
  std::string cdxj = dir_.Join("news.cdxj");
  auto report = Export(warc, cdxj);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  std::vector<std::string> expected = IndexByReading(warc);
  // 4 responses, 1 revisit, 1 article metadata record.
  ASSERT_EQ(expected.size(), 6u);
  EXPECT_EQ(FileLines(cdxj), expected);
  EXPECT_EQ(report->cdxj_path, cdxj);
  EXPECT_EQ(report->cdxj_lines, 6u);
  EXPECT_FALSE(std::filesystem::exists(cdxj + ".open"));
}

TEST_F(WarcExportCdxj, PlainWarcIndexCountsLengthsWithoutTheTrailer) {
  // Given an uncompressed WARC, offsets are record starts and lengths stop
  // before CRLF CRLF, as the reader (and warcio.js) count them.
  std::string warc = dir_.Join("news.warc");
  std::string cdxj = dir_.Join("news.cdxj");
  ASSERT_TRUE(Export(warc, cdxj).ok());
  std::vector<std::string> expected = IndexByReading(warc);
  ASSERT_EQ(expected.size(), 6u);
  EXPECT_EQ(FileLines(cdxj), expected);
}

TEST_F(WarcExportCdxj, LinesAreSortedBytewiseAndNameTheWarc) {
  std::string cdxj = dir_.Join("out.cdxj");
  ASSERT_TRUE(Export(dir_.Join("out.warc.gz"), cdxj).ok());
  std::vector<std::string> lines = FileLines(cdxj);
  ASSERT_FALSE(lines.empty());
  EXPECT_TRUE(std::is_sorted(lines.begin(), lines.end()));
  EXPECT_EQ(lines.front().rfind("example,a)/first ", 0), 0u) << lines.front();
  for (const std::string& line : lines) {
    EXPECT_NE(line.find("\"filename\":\"out.warc.gz\""), std::string::npos) << line;
    EXPECT_EQ(line.find("warcinfo"), std::string::npos) << line;
  }
}

TEST_F(WarcExportCdxj, IndexSortedThroughSpilledRunsIsTheSameAndLeavesNoTemporaryFile) {
  // Given a sort budget of 0 bytes, every line goes through a run on disk
  // (storage/cdxj_sorter.h); the index must not change, and once the export
  // is done only the WARC and its index are in the folder.
  std::string warc = dir_.Join("out/news.warc.gz");
  std::string cdxj = dir_.Join("out/news.cdxj");
  std::filesystem::create_directory(dir_.Join("out"));
  auto report = Export(warc, cdxj, 0);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(FileLines(cdxj), IndexByReading(warc));
  EXPECT_EQ(report->cdxj_lines, 6u);
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.Join("out"))) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"news.cdxj", "news.warc.gz"}));
}

TEST_F(WarcExportCdxj, WritesNoIndexWithoutACdxjPath) {
  auto report = Export(dir_.Join("news.warc.gz"), "");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->cdxj_path, "");
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
    EXPECT_EQ(entry.path().string().find(".cdxj"), std::string::npos) << entry.path();
  }
}

TEST_F(WarcExportCdxj, FailedExportLeavesNoIndex) {
  // Given a WARC path in a folder that does not exist, the export fails and
  // no index (finished or .open) is left behind.
  std::string cdxj = dir_.Join("news.cdxj");
  auto report = Export(dir_.Join("absent/news.warc.gz"), cdxj);
  EXPECT_FALSE(report.ok());
  EXPECT_FALSE(std::filesystem::exists(cdxj));
  EXPECT_FALSE(std::filesystem::exists(cdxj + ".open"));
}

TEST_F(WarcExportCdxj, UnwritableIndexFailsTheExportAndDiscardsTheWarc) {
  std::string warc = dir_.Join("news.warc.gz");
  auto report = Export(warc, dir_.Join("absent/news.cdxj"));
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code(), core::StatusCode::kIoError);
  EXPECT_FALSE(std::filesystem::exists(warc));
  EXPECT_FALSE(std::filesystem::exists(warc + ".open"));
}

TEST(CdxjPathFor, ReplacesTheWarcExtension) {
  EXPECT_EQ(CdxjPathFor("out/news.warc.gz"), "out/news.cdxj");
  EXPECT_EQ(CdxjPathFor("news.warc"), "news.cdxj");
  EXPECT_EQ(CdxjPathFor("/tmp/a.b.warc.gz"), "/tmp/a.b.cdxj");
}

TEST(CdxjPathFor, AppendsToOtherNames) {
  EXPECT_EQ(CdxjPathFor("out/news.bin"), "out/news.bin.cdxj");
  EXPECT_EQ(CdxjPathFor("out/.warc.gz"), "out/.warc.gz.cdxj");
}

}  // namespace
}  // namespace newsvault::storage
