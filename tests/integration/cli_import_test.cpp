// End-to-end `newsvault import` (issue 5, item 1): the IIPC / Heritrix
// samples, WARCs written by wget against the loopback server (chunked and gzip
// responses, --warc-dedup revisits), damaged copies, a second import of the
// same file, and export -> import -> export keeping every record's URL, date,
// status and payload digest, with warc-validate --strict clean on both files.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/digest.h"
#include "storage/archive.h"
#include "storage/zip_writer.h"
#include "tests/integration/cli_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_server.h"
#include "tests/support/warc_test_reader.h"
#include "tests/support/warc_validator.h"

namespace newsvault::testing {
namespace {

std::string Sample(const std::string& name) {
  return std::string(kSharedDir) + "/eval/warc-samples/" + name;
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// The first record of `path` of type `type` (and URI containing `uri_part`).
ParsedWarcRecord FirstRecord(const std::string& path, const std::string& type,
                             const std::string& uri_part = "") {
  ParsedWarcFile file = testing::ReadWarcFile(path);
  for (const ParsedWarcRecord& r : file.records) {
    if (r.Type() == type &&
        r.Field("WARC-Target-URI").value_or("").find(uri_part) != std::string::npos) {
      return r;
    }
  }
  ADD_FAILURE() << "no " << type << " record of " << uri_part << " in " << path << " "
                << file.error;
  return {};
}

class CliImport : public CliTest {
 protected:
  // `import --json FILES`, parsed.
  nlohmann::json Import(const std::vector<std::string>& files, int expected_exit) {
    std::vector<std::string> args = {"import", "--json"};
    args.insert(args.end(), files.begin(), files.end());
    ProcessResult r = Nv(args);
    EXPECT_EQ(r.exit_code, expected_exit) << r.out << r.err;
    return Json(r);
  }
  nlohmann::json History(const std::string& url) {
    ProcessResult r = Nv({"history", url, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json(r);
  }
};

TEST_F(CliImport, HelloWorldSampleImportsOneCaptureWithItsRequest) {
  // Given the IIPC primer's wget WARC (warcinfo, request, response, metadata,
  // resources), we should store one capture with the request wget sent.
  const std::string warc = Sample("hello-world.warc");
  nlohmann::json s = Import({warc}, 0);
  EXPECT_EQ(s["captures"], 1) << s;
  EXPECT_EQ(s["requests_attached"], 1) << s;
  EXPECT_EQ(s["skipped"], 0) << s;
  EXPECT_EQ(s["records_by_type"]["response"], 1) << s;

  ParsedWarcRecord response = FirstRecord(warc, "response");
  const std::string url = *response.Field("WARC-Target-URI");
  nlohmann::json h = History(url);
  ASSERT_EQ(h["captures"].size(), 1u) << h;
  EXPECT_EQ(h["captures"][0]["status"], 200);
  EXPECT_EQ(h["captures"][0]["payload_digest"], *response.Field("WARC-Payload-Digest"));
  EXPECT_EQ(h["captures"][0]["time"], *response.Field("WARC-Date"));

  // The gzip twin holds the same capture: nothing new.
  nlohmann::json again = Import({Sample("hello-world.warc.gz")}, 0);
  EXPECT_EQ(again["captures"], 0) << again;
  EXPECT_EQ(again["duplicates"], 1) << again;
  EXPECT_EQ(History(url)["captures"].size(), 1u);
}

TEST_F(CliImport, HeritrixRevisitWithoutRefersToFindsItsPayloadByDigest) {
  const std::string original = Sample("20130729-heritrix-original.warc.gz");
  const std::string revisit = Sample("20130729-heritrix-revisit-with-http-headers.warc.gz");
  EXPECT_EQ(Import({original}, 0)["captures"], 1);
  nlohmann::json s = Import({revisit}, 0);
  EXPECT_EQ(s["revisit_captures"], 1) << s;
  EXPECT_EQ(s["new_payloads"], 0) << s;

  nlohmann::json h = History("http://www.bl.uk/");
  ASSERT_EQ(h["captures"].size(), 2u) << h;
  const std::string digest = *FirstRecord(original, "response").Field("WARC-Payload-Digest");
  EXPECT_EQ(h["captures"][0]["payload_digest"], digest);
  EXPECT_EQ(h["captures"][1]["payload_digest"], digest);
  EXPECT_EQ(h["captures"][1]["new_payload"], false);
  EXPECT_EQ(h["captures"][1]["time"], *FirstRecord(revisit, "revisit").Field("WARC-Date"));
}

TEST_F(CliImport, RevisitOfAnUnknownPayloadIsSkippedWithItsOffset) {
  nlohmann::json s = Import({Sample("20130729-heritrix-revisit-with-http-headers.warc.gz")}, 1);
  EXPECT_EQ(s["captures"], 0) << s;
  ASSERT_EQ(s["skipped_records"].size(), 1u) << s;
  EXPECT_EQ(s["skipped_records"][0]["reason"], "revisit of a payload not in the archive");
  EXPECT_EQ(s["skipped_records"][0]["offset"], 0);
}

TEST_F(CliImport, ServerNotModifiedRevisitBecomesA304Capture) {
  // WARC 1.1 §6.7.3; the sample stores no HTTP head and ends with one CRLF.
  nlohmann::json s = Import({Sample("20141124-heritrix-server-not-modified.warc.gz")}, 0);
  EXPECT_EQ(s["captures"], 1) << s;
  EXPECT_EQ(s["oddities"], 1) << s;
  nlohmann::json h = History("http://www.bl.uk/");
  ASSERT_EQ(h["captures"].size(), 1u) << h;
  EXPECT_EQ(h["captures"][0]["status"], 304);
  EXPECT_EQ(h["captures"][0]["payload_size"], 0);
  EXPECT_EQ(h["captures"][0]["time"], "2014-11-24T08:13:54Z");
}

TEST_F(CliImport, HeritrixRevisitWithRefersToHeadersSharesTheOriginalsVersion) {
  const std::string original = Sample("20141129-heritrix-original.warc.gz");
  const std::string revisit =
      Sample("20141129-heritrix-revisit-with-http-headers-and-new-warc-headers.warc.gz");
  nlohmann::json s = Import({original, revisit}, 0);
  EXPECT_EQ(s["captures"], 2) << s;
  EXPECT_EQ(s["revisit_captures"], 1) << s;
  EXPECT_EQ(s["new_versions"], 1) << s;
  nlohmann::json h = History("http://bl.uk/subjects/news-media/");
  ASSERT_EQ(h["captures"].size(), 2u) << h;
  ASSERT_EQ(h["versions"].size(), 1u) << h;
  EXPECT_EQ(h["captures"][0]["version"], 1);
  EXPECT_EQ(h["captures"][1]["version"], 1);
  EXPECT_EQ(h["captures"][1]["payload_digest"],
            *FirstRecord(original, "response").Field("WARC-Payload-Digest"));
}

TEST_F(CliImport, MissingFileIsAUsageError) {
  ProcessResult r = Nv({"import", dir_.Join("nope.warc.gz")});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_FALSE(std::filesystem::exists(Db()));
}

TEST_F(CliImport, ArchiveInUseExits3AndImportsNothing) {
  // Given this test process holding the archive open, the import should stop
  // at the lock (DESIGN §1 exit code 3).
  {
    auto held = storage::OpenArchive(Db());
    ASSERT_TRUE(held.ok()) << held.error().message();
    ProcessResult r = Nv({"import", Sample("hello-world.warc")});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("in use"), std::string::npos) << r.err;
  }
  EXPECT_EQ(Nv({"history",
                "http://iipc.github.io/warc-specifications/primers/web-archive-formats/"
                "hello-world.txt"})
                .exit_code,
            1);
}

TEST_F(CliImport, WaczImportsTheWarcsInItsArchiveFolder) {
  // WACZ 1.1.1 keeps its WARCs under archive/; other entries are not WARCs.
  const std::string wacz = dir_.Join("samples.wacz");
  {
    auto zip = storage::ZipWriter::Create(wacz);
    ASSERT_TRUE(zip.ok()) << zip.error().message();
    ASSERT_TRUE((*zip)->AddFile("archive/hello.warc.gz", Sample("hello-world.warc.gz")).ok());
    ASSERT_TRUE(
        (*zip)->AddFile("archive/bl.warc.gz", Sample("20141129-heritrix-original.warc.gz")).ok());
    ASSERT_TRUE((*zip)->AddBytes("pages/pages.jsonl", "{\"format\": \"json-pages-1.0\"}\n").ok());
    ASSERT_TRUE((*zip)->Close().ok());
  }
  nlohmann::json s = Import({wacz}, 0);
  EXPECT_EQ(s["files"], 2) << s;
  EXPECT_EQ(s["captures"], 2) << s;
  EXPECT_EQ(s["requests_attached"], 1) << s;
  EXPECT_EQ(History("http://bl.uk/subjects/news-media/")["captures"].size(), 1u);

  // A damaged entry is reported with the WACZ and entry names; nothing else stops.
  std::string bytes = ReadFileBytes(wacz);
  const size_t at = bytes.find("bl.warc.gz");
  ASSERT_NE(at, std::string::npos);
  for (size_t i = at + 200; i < at + 220; ++i) bytes[i] = static_cast<char>(bytes[i] ^ 0x33);
  const std::string damaged = dir_.Join("damaged.wacz");
  WriteBytes(damaged, bytes);
  ProcessResult r = RunNewsvault({"--db", dir_.Join("db2"), "import", "--json", damaged});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  nlohmann::json d = Json(r);
  EXPECT_EQ(d["captures"], 1) << d;
  ASSERT_EQ(d["skipped_records"].size(), 1u) << d;
  EXPECT_EQ(d["skipped_records"][0]["file"].get<std::string>().rfind(damaged + "#archive/", 0), 0u)
      << d;
}

// WARCs written by wget (Debian's GNU Wget) against the loopback server.
class CliImportWget : public CliImport {
 protected:
  void SetUp() override {
    ASSERT_FALSE(FindWget().empty()) << "wget is needed (scripts/install-deps installs it)";
  }
  static std::string FindWget() {
    for (const char* p : {"/usr/bin/wget", "/bin/wget", "/usr/local/bin/wget"}) {
      if (std::filesystem::exists(p)) return p;
    }
    return "";
  }
  // wget --warc-file=DIR/NAME [extra] URLS; returns DIR/NAME.warc.gz.
  std::string Wget(const std::string& name, std::vector<std::string> extra) {
    std::vector<std::string> argv = {FindWget(),
                                     "--no-verbose",
                                     "--tries=1",
                                     "--delete-after",
                                     "-P",
                                     dir_.Join("wget-" + name),
                                     "--warc-file=" + dir_.Join(name)};
    argv.insert(argv.end(), extra.begin(), extra.end());
    for (const char* path : kPages) argv.push_back(server_.Url(path));
    ProcessResult r = RunProcess(argv);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return dir_.Join(name + ".warc.gz");
  }

  static constexpr const char* kPages[] = {"/story.html", "/gzip.html", "/chunked.html"};
  TestServer server_;
};

TEST_F(CliImportWget, ChunkedGzipAndDedupRevisitsImportWithTheRightCaptures) {
  const std::string first = Wget("first", {"--warc-cdx"});
  // wget's WARC-Date has whole seconds: the second run must not share them.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const std::string second = Wget("second", {"--warc-dedup=" + dir_.Join("first.cdx")});
  ParsedWarcFile second_file = testing::ReadWarcFile(second);
  int revisits = 0;
  for (const ParsedWarcRecord& r : second_file.records) revisits += r.Type() == "revisit";
  ASSERT_EQ(revisits, 3) << "wget wrote no dedup revisits";

  nlohmann::json s = Import({first, second}, 0);
  EXPECT_EQ(s["captures"], 6) << s;
  EXPECT_EQ(s["revisit_captures"], 3) << s;
  EXPECT_EQ(s["requests_attached"], 6) << s;
  EXPECT_EQ(s["new_payloads"], 3) << s;
  EXPECT_EQ(s["skipped"], 0) << s;

  // The articles must be those a crawl makes of the same pages.
  const std::string reference_db = dir_.Join("reference");
  for (const char* path : kPages) {
    ASSERT_EQ(RunNewsvault({"--db", reference_db, "archive", server_.Url(path)}).exit_code, 0);
  }
  int articles = 0;
  for (const char* path : kPages) {
    nlohmann::json h = History(server_.Url(path));
    ASSERT_EQ(h["captures"].size(), 2u) << path << h;
    // The payload is the entity as sent: chunk framing removed, gzip kept.
    const std::string digest = core::Sha1Base32Digest(*server_.BodyOf(path));
    nlohmann::json crawled =
        Json(RunNewsvault({"--db", reference_db, "history", server_.Url(path), "--json"}));
    const int version = crawled["captures"][0]["version"];
    for (const auto& c : h["captures"]) {
      EXPECT_EQ(c["status"], 200) << path;
      EXPECT_EQ(c["payload_digest"], digest) << path << h;
      EXPECT_EQ(c["version"], version) << path << h;
    }
    ASSERT_EQ(h["versions"].size(), crawled["versions"].size()) << path << h;
    if (version > 0) {
      ++articles;
      EXPECT_EQ(h["versions"][0]["title"], crawled["versions"][0]["title"]) << path;
      EXPECT_EQ(h["versions"][0]["text_digest"], crawled["versions"][0]["text_digest"]) << path;
    }
  }
  EXPECT_GE(articles, 2);  // story.html and gzip.html are articles
}

TEST_F(CliImportWget, RevisitsOfAChunkedPageImportedLaterFindTheirPayload) {
  // Given wget's digest of a chunked original (over the framed bytes) and a
  // dedup revisit imported by a later command, we should still find the payload.
  const std::string first = Wget("first", {"--warc-cdx"});
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const std::string second = Wget("second", {"--warc-dedup=" + dir_.Join("first.cdx")});
  EXPECT_EQ(Import({first}, 0)["captures"], 3);
  nlohmann::json s = Import({second}, 0);
  EXPECT_EQ(s["revisit_captures"], 3) << s;
  EXPECT_EQ(s["skipped"], 0) << s;
}

TEST_F(CliImportWget, ImportingTheSameFilesTwiceAddsNothing) {
  const std::string first = Wget("first", {});
  nlohmann::json once = Import({first}, 0);
  ASSERT_EQ(once["captures"], 3) << once;
  nlohmann::json stats_before = Json(Nv({"stats", "--json"}));
  nlohmann::json twice = Import({first}, 0);
  EXPECT_EQ(twice["captures"], 0) << twice;
  EXPECT_EQ(twice["duplicates"], 3) << twice;
  EXPECT_EQ(twice["new_payloads"], 0) << twice;
  EXPECT_EQ(twice["new_versions"], 0) << twice;
  nlohmann::json stats_after = Json(Nv({"stats", "--json"}));
  EXPECT_EQ(stats_after["captures"], stats_before["captures"]);
  EXPECT_EQ(stats_after["versions"], stats_before["versions"]);
}

TEST_F(CliImportWget, CorruptedGzipMemberIsSkippedWithItsOffsetAndTheRestImports) {
  const std::string warc = Wget("first", {});
  ParsedWarcFile parsed = testing::ReadWarcFile(warc);
  ASSERT_TRUE(parsed.error.empty()) << parsed.error;
  const ParsedWarcRecord bad = FirstRecord(warc, "response", "/gzip.html");
  std::string bytes = ReadFileBytes(warc);
  // Flip bytes inside the member's deflate data (past its 10-byte gzip header).
  for (uint64_t i = bad.offset + bad.length / 2; i < bad.offset + bad.length / 2 + 8; ++i) {
    bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
  }
  const std::string damaged = dir_.Join("damaged.warc.gz");
  WriteBytes(damaged, bytes);

  nlohmann::json s = Import({damaged}, 1);
  EXPECT_EQ(s["captures"], 2) << s;
  EXPECT_EQ(s["skipped"], 1) << s;
  ASSERT_EQ(s["skipped_records"].size(), 1u) << s;
  EXPECT_EQ(s["skipped_records"][0]["offset"], bad.offset) << s;
  EXPECT_EQ(s["skipped_records"][0]["file"], damaged);
  EXPECT_EQ(History(server_.Url("/story.html"))["captures"].size(), 1u);
  EXPECT_EQ(History(server_.Url("/chunked.html"))["captures"].size(), 1u);
  EXPECT_EQ(Nv({"history", server_.Url("/gzip.html")}).exit_code, 1);
}

TEST_F(CliImportWget, FileCutOffMidRecordImportsTheRecordsBeforeIt) {
  const std::string warc = Wget("first", {});
  const ParsedWarcRecord last = FirstRecord(warc, "response", "/chunked.html");
  std::string bytes = ReadFileBytes(warc);
  const std::string cut = dir_.Join("cut.warc.gz");
  WriteBytes(cut, bytes.substr(0, last.offset + last.length / 2));

  nlohmann::json s = Import({cut}, 1);
  EXPECT_EQ(s["captures"], 2) << s;
  ASSERT_GE(s["skipped_records"].size(), 1u) << s;
  EXPECT_EQ(s["skipped_records"][0]["offset"], last.offset) << s;
  EXPECT_EQ(s["skipped_records"][0]["reason"], "unreadable record") << s;
}

// Our own export, read back.
class CliImportRoundTrip : public CliImport {
 protected:
  void ExpectRoundTrip(bool strict);
  TestServer server_;
};

// (type, URI, date, HTTP status line, payload digest) of every record but warcinfo.
using RecordKey = std::tuple<std::string, std::string, std::string, std::string, std::string>;
std::vector<RecordKey> Keys(const std::string& path) {
  ParsedWarcFile file = testing::ReadWarcFile(path);
  EXPECT_TRUE(file.error.empty()) << file.error;
  std::vector<RecordKey> keys;
  for (const ParsedWarcRecord& r : file.records) {
    if (r.Type() == "warcinfo") continue;
    std::string status;
    if (r.Type() == "response" || r.Type() == "revisit") {
      status = r.block.substr(0, r.block.find("\r\n"));
    }
    keys.emplace_back(r.Type(), r.Field("WARC-Target-URI").value_or(""),
                      r.Field("WARC-Date").value_or(""), status,
                      r.Field("WARC-Payload-Digest").value_or(""));
  }
  return keys;
}

TEST_F(CliImportRoundTrip, ExportImportExportKeepsEveryRecord) {
  // Given pages archived from the loopback server (plain, gzip, chunked, a
  // redirect chain, a 404, an image, an empty body and a revisit), export ->
  // import into an empty archive -> export should give the same records, and
  // both files should pass warc-validate --strict.
  ProcessResult r = Nv({"archive", server_.Url("/story.html"), server_.Url("/gzip.html"),
                        server_.Url("/chunked.html"), server_.Url("/redirect/1"),
                        server_.Url("/missing"), server_.Url("/image.png"), server_.Url("/empty")});
  ASSERT_NE(r.exit_code, 2) << r.err;
  ASSERT_EQ(Nv({"archive", server_.Url("/story.html")}).exit_code, 0);
  ExpectRoundTrip(/*strict=*/true);
  int revisits = 0;
  for (const RecordKey& key : Keys(dir_.Join("b.warc.gz")))
    revisits += std::get<0>(key) == "revisit";
  EXPECT_GE(revisits, 1);
  EXPECT_GE(Keys(dir_.Join("b.warc.gz")).size(), 15u);
}

TEST_F(CliImportRoundTrip, TruncatedChunkedCaptureSurvivesTheRoundTrip) {
  // Given a chunked body cut off by the time limit (WARC-Truncated: time, its
  // payload digest over the bytes as stored), the round trip keeps it; the
  // checker's truncation notice is a warning, so this file is checked unstrict.
  ASSERT_EQ(Nv({"archive", "--timeout", "1", server_.Url("/slow-endless")}).exit_code, 0);
  ASSERT_EQ(Nv({"archive", server_.Url("/story.html")}).exit_code, 0);
  ExpectRoundTrip(/*strict=*/false);
  for (const std::string name : {"a.warc.gz", "b.warc.gz"}) {
    ParsedWarcRecord cut = FirstRecord(dir_.Join(name), "response", "/slow-endless");
    EXPECT_EQ(cut.Field("WARC-Truncated"), "time") << name;
  }
}

void CliImportRoundTrip::ExpectRoundTrip(bool strict) {
  const std::string a = dir_.Join("a.warc.gz");
  ASSERT_EQ(Nv({"export", "--warc", a}).exit_code, 0);

  const std::string db2 = dir_.Join("db2");
  ProcessResult imported = RunNewsvault({"--db", db2, "import", "--json", a});
  ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  nlohmann::json s = Json(imported);
  EXPECT_EQ(s["skipped"], 0) << s;
  const std::string b = dir_.Join("b.warc.gz");
  ProcessResult exported = RunNewsvault({"--db", db2, "export", "--warc", b});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;

  std::vector<RecordKey> keys_a = Keys(a);
  ASSERT_GE(keys_a.size(), 2u);
  EXPECT_EQ(Keys(b), keys_a);
  for (const std::string& path : {a, b}) {
    ValidatorResult v = RunWarcValidate({path}, strict);
    EXPECT_EQ(v.errors, 0) << path << "\n" << v.output;
  }
}

}  // namespace
}  // namespace newsvault::testing
