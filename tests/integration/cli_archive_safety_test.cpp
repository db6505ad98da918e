// End to end: the archive survives SIGKILL mid-write, refuses a second
// process, and reports a damaged archive with exit 3 instead of crashing.
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "tests/integration/cli_test_util.h"
#include "tests/support/test_server.h"

namespace newsvault::testing {
namespace {

class CliArchiveSafetyTest : public CliTest {
 protected:
  TestServer server_;
};

// Given an archive run of many pages killed with SIGKILL part-way, we should be
// able to open the archive afterwards and find every page the run reported.
TEST_F(CliArchiveSafetyTest, SigkillMidArchiveKeepsEveryReportedCapture) {
  const std::string story = ReadFileOrEmpty(std::string(NV_FIXTURES_DIR) + "/pages/story.html");
  ASSERT_FALSE(story.empty());
  std::vector<std::string> args = {NewsvaultBinary(), "--db", Db(), "archive", "--json"};
  constexpr int kPages = 80;
  for (int i = 0; i < kPages; ++i) {
    const std::string path = "/crash/" + std::to_string(i) + ".html";
    // Each page differs so each stores a payload and a version (more writes to interrupt).
    server_.SetPage(path, "text/html; charset=utf-8", story + "<!-- " + std::to_string(i) + " -->");
    args.push_back(server_.Url(path));
  }
  for (int kill_after : {3, 17}) {
    ChildProcess child(args);
    std::set<std::string> reported;
    while (static_cast<int>(reported.size()) < kill_after) {
      std::optional<std::string> line = child.ReadLine(std::chrono::seconds(30));
      ASSERT_TRUE(line.has_value()) << "archive run ended early";
      nlohmann::json j = nlohmann::json::parse(*line, nullptr, false);
      ASSERT_FALSE(j.is_discarded()) << *line;
      reported.insert(j["url"].get<std::string>());
    }
    child.Kill(SIGKILL);
    EXPECT_EQ(child.Wait(), -SIGKILL);

    ProcessResult list = Nv({"list", "--json"});
    ASSERT_EQ(list.exit_code, 0) << "archive not openable after SIGKILL: " << list.err;
    std::set<std::string> stored;
    for (const nlohmann::json& u : JsonLines(list)) stored.insert(u["url"].get<std::string>());
    for (const std::string& url : reported) {
      EXPECT_TRUE(stored.count(url)) << url << " was reported archived but is missing";
      nlohmann::json h = Json(Nv({"history", url, "--json"}));
      EXPECT_GE(h["versions"].size(), 1u) << url;
    }
  }
  // And the archive still takes new writes.
  EXPECT_EQ(Nv({"archive", server_.Url("/story.html")}).exit_code, 0);
}

// Given one newsvault process holding the archive, a second should exit 3 and
// say the archive is in use.
TEST_F(CliArchiveSafetyTest, SecondProcessGetsArchiveInUse) {
  ASSERT_EQ(Nv({"archive", server_.Url("/story.html")}).exit_code, 0);
  ChildProcess holder({NewsvaultBinary(), "--db", Db(), "archive", "--timeout", "30",
                       server_.Url("/slow-endless")});
  // Wait until the holder is fetching (so it has the archive open).
  bool fetching = false;
  for (int i = 0; i < 200 && !fetching; ++i) {
    for (const auto& request : server_.Requests()) fetching |= request.path == "/slow-endless";
    if (!fetching) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(fetching);
  ProcessResult second = Nv({"list"});
  EXPECT_EQ(second.exit_code, 3);
  EXPECT_NE(second.err.find("archive at " + Db() + " is in use by another newsvault process"),
            std::string::npos)
      << second.err;
  EXPECT_EQ(CountLinesWith(second.err, "newsvault: error:"), 1) << second.err;
  ProcessResult writer = Nv({"archive", server_.Url("/story.html")});
  EXPECT_EQ(writer.exit_code, 3);
  holder.Kill(SIGKILL);
  holder.Wait();
  // Once the holder is gone the lock is released and nothing was lost.
  ProcessResult after = Nv({"history", server_.Url("/story.html"), "--json"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(Json(after)["captures"].size(), 1u);
}

// Given a damaged archive directory, we should exit 3 with one clear line.
TEST_F(CliArchiveSafetyTest, DamagedArchiveExitsThreeWithAClearMessage) {
  ASSERT_EQ(Nv({"archive", server_.Url("/story.html")}).exit_code, 0);
  {
    std::ofstream current(Db() + "/CURRENT", std::ios::trunc);
    current << "MANIFEST-999999\n";  // points at a manifest that does not exist
  }
  ProcessResult r = Nv({"list"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(CountLinesWith(r.err, "newsvault: error:"), 1) << r.err;
  EXPECT_NE(r.err.find(Db()), std::string::npos) << r.err;
  EXPECT_EQ(r.signal, 0) << "crashed instead of reporting";
}

TEST_F(CliArchiveSafetyTest, PlainFileWhereTheArchiveShouldBeExitsThree) {
  {
    std::ofstream f(Db());
    f << "not an archive";
  }
  ProcessResult r = Nv({"archive", server_.Url("/story.html")});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(CountLinesWith(r.err, "newsvault: error:"), 1) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(Db()), "not an archive") << "the file was overwritten";
}

TEST_F(CliArchiveSafetyTest, ReadingAMissingArchiveSaysSo) {
  ProcessResult r = RunNewsvault({"--db", dir_.Join("nothing-here"), "list"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no archive at"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir_.Join("nothing-here"))) << "a read created the archive";
}

}  // namespace
}  // namespace newsvault::testing
