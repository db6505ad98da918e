// End-to-end `newsvault export --warc FILE --cdxj` (issue 5, item 2): pages
// archived from a loopback server are exported with their index, which must
// equal, line for line, `newsvault index` on the exported WARC and agree with
// warcio.js `cdx-index` on URL, timestamp, status, digest, offset and length.
// warcio.js is required: a missing node or warcio fails the test.

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/integration/cli_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_server.h"
#include "tests/support/warcio_cdx.h"

namespace newsvault::testing {
namespace {

class CliExportCdxj : public CliTest {
 protected:
  // Archives a story twice (the second capture becomes a revisit), gzip and
  // chunked bodies, a redirect and a 404.
  void ArchiveSomePages() {
    ProcessResult r =
        Nv({"archive", server_.Url("/story.html"), server_.Url("/gzip.html"),
            server_.Url("/chunked.html"), server_.Url("/redirect/1"), server_.Url("/missing")});
    ASSERT_NE(r.exit_code, 2) << r.err;
    ProcessResult again = Nv({"archive", server_.Url("/story.html")});
    ASSERT_EQ(again.exit_code, 0) << again.err;
  }

  TestServer server_;
};

TEST_F(CliExportCdxj, IndexEqualsNewsvaultIndexAndAgreesWithWarcio) {
  ArchiveSomePages();
  std::filesystem::create_directories(dir_.Join("out"));
  std::string warc = dir_.Join("out/news.warc.gz");
  ProcessResult r = Nv({"export", "--warc", warc, "--cdxj", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string cdxj = dir_.Join("out/news.cdxj");
  nlohmann::json summary = Json(r);
  EXPECT_EQ(summary["cdxj"]["path"], cdxj) << r.out;
  ASSERT_TRUE(std::filesystem::exists(cdxj));
  EXPECT_FALSE(std::filesystem::exists(cdxj + ".open"));

  std::string written = ReadFileOrEmpty(cdxj);
  ProcessResult index = RunNewsvault({"index", warc});
  ASSERT_EQ(index.exit_code, 0) << index.err;
  EXPECT_EQ(NonEmptyLines(written), NonEmptyLines(index.out));
  EXPECT_EQ(summary["cdxj"]["lines"], NonEmptyLines(written).size());
  // A revisit is among them, so the second archive run was indexed as one.
  EXPECT_NE(written.find("\"mime\":\"warc/revisit\""), std::string::npos) << written;

  std::vector<CdxEntry> expected = ParseCdxEntries(WarcioCdxIndex(warc));
  ASSERT_FALSE(expected.empty()) << "warcio indexed nothing";
  EXPECT_EQ(ParseCdxEntries(written), expected) << "ours:\n" << written;
}

TEST_F(CliExportCdxj, PlainWarcIndexAgreesWithWarcio) {
  ArchiveSomePages();
  std::string warc = dir_.Join("news.warc");
  ProcessResult r = Nv({"export", "--warc", warc, "--cdxj"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("news.cdxj"), std::string::npos) << r.out;
  std::string written = ReadFileOrEmpty(dir_.Join("news.cdxj"));
  EXPECT_EQ(NonEmptyLines(written), NonEmptyLines(RunNewsvault({"index", warc}).out));
  std::vector<CdxEntry> expected = ParseCdxEntries(WarcioCdxIndex(warc));
  ASSERT_FALSE(expected.empty()) << "warcio indexed nothing";
  EXPECT_EQ(ParseCdxEntries(written), expected) << "ours:\n" << written;
}

TEST_F(CliExportCdxj, WithoutTheFlagNoIndexIsWritten) {
  ArchiveSomePages();
  std::string warc = dir_.Join("news.warc.gz");
  ProcessResult r = Nv({"export", "--warc", warc, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(Json(r).contains("cdxj")) << r.out;
  EXPECT_TRUE(std::filesystem::exists(warc));
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".cdxj"), std::string::npos) << entry.path();
  }
}

}  // namespace
}  // namespace newsvault::testing
