// `newsvault export --wacz FILE.wacz` (issue 5 item 3): the package's
// structure as WACZ 1.1.1 and ReplayWeb.page need it, read back with a zip
// reader of our own (tests/support/zip_test_reader.h), not with libzip:
// every entry STORED, datapackage.json hashes and sizes matching the entries,
// datapackage-digest.json matching datapackage.json, pages.jsonl lines that
// parse, and CDXJ offsets that point at the records in the archived WARCs.
// Also the CLI rules of `export` about --out/--warc/--wacz and their options.
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/digest.h"
#include "core/timestamp.h"
#include "storage/warc_export.h"
#include "tests/integration/cli_test_util.h"
#include "tests/support/test_server.h"
#include "tests/support/warc_test_reader.h"
#include "tests/support/warc_validator.h"
#include "tests/support/warcio_cdx.h"
#include "tests/support/zip_test_reader.h"

namespace newsvault::testing {
namespace {

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

class WaczExport : public CliTest {
 protected:
  // Article pages (plain, gzip, chunked) captured twice, so the WARCs hold
  // revisits too, plus a redirect and a 404.
  void ArchiveSomePages() {
    ProcessResult r =
        Nv({"archive", server_.Url("/story.html"), server_.Url("/gzip.html"),
            server_.Url("/chunked.html"), server_.Url("/redirect/1"), server_.Url("/missing")});
    ASSERT_NE(r.exit_code, 2) << r.err;
    ProcessResult again = Nv({"archive", server_.Url("/story.html"), server_.Url("/chunked.html")});
    ASSERT_EQ(again.exit_code, 0) << again.err;
  }

  // Runs export --wacz and reads the zip back; fails the test on any fault.
  ZipContents ExportAndRead(const std::string& wacz, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"export", "--wacz", wacz, "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    ProcessResult r = Nv(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    summary_ = Json(r);
    EXPECT_FALSE(std::filesystem::exists(wacz + ".open"));
    ZipContents zip = ReadZip(wacz);
    EXPECT_EQ(zip.error, "");
    return zip;
  }

  // The archive/ entries, written out as files named like the entries.
  std::vector<std::string> ExtractWarcs(const ZipContents& zip) {
    std::filesystem::create_directories(dir_.Join("extracted"));
    std::vector<std::string> paths;
    for (const ZipEntry& e : zip.entries) {
      if (!e.name.starts_with("archive/")) continue;
      paths.push_back(dir_.Join("extracted/" + e.name.substr(8)));
      WriteFile(paths.back(), e.data);
    }
    return paths;
  }

  TestServer server_;
  nlohmann::json summary_;
};

TEST_F(WaczExport, EveryEntryIsStoredAndListedWithItsHash) {
  ArchiveSomePages();
  std::string wacz = dir_.Join("news.wacz");
  ZipContents zip = ExportAndRead(wacz);
  ASSERT_EQ(zip.error, "");

  std::set<std::string> names;
  for (const ZipEntry& e : zip.entries) {
    names.insert(e.name);
    // STORED so ReplayWeb.page can read WARC records by byte range.
    EXPECT_EQ(e.method, 0) << e.name;
    EXPECT_TRUE(e.crc_ok) << e.name;
    EXPECT_EQ(e.size, e.compressed_size) << e.name;
  }
  for (const char* required :
       {"indexes/index.cdx", "pages/pages.jsonl", "datapackage.json", "datapackage-digest.json"}) {
    EXPECT_EQ(names.count(required), 1u) << required;
  }
  std::regex warc_name(R"(archive/news-\d{14}-\d{5}-[A-Za-z0-9.-]+\.warc\.gz)");
  int warcs = 0;
  for (const std::string& n : names) {
    if (!n.starts_with("archive/")) continue;
    EXPECT_TRUE(std::regex_match(n, warc_name)) << n;
    ++warcs;
  }
  EXPECT_EQ(warcs, 1);  // far below the 1 GB default
  EXPECT_EQ(summary_["path"], wacz);
  EXPECT_EQ(summary_["bytes"], std::filesystem::file_size(wacz));

  const ZipEntry* package_entry = zip.Find("datapackage.json");
  ASSERT_NE(package_entry, nullptr);
  nlohmann::json package = nlohmann::json::parse(package_entry->data);
  EXPECT_EQ(package["profile"], "data-package");
  EXPECT_EQ(package["wacz_version"], "1.1.1");
  EXPECT_TRUE(core::ParseIso8601(package["created"].get<std::string>()).ok()) << package.dump();
  EXPECT_EQ(package["software"].get<std::string>().rfind("newsvault/", 0), 0u);
  std::set<std::string> listed;
  for (const auto& resource : package["resources"]) {
    std::string path = resource["path"];
    const ZipEntry* e = zip.Find(path);
    ASSERT_NE(e, nullptr) << path;
    EXPECT_EQ(resource["name"], std::filesystem::path(path).filename().string());
    EXPECT_EQ(resource["hash"], "sha256:" + core::Sha256Hex(e->data)) << path;
    EXPECT_EQ(resource["bytes"], e->data.size()) << path;
    listed.insert(path);
  }
  std::set<std::string> expected_listed = names;
  expected_listed.erase("datapackage.json");
  expected_listed.erase("datapackage-digest.json");
  EXPECT_EQ(listed, expected_listed);

  const ZipEntry* digest_entry = zip.Find("datapackage-digest.json");
  ASSERT_NE(digest_entry, nullptr);
  nlohmann::json digest = nlohmann::json::parse(digest_entry->data);
  EXPECT_EQ(digest["path"], "datapackage.json");
  EXPECT_EQ(digest["hash"], "sha256:" + core::Sha256Hex(package_entry->data));
}

TEST_F(WaczExport, PagesListEveryArticleVersionOnce) {
  ArchiveSomePages();
  ZipContents zip = ExportAndRead(dir_.Join("news.wacz"));
  const ZipEntry* pages = zip.Find("pages/pages.jsonl");
  ASSERT_NE(pages, nullptr);
  std::vector<std::string> lines = NonEmptyLines(pages->data);
  ASSERT_GE(lines.size(), 2u);
  nlohmann::json header = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(header, nlohmann::json::parse(
                        R"({"format":"json-pages-1.0","id":"pages","title":"All Pages"})"));

  // What the WARC's metadata records say the article versions are.
  std::set<std::string> expected;  // "url title"
  for (const std::string& warc : ExtractWarcs(zip)) {
    for (const auto& r : ReadWarcFile(warc).records) {
      if (r.Type() != "metadata") continue;
      expected.insert(*r.Field("WARC-Target-URI") + " " +
                      nlohmann::json::parse(r.block)["title"].get<std::string>());
    }
  }
  std::set<std::string> seen;
  for (size_t i = 1; i < lines.size(); ++i) {
    nlohmann::json page = nlohmann::json::parse(lines[i], nullptr, false);
    ASSERT_FALSE(page.is_discarded()) << lines[i];
    ASSERT_TRUE(page["url"].is_string()) << lines[i];
    ASSERT_TRUE(page["title"].is_string()) << lines[i];
    EXPECT_TRUE(core::ParseIso8601(page["ts"].get<std::string>()).ok()) << lines[i];
    EXPECT_FALSE(page["text"].get<std::string>().empty()) << lines[i];
    EXPECT_TRUE(
        seen.insert(page["url"].get<std::string>() + " " + page["title"].get<std::string>()).second)
        << "twice: " << lines[i];
  }
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(summary_["pages"], lines.size() - 1);
  // The built-in story is among them with its headline.
  EXPECT_NE(pages->data.find(server_.Url("/story.html")), std::string::npos);
}

TEST_F(WaczExport, CdxjOffsetsPointAtTheRecordsInsideTheZip) {
  ArchiveSomePages();
  std::string wacz = dir_.Join("news.wacz");
  ZipContents zip = ExportAndRead(wacz);
  const ZipEntry* index = zip.Find("indexes/index.cdx");
  ASSERT_NE(index, nullptr);
  std::vector<std::string> lines = NonEmptyLines(index->data);
  ASSERT_FALSE(lines.empty());
  EXPECT_TRUE(std::is_sorted(lines.begin(), lines.end()));

  std::vector<std::string> warcs = ExtractWarcs(zip);
  ASSERT_EQ(warcs.size(), 1u);
  std::map<std::string, std::string> records;  // "offset length" -> target URI
  for (const auto& r : ReadWarcFile(warcs[0]).records) {
    records[std::to_string(r.offset) + " " + std::to_string(r.length)] =
        r.Field("WARC-Target-URI").value_or("");
  }
  const ZipEntry* warc_entry = nullptr;
  for (const ZipEntry& e : zip.entries) {
    if (e.name.starts_with("archive/")) warc_entry = &e;
  }
  ASSERT_NE(warc_entry, nullptr);
  const std::string zip_bytes = ReadFileBytes(wacz);
  for (const std::string& line : lines) {
    nlohmann::json j = nlohmann::json::parse(line.substr(line.find('{')));
    EXPECT_EQ("archive/" + j["filename"].get<std::string>(), warc_entry->name);
    std::string where = j["offset"].get<std::string>() + " " + j["length"].get<std::string>();
    ASSERT_EQ(records.count(where), 1u) << line;
    EXPECT_EQ(records[where], j["url"]) << line;
    // What a range reader of the .wacz gets: a gzip member (magic 1f 8b) at
    // the entry's data offset plus the CDXJ offset.
    uint64_t at = warc_entry->data_offset + std::stoull(j["offset"].get<std::string>());
    ASSERT_LT(at + 2, zip_bytes.size());
    EXPECT_EQ(zip_bytes.substr(at, 2), "\x1f\x8b") << line;
  }
  // The same lines warcio.js (ReplayWeb.page's indexer) finds in the WARC.
  std::vector<CdxEntry> expected = ParseCdxEntries(WarcioCdxIndex(warcs[0]));
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(ParseCdxEntries(index->data), expected);

  ValidatorResult v = RunWarcValidate(warcs, /*strict=*/true);
  EXPECT_EQ(v.exit_code, 0) << v.output;
  EXPECT_EQ(v.errors, 0) << v.output;
}

TEST_F(WaczExport, RotatedAndFilteredWaczIndexesEveryWarc) {
  // Given --max-size 3KB the WACZ holds a rotated set; --articles-only keeps
  // the redirect and the 404 out.
  ArchiveSomePages();
  ZipContents zip =
      ExportAndRead(dir_.Join("small.wacz"), {"--max-size", "3KB", "--articles-only"});
  std::vector<std::string> warcs = ExtractWarcs(zip);
  ASSERT_GE(warcs.size(), 2u);
  std::set<std::string> warc_names;
  for (const std::string& w : warcs) warc_names.insert(std::filesystem::path(w).filename());
  const ZipEntry* index = zip.Find("indexes/index.cdx");
  ASSERT_NE(index, nullptr);
  std::set<std::string> indexed_files;
  for (const std::string& line : NonEmptyLines(index->data)) {
    nlohmann::json j = nlohmann::json::parse(line.substr(line.find('{')));
    indexed_files.insert(j["filename"].get<std::string>());
    EXPECT_EQ(j["url"].get<std::string>().find("/redirect/"), std::string::npos) << line;
    EXPECT_EQ(j["url"].get<std::string>().find("/missing"), std::string::npos) << line;
  }
  EXPECT_EQ(indexed_files, warc_names);
  for (const std::string& w : warcs) {
    ValidatorResult v = RunWarcValidate({w}, /*strict=*/true);
    EXPECT_EQ(v.errors, 0) << w << "\n" << v.output;
  }
}

TEST_F(WaczExport, OutWritesARotatedSetWithOneIndex) {
  ArchiveSomePages();
  std::filesystem::create_directories(dir_.Join("set"));
  ProcessResult r = Nv({"export", "--out", dir_.Join("set"), "--prefix", "news", "--max-size",
                        "3KB", "--cdxj", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = Json(r);
  ASSERT_GE(j["paths"].size(), 2u) << r.out;
  std::regex name(R"(news-\d{14}-\d{5}-[A-Za-z0-9.-]+\.warc\.gz)");
  std::vector<std::string> paths;
  for (const auto& p : j["paths"]) {
    paths.push_back(p);
    EXPECT_TRUE(std::regex_match(std::filesystem::path(paths.back()).filename().string(), name))
        << paths.back();
    EXPECT_TRUE(std::filesystem::exists(paths.back()));
  }
  EXPECT_EQ(j["cdxj"]["path"], storage::CdxjPathFor(paths.front()));
  std::set<std::string> indexed_files;
  for (const std::string& line : NonEmptyLines(ReadFileOrEmpty(j["cdxj"]["path"]))) {
    indexed_files.insert(nlohmann::json::parse(line.substr(line.find('{')))["filename"]);
  }
  EXPECT_EQ(indexed_files.size(), paths.size());
  ValidatorResult v = RunWarcValidate(paths, /*strict=*/true);
  EXPECT_EQ(v.exit_code, 0) << v.output;
  EXPECT_EQ(v.errors, 0) << v.output;
}

TEST_F(WaczExport, OptionMistakesAreUsageErrors) {
  ArchiveSomePages();
  struct Case {
    std::vector<std::string> args;
    std::string says;
  };
  std::vector<Case> cases = {
      {{"export"}, "--warc FILE, --out DIR or --wacz FILE"},
      {{"export", "--warc", dir_.Join("a.warc.gz"), "--max-size", "1MB"}, "--max-size"},
      {{"export", "--wacz", dir_.Join("a.wacz"), "--cdxj"}, "--cdxj"},
      {{"export", "--out", dir_.path(), "--max-size", "lots"}, "--max-size"},
      {{"export", "--warc", dir_.Join("a.warc.gz"), "--site", "http://example.com/"}, "--site"},
      {{"export", "--warc", dir_.Join("a.warc.gz"), "--url-prefix", "example.com"}, "--url-prefix"},
      {{"export", "--warc", dir_.Join("a.warc.gz"), "--prefix", "news"}, "--prefix"},
  };
  for (const Case& c : cases) {
    ProcessResult r = Nv(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args.back() << "\n" << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
  }
  EXPECT_EQ(Nv({"export", "--warc", "a", "--wacz", "b"}).exit_code, 2);  // CLI11 excludes
  EXPECT_FALSE(std::filesystem::exists(dir_.Join("a.warc.gz")));
  EXPECT_FALSE(std::filesystem::exists(dir_.Join("a.wacz")));
}

}  // namespace
}  // namespace newsvault::testing
