// Logging: one line per event, human on a terminal, structured under cron.
//
// Level: -q shows errors only, default shows warnings and info, -v adds debug.
// Output goes to stderr so stdout stays clean for data (--json).
//
// Thread safety: all functions are thread-safe (a mutex guards the stream).
#pragma once

#include <string_view>

namespace newsvault::core {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3, kSilent = 4 };

void SetLogLevel(LogLevel level);
LogLevel GetLogLevel();
// When true each line is a JSON object {"ts","level","msg"}.
void SetLogJson(bool json);

void Log(LogLevel level, std::string_view message);
inline void LogDebug(std::string_view m) { Log(LogLevel::kDebug, m); }
inline void LogInfo(std::string_view m) { Log(LogLevel::kInfo, m); }
inline void LogWarning(std::string_view m) { Log(LogLevel::kWarning, m); }
inline void LogError(std::string_view m) { Log(LogLevel::kError, m); }

}  // namespace newsvault::core
