// Running the newsvault binary (or any program) from tests.
//
// Run() waits and captures stdout/stderr; Spawn() starts a child the test can
// read from line by line and kill (SIGKILL mid-write tests).
//
// Thread safety: one object per thread.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace newsvault::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
};

// Runs argv[0] with arguments and waits, killing it after `timeout`.
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         std::chrono::seconds timeout = std::chrono::seconds(120));

// Runs the newsvault binary built alongside the tests.
ProcessResult RunNewsvault(const std::vector<std::string>& args,
                           std::chrono::seconds timeout = std::chrono::seconds(120));

// A child process whose stdout is read line by line while it runs.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Next stdout line (without '\n'), or nullopt at EOF or after `timeout`.
  std::optional<std::string> ReadLine(std::chrono::milliseconds timeout);
  void Kill(int signal);
  // Waits for exit; returns the exit code, or -signal when killed.
  int Wait();
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string buffer_;
  bool waited_ = false;
  int status_ = 0;
};

// The path of the newsvault binary under test.
std::string NewsvaultBinary();

// A fresh directory under $TMPDIR, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string Join(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Reads a whole file; empty when missing.
std::string ReadFileOrEmpty(const std::string& path);

// The lines of `text` that are not empty, without their '\n'.
std::vector<std::string> NonEmptyLines(const std::string& text);

}  // namespace newsvault::testing
