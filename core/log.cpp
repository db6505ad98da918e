#include "core/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.h"

namespace newsvault::core {
namespace {

std::atomic<LogLevel> g_level{LogLevel::kInfo};
std::atomic<bool> g_json{false};
std::mutex g_mutex;  // guards writes to stderr so lines never interleave

std::string_view LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
    case LogLevel::kSilent:
      return "silent";
  }
  return "info";
}

}  // namespace

void SetLogLevel(LogLevel level) { g_level = level; }
LogLevel GetLogLevel() { return g_level; }
void SetLogJson(bool json) { g_json = json; }

void Log(LogLevel level, std::string_view message) {
  if (level == LogLevel::kSilent || level < g_level.load()) return;
  std::string line;
  if (g_json) {
    nlohmann::json j{{"ts", FormatWarcDate(SystemClock::Default().Now())},
                     {"level", LevelName(level)},
                     {"msg", message}};
    // Invalid UTF-8 (from a page or a URL) is replaced, never thrown.
    line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else {
    // "newsvault: warning: msg"; info lines carry no level, like most CLIs.
    line = "newsvault: ";
    if (level != LogLevel::kInfo) {
      line += LevelName(level);
      line += ": ";
    }
    for (char c : message) line.push_back(c == '\n' || c == '\r' ? ' ' : c);
  }
  line.push_back('\n');
  std::lock_guard<std::mutex> lock(g_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace newsvault::core
