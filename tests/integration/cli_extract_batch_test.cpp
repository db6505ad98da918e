// End to end: `newsvault extract --batch DIR --out DIR [--jobs N]` turns a
// folder of saved pages into one JSON per page, decodes gzip and legacy
// charsets, reports unreadable files, and writes the same files whatever N is.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/integration/cli_test_util.h"
#include "tests/support/test_server_pages.h"

namespace newsvault::testing {
namespace {

namespace fs = std::filesystem;

void WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << path;
}

// A listing page: links only, no article text.
std::string ListingPageHtml() {
  std::string html = "<!doctype html><html><head><title>Latest</title></head><body><ul>";
  for (int i = 0; i < 20; ++i) {
    html += "<li><a href=\"/story-" + std::to_string(i) + ".html\">Story number " +
            std::to_string(i) + " in the list</a></li>";
  }
  return html + "</ul></body></html>";
}

// Names of the files in `dir`, sorted.
std::vector<std::string> FileNames(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

nlohmann::json ReadJson(const std::string& path) {
  nlohmann::json j = nlohmann::json::parse(ReadFileOrEmpty(path), nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << path << " is not JSON";
  return j;
}

class CliExtractBatchTest : public CliTest {
 protected:
  void SetUp() override {
    fs::create_directories(In());
    WriteFile(In() + "/story.html", StoryPageHtml());
    WriteFile(In() + "/zipped.html.gz", GzipCompress(StoryPageHtml()));
    WriteFile(In() + "/russian.html", Cp1251PageBytes());
    WriteFile(In() + "/listing.html", ListingPageHtml());
    WriteFile(In() + "/notes.txt", "not a page");
    fs::create_directories(In() + "/nested.html");  // a folder, not a page
    WriteFile(In() + "/nested.html/inner.html", StoryPageHtml());
  }
  std::string In() const { return dir_.Join("in"); }
  std::string Out() const { return dir_.Join("out"); }
};

TEST_F(CliExtractBatchTest, WritesOneJsonPerPageNamedByItsId) {
  // Given four pages (plain, gzipped, windows-1251, a listing) beside a text
  // file and a folder, we should write exactly four JSON files.
  ProcessResult r = Nv({"extract", "--batch", In(), "--out", Out(), "--jobs", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(FileNames(Out()), (std::vector<std::string>{"listing.json", "russian.json",
                                                        "story.json", "zipped.json"}));
  EXPECT_NE(r.err.find("4 pages, 0 failures"), std::string::npos) << r.err;
}

TEST_F(CliExtractBatchTest, JsonHoldsArticleBodyAndEveryArticleField) {
  ProcessResult r = Nv({"extract", "--batch", In(), "--out", Out()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json story = ReadJson(Out() + "/story.json");
  for (const char* field :
       {"articleBody", "url", "canonical_url", "title", "authors", "published", "modified",
        "language", "site_name", "section", "tags", "description", "lead_image", "images",
        "body_text", "body_html", "word_count", "extractor_version"}) {
    EXPECT_TRUE(story.contains(field)) << "story.json lacks " << field;
  }
  EXPECT_EQ(story["articleBody"], story["body_text"]);
  EXPECT_GT(story["word_count"].get<int>(), 100);
  EXPECT_FALSE(story["title"].get<std::string>().empty());
}

TEST_F(CliExtractBatchTest, GzippedPageGivesTheSameArticleAsThePlainOne) {
  ProcessResult r = Nv({"extract", "--batch", In(), "--out", Out()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadJson(Out() + "/zipped.json"), ReadJson(Out() + "/story.json"));
}

TEST_F(CliExtractBatchTest, DecodesAPageInWindows1251WithoutADeclaredCharset) {
  ProcessResult r = Nv({"extract", "--batch", In(), "--out", Out()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json russian = ReadJson(Out() + "/russian.json");
  const std::string body = russian["articleBody"].get<std::string>();
  EXPECT_NE(body.find(kRussianFirstParagraph), std::string::npos) << body;
  EXPECT_EQ(russian["language"], "ru");
}

TEST_F(CliExtractBatchTest, PageWithoutAnArticleGetsAnEmptyBody) {
  ProcessResult r = Nv({"extract", "--batch", In(), "--out", Out()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json listing = ReadJson(Out() + "/listing.json");
  EXPECT_EQ(listing["articleBody"], "");
}

TEST_F(CliExtractBatchTest, OutputIsTheSameWhateverTheNumberOfJobs) {
  // Given more pages than threads, one thread and four must write the same bytes.
  for (int i = 0; i < 12; ++i) {
    WriteFile(In() + "/copy-" + std::to_string(i) + ".html",
              i % 2 == 0 ? StoryPageHtml() : MalformedPageHtml());
  }
  ProcessResult one = Nv({"extract", "--batch", In(), "--out", dir_.Join("one"), "--jobs", "1"});
  ProcessResult four = Nv({"extract", "--batch", In(), "--out", dir_.Join("four"), "--jobs", "4"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(four.exit_code, 0) << four.err;
  const std::vector<std::string> names = FileNames(dir_.Join("one"));
  ASSERT_EQ(names.size(), 16u);
  ASSERT_EQ(FileNames(dir_.Join("four")), names);
  for (const std::string& name : names) {
    EXPECT_EQ(ReadFileOrEmpty(dir_.Join("one/" + name)), ReadFileOrEmpty(dir_.Join("four/" + name)))
        << name;
  }
}

TEST_F(CliExtractBatchTest, UndecodableFileFailsTheBatchButNotTheOtherPages) {
  WriteFile(In() + "/broken.html.gz", BrokenGzipBytes());
  ProcessResult r = Nv({"extract", "--batch", In(), "--out", Out()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(CountLinesWith(r.err, "newsvault: error: broken.html.gz"), 1) << r.err;
  EXPECT_NE(r.err.find("5 pages, 1 failures"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(Out() + "/broken.json"));
  EXPECT_TRUE(fs::exists(Out() + "/story.json"));
}

TEST_F(CliExtractBatchTest, MissingInputFolderIsAUsageError) {
  ProcessResult r = Nv({"extract", "--batch", dir_.Join("nowhere"), "--out", Out()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not a directory"), std::string::npos) << r.err;
}

TEST_F(CliExtractBatchTest, BatchWithoutOutIsAUsageError) {
  ProcessResult r = Nv({"extract", "--batch", In()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(fs::exists(Out()));
}

TEST_F(CliExtractBatchTest, BatchAndASingleFileTogetherAreAUsageError) {
  ProcessResult r = Nv({"extract", In() + "/story.html", "--batch", In(), "--out", Out()});
  EXPECT_EQ(r.exit_code, 2);
}

TEST_F(CliExtractBatchTest, SingleFileModeStillPrintsTheArticle) {
  ProcessResult r = Nv({"extract", In() + "/zipped.html.gz", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json article = Json(r);
  EXPECT_GT(article["word_count"].get<int>(), 100);
  EXPECT_FALSE(article.contains("articleBody"));
}

}  // namespace
}  // namespace newsvault::testing
