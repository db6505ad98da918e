// End to end: `newsvault archive` against the loopback test server, then
// show / history / list / stats / export on the archive it made.
#include <string>

#include <gtest/gtest.h>

#include "tests/integration/cli_test_util.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_server.h"
#include "tests/support/warc_validator.h"

namespace newsvault::testing {
namespace {

class CliArchiveTest : public CliTest {
 protected:
  TestServer server_;
};

// Given a news article served on loopback, we should store capture + version 1,
// add a capture but no payload or version for an unchanged re-archive, and a
// version 2 once the page's text changes.
TEST_F(CliArchiveTest, ArchiveRearchiveAndChangeMakeThreeCapturesTwoVersions) {
  const std::string story = ReadFileOrEmpty(std::string(kFixturesDir) + "/pages/story.html");
  ASSERT_FALSE(story.empty());
  server_.SetPage("/news/story.html", "text/html; charset=utf-8", story);
  const std::string url = server_.Url("/news/story.html");

  ProcessResult first = Nv({"archive", "--json", url});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::vector<nlohmann::json> lines = JsonLines(first);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0]["ok"].get<bool>());
  EXPECT_TRUE(lines[0]["article"].get<bool>());
  EXPECT_EQ(lines[0]["version"], 1);
  EXPECT_TRUE(lines[0]["new_version"].get<bool>());
  EXPECT_TRUE(lines[0]["captures"][0]["new_payload"].get<bool>());

  ProcessResult shown = Nv({"show", url});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("Title: "), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("Authors: "), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("Published: 2025-02-04"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("Language: en"), std::string::npos) << shown.out;

  ProcessResult shown_json = Nv({"show", url, "--format", "json"});
  ASSERT_EQ(shown_json.exit_code, 0) << shown_json.err;
  nlohmann::json article = Json(shown_json);
  for (const char* field :
       {"url", "canonical_url", "title", "authors", "published", "modified", "language",
        "site_name", "section", "tags", "description", "lead_image", "images", "body_text",
        "body_html", "word_count", "extractor_version"}) {
    EXPECT_TRUE(article.contains(field)) << "show --format json lacks " << field;
  }
  EXPECT_FALSE(article["title"].get<std::string>().empty());
  EXPECT_FALSE(article["authors"].empty());
  EXPECT_GT(article["word_count"].get<int>(), 100);
  // The body shown is the body stored: the text output carries it too.
  const std::string body = article["body_text"].get<std::string>();
  EXPECT_NE(shown.out.find(body.substr(0, 60)), std::string::npos);

  ProcessResult again = Nv({"archive", "--json", url});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  lines = JsonLines(again);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["version"], 1);
  EXPECT_FALSE(lines[0]["new_version"].get<bool>());
  EXPECT_FALSE(lines[0]["captures"][0]["new_payload"].get<bool>());

  // The newsroom edits the story: one paragraph changes.
  const std::string edited = ReadFileOrEmpty(std::string(kFixturesDir) + "/pages/story-v2.html");
  ASSERT_FALSE(edited.empty());
  server_.SetPage("/news/story.html", "text/html; charset=utf-8", edited);
  ProcessResult third = Nv({"archive", "--json", url});
  ASSERT_EQ(third.exit_code, 0) << third.err;
  lines = JsonLines(third);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["version"], 2);
  EXPECT_TRUE(lines[0]["new_version"].get<bool>());

  ProcessResult history = Nv({"history", url, "--json"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  nlohmann::json h = Json(history);
  ASSERT_EQ(h["captures"].size(), 3u);
  ASSERT_EQ(h["versions"].size(), 2u);
  EXPECT_TRUE(h["captures"][0]["new_payload"].get<bool>());
  EXPECT_FALSE(h["captures"][1]["new_payload"].get<bool>());
  EXPECT_TRUE(h["captures"][2]["new_payload"].get<bool>());
  EXPECT_EQ(h["captures"][1]["payload_digest"], h["captures"][0]["payload_digest"]);

  ProcessResult text_history = Nv({"history", url});
  ASSERT_EQ(text_history.exit_code, 0);
  EXPECT_NE(text_history.out.find("3 captures, 2 versions"), std::string::npos) << text_history.out;

  // --at picks the version current then; version 1 lacks the edit.
  ProcessResult v1 = Nv({"show", url, "--version", "1", "--json"});
  ProcessResult v2 = Nv({"show", url, "--json"});
  ASSERT_EQ(v1.exit_code, 0);
  ASSERT_EQ(v2.exit_code, 0);
  EXPECT_NE(Json(v1)["body_text"], Json(v2)["body_text"]);
  ProcessResult before = Nv({"show", url, "--at", "2000-01-01"});
  EXPECT_EQ(before.exit_code, 1);

  ProcessResult list = Nv({"list", "--json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  std::vector<nlohmann::json> urls = JsonLines(list);
  ASSERT_EQ(urls.size(), 1u);
  EXPECT_EQ(urls[0]["url"], url);
  EXPECT_EQ(urls[0]["captures"], 3);
  EXPECT_EQ(urls[0]["versions"], 2);
  EXPECT_FALSE(urls[0]["title"].get<std::string>().empty());
  EXPECT_TRUE(urls[0].contains("published"));

  ProcessResult stats = Nv({"stats", "--json"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  nlohmann::json s = Json(stats);
  EXPECT_EQ(s["captures"], 3);
  EXPECT_EQ(s["payloads"], 2);
  EXPECT_EQ(s["revisits"], 1);
  EXPECT_EQ(s["versions"], 2);
}

// Given a gzip-encoded page, we should store the compressed bytes as the
// payload and still extract the article from the decoded copy.
TEST_F(CliArchiveTest, GzipPageKeepsCompressedPayloadAndExtracts) {
  const std::string url = server_.Url("/gzip.html");
  ProcessResult r = Nv({"archive", "--json", url});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<nlohmann::json> lines = JsonLines(r);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0]["article"].get<bool>()) << r.out << r.err;
  EXPECT_FALSE(lines[0]["title"].get<std::string>().empty());

  nlohmann::json h = Json(Nv({"history", url, "--json"}));
  ASSERT_EQ(h["captures"].size(), 1u);
  // The stored payload is the gzip stream: its size is the compressed size,
  // which for a text page is well under the plain page's.
  const std::string plain = ReadFileOrEmpty(std::string(kFixturesDir) + "/pages/story.html");
  const auto payload_size = h["captures"][0]["payload_size"].get<uint64_t>();
  EXPECT_GT(payload_size, 0u);
  EXPECT_LT(payload_size, plain.size() / 2);
}

// Given an archive with new captures, revisits of unchanged pages, a gzip page,
// a chunked page and a redirect, we should export one WARC that the independent
// validator accepts with 0 errors under --strict, with revisit records.
TEST_F(CliArchiveTest, ExportedWarcPassesStrictValidationWithRevisits) {
  const std::string story = server_.Url("/story.html");
  ASSERT_EQ(Nv({"archive", story, server_.Url("/gzip.html"), server_.Url("/chunked.html"),
                server_.Url("/redirect/1")})
                .exit_code,
            0);
  ASSERT_EQ(Nv({"archive", story, server_.Url("/gzip.html")}).exit_code, 0);

  const std::string warc = dir_.Join("out.warc.gz");
  ProcessResult exported = Nv({"export", "--warc", warc, "--json"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  nlohmann::json summary = Json(exported);
  EXPECT_EQ(summary["records"]["warcinfo"], 1);
  EXPECT_GE(summary["records"]["revisit"].get<int>(), 2);
  EXPECT_GE(summary["records"]["response"].get<int>(), 5);
  EXPECT_GE(summary["records"]["metadata"].get<int>(), 1);

  ValidatorResult v = RunWarcValidate({warc}, /*strict=*/true);
  EXPECT_EQ(v.exit_code, 0) << v.output;
  EXPECT_EQ(v.errors, 0) << v.output;

  // --until before everything exports no captures, only the warcinfo.
  const std::string empty = dir_.Join("empty.warc.gz");
  ProcessResult none = Nv({"export", "--warc", empty, "--until", "2000-01-01", "--json"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(Json(none)["captures"], 0);
}

// Given global options after the subcommand, we should accept them.
TEST_F(CliArchiveTest, GlobalOptionsWorkAfterTheSubcommand) {
  ASSERT_EQ(Nv({"archive", server_.Url("/story.html")}).exit_code, 0);
  ProcessResult r = RunNewsvault({"list", "--json", "--db", Db(), "-q"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(JsonLines(r).size(), 1u);
}

// Given --help on every subcommand, we should print usage and exit 0.
TEST_F(CliArchiveTest, EverySubcommandHasHelp) {
  for (const char* sub : {"archive", "history", "show", "list", "extract", "export", "stats"}) {
    ProcessResult r = RunNewsvault({sub, "--help"});
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << sub << ": " << r.out;
  }
  ProcessResult top = RunNewsvault({"--help"});
  EXPECT_EQ(top.exit_code, 0);
  ProcessResult unknown = RunNewsvault({"frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2);
}

}  // namespace
}  // namespace newsvault::testing
