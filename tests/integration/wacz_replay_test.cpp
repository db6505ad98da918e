// The WACZ opens in ReplayWeb.page in a real browser (issue 5, "Done when"):
// fixture pages archived from a loopback server are exported with
// `export --wacz`, then ../shared/tools/replay-check.mjs loads the WACZ into
// ReplayWeb.page inside headless Debian Chromium, fully offline, and must
// find each article's headline in the replayed page.
//
// scripts/install-deps sets up the tools: Debian's chromium, and npm
// playwright-core + replaywebpage in build/tools/replay. When one of them is
// absent the test is skipped, saying which; once they run, any failure fails.
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/integration/cli_test_util.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_server.h"
#include "tests/support/test_server_pages.h"
#include "tests/support/warcio_cdx.h"

namespace newsvault::testing {
namespace {

const std::string kReplayDir = std::string(kSourceDir) + "/build/tools/replay";
const std::string kReplayCheck = std::string(kSharedDir) + "/tools/replay-check.mjs";
const std::string kChromium = "/usr/bin/chromium";

// Why the replay check cannot run here, or "" when every piece is present.
std::string MissingTool() {
  namespace fs = std::filesystem;
  if (FindOnPath("node").empty()) return "node is not installed";
  if (!fs::exists(kChromium)) return kChromium + " is not installed (apt-get install chromium)";
  if (!fs::exists(kReplayCheck)) return kReplayCheck + " is missing";
  for (const char* package : {"playwright-core", "replaywebpage"}) {
    if (!fs::exists(kReplayDir + "/node_modules/" + package)) {
      return std::string(package) + " is not installed in " + kReplayDir +
             " (run scripts/install-deps)";
    }
  }
  return "";
}

// The text of the first <h1> of an HTML page.
std::string Headline(const std::string& html) {
  std::smatch m;
  if (!std::regex_search(html, m, std::regex("<h1[^>]*>([^<]+)</h1>"))) return "";
  return m[1];
}

ProcessResult ReplayCheck(const std::string& wacz, const std::string& url,
                          const std::string& text) {
  return RunProcess({"/usr/bin/env", "REPLAY_CHECK_DIR=" + kReplayDir, "CHROMIUM=" + kChromium,
                     "node", kReplayCheck, wacz, url, text},
                    std::chrono::seconds(150));
}

class WaczReplay : public CliTest {
 protected:
  TestServer server_;
};

TEST_F(WaczReplay, EveryArticleHeadlineReplaysInReplayWebPage) {
  if (std::string missing = MissingTool(); !missing.empty()) GTEST_SKIP() << missing;

  const std::string ferry_html =
      "<!doctype html><html lang=en><head><meta charset=utf-8><title>Ferry</title></head>"
      "<body><article><h1>Ferry timetable doubles for the summer</h1><p>From June the island "
      "ferry will sail every half hour, the harbour authority said on Tuesday.</p><p>Extra "
      "crews have been hired for the season.</p></article></body></html>";
  server_.SetPage("/news/ferry.html", "text/html; charset=utf-8", ferry_html);
  // Plain, gzip-encoded and chunked responses all have to replay.
  struct Article {
    std::string url;
    std::string headline;
  };
  std::vector<Article> articles = {
      {server_.Url("/story.html"), Headline(StoryPageHtml())},
      {server_.Url("/gzip.html"), Headline(StoryPageHtml())},
      {server_.Url("/chunked.html"), Headline(ChunkedPageHtml())},
      {server_.Url("/news/ferry.html"), Headline(ferry_html)},
  };
  std::vector<std::string> archive_args = {"archive"};
  for (const Article& a : articles) {
    ASSERT_FALSE(a.headline.empty()) << a.url;
    archive_args.push_back(a.url);
  }
  ProcessResult archived = Nv(archive_args);
  ASSERT_EQ(archived.exit_code, 0) << archived.err;

  std::string wacz = dir_.Join("news.wacz");
  ProcessResult exported = Nv({"export", "--wacz", wacz});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;

  for (const Article& a : articles) {
    ProcessResult r = ReplayCheck(wacz, a.url, a.headline);
    EXPECT_EQ(r.exit_code, 0) << a.url << " \"" << a.headline << "\"\n" << r.out << r.err;
  }
}

TEST_F(WaczReplay, ReplayCheckFailsForAPageThatIsNotInTheWacz) {
  // The check above can fail: a URL that was never archived does not replay.
  if (std::string missing = MissingTool(); !missing.empty()) GTEST_SKIP() << missing;
  ProcessResult archived = Nv({"archive", server_.Url("/story.html")});
  ASSERT_EQ(archived.exit_code, 0) << archived.err;
  std::string wacz = dir_.Join("one.wacz");
  ASSERT_EQ(Nv({"export", "--wacz", wacz}).exit_code, 0);
  ProcessResult r =
      ReplayCheck(wacz, server_.Url("/never-archived.html"), Headline(StoryPageHtml()));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
}

}  // namespace
}  // namespace newsvault::testing
