#include "core/log.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <vector>

#include "core/timestamp.h"

namespace newsvault::core {
namespace {

// Restores the process-wide log settings each test changes.
class LogTest : public ::testing::Test {
 protected:
  void SetUp() override { saved_ = GetLogLevel(); }
  void TearDown() override {
    SetLogLevel(saved_);
    SetLogJson(false);
  }
  LogLevel saved_ = LogLevel::kInfo;
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST_F(LogTest, TextLinesNameProgramAndLevel) {
  SetLogLevel(LogLevel::kDebug);
  ::testing::internal::CaptureStderr();
  LogWarning("disk almost full");
  LogError("archive is locked");
  LogInfo("archived 3 pages");
  LogDebug("queue=5");
  std::string out = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(out,
            "newsvault: warning: disk almost full\n"
            "newsvault: error: archive is locked\n"
            "newsvault: archived 3 pages\n"
            "newsvault: debug: queue=5\n");
}

TEST_F(LogTest, LevelFiltersLessSevereMessages) {
  SetLogLevel(LogLevel::kError);  // -q
  EXPECT_EQ(GetLogLevel(), LogLevel::kError);
  ::testing::internal::CaptureStderr();
  LogInfo("hidden");
  LogWarning("hidden too");
  LogError("shown");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "newsvault: error: shown\n");

  SetLogLevel(LogLevel::kInfo);  // default: no debug
  ::testing::internal::CaptureStderr();
  LogDebug("hidden");
  LogInfo("shown");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "newsvault: shown\n");

  SetLogLevel(LogLevel::kSilent);
  ::testing::internal::CaptureStderr();
  LogError("nothing at all");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

TEST_F(LogTest, TextModeKeepsOneLinePerEvent) {
  ::testing::internal::CaptureStderr();
  LogWarning("two\nlines");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "newsvault: warning: two lines\n");
}

TEST_F(LogTest, JsonModeWritesOneObjectPerLine) {
  SetLogJson(true);
  ::testing::internal::CaptureStderr();
  LogWarning("fetch failed: \"timeout\"\nretrying");
  std::string out = ::testing::internal::GetCapturedStderr();
  std::vector<std::string> lines = Lines(out);
  ASSERT_EQ(lines.size(), 1u) << out;
  nlohmann::json j = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(j["level"], "warning");
  EXPECT_EQ(j["msg"], "fetch failed: \"timeout\"\nretrying");
  ASSERT_TRUE(j["ts"].is_string());
  EXPECT_TRUE(ParseIso8601(j["ts"].get<std::string>()).ok()) << j["ts"];  // RFC 3339
  EXPECT_EQ(j.size(), 3u);
}

TEST_F(LogTest, JsonModeSurvivesInvalidUtf8) {
  SetLogJson(true);
  ::testing::internal::CaptureStderr();
  LogError("bad byte \xff here");
  std::string out = ::testing::internal::GetCapturedStderr();
  nlohmann::json j = nlohmann::json::parse(out);
  EXPECT_EQ(j["level"], "error");
  EXPECT_NE(j["msg"].get<std::string>().find("here"), std::string::npos);
}

TEST_F(LogTest, ConcurrentLinesNeverInterleave) {
  SetLogLevel(LogLevel::kInfo);
  ::testing::internal::CaptureStderr();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t] {
      std::string msg(200, static_cast<char>('a' + t));
      for (int i = 0; i < 100; ++i) LogInfo(msg);
    });
  }
  for (std::thread& th : threads) th.join();
  std::vector<std::string> lines = Lines(::testing::internal::GetCapturedStderr());
  ASSERT_EQ(lines.size(), 400u);
  for (const std::string& line : lines) {
    ASSERT_EQ(line.size(), std::string("newsvault: ").size() + 200);
    std::string body = line.substr(11);
    EXPECT_EQ(body, std::string(200, body[0]));
  }
}

}  // namespace
}  // namespace newsvault::core
