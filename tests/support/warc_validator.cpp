#include "tests/support/warc_validator.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string_view>

#include <gtest/gtest.h>

#include "tests/support/test_paths.h"

namespace newsvault::testing {
namespace {

constexpr const char* kInstallHint =
    "run scripts/install-deps (it installs nodejs and puts the npm package warcio under "
    "build/tools/warcio), or set WARCIO_DIR to a folder where `npm install warcio@2` ran";

// The first executable called `name` on $PATH, or "" when there is none.
std::string FindOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) dir = ".";
    std::string candidate = dir + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

}  // namespace

bool ParseWarcValidateSummary(const std::string& output, ValidatorResult& result) {
  static const std::regex kSummary(
      R"(warc: (\d+) records \(response (\d+), request (\d+), revisit (\d+), metadata (\d+), )"
      R"(warcinfo (\d+)\) (\d+) errors)");
  // The summary is the last line; search from the end so earlier messages
  // quoting the format cannot be mistaken for it.
  std::string_view text = output;
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  auto newline = text.rfind('\n');
  std::string last(newline == std::string_view::npos ? text : text.substr(newline + 1));
  std::smatch m;
  if (!std::regex_match(last, m, kSummary)) return false;
  result.records = std::stoi(m[1]);
  const char* kTypes[] = {"response", "request", "revisit", "metadata", "warcinfo"};
  for (size_t i = 0; i < 5; ++i) result.records_by_type[kTypes[i]] = std::stoi(m[i + 2]);
  result.errors = std::stoi(m[7]);
  return true;
}

ValidatorResult RunWarcValidate(const std::vector<std::string>& files, bool strict) {
  ValidatorResult result;
  std::string node = FindOnPath("node");
  if (node.empty()) {
    ADD_FAILURE() << "warc-validate needs node, which is not on PATH: " << kInstallHint;
    return result;
  }
  std::string script = std::string(kSharedDir) + "/tools/warc-validate";
  if (!std::filesystem::exists(script)) {
    ADD_FAILURE() << "the WARC checker " << script << " is missing (it lives in ../shared/tools)";
    return result;
  }
  const char* env_warcio = std::getenv("WARCIO_DIR");
  std::string warcio_dir = env_warcio != nullptr ? env_warcio : kWarcioDir;
  if (env_warcio == nullptr && !std::filesystem::exists(warcio_dir + "/node_modules/warcio")) {
    ADD_FAILURE() << "the npm package warcio is not installed in " << warcio_dir << ": "
                  << kInstallHint;
    return result;
  }

  // Build argv and envp before fork: the child of a threaded process may only
  // call async-signal-safe functions until exec.
  std::vector<std::string> args = {node, script};
  if (strict) args.push_back("--strict");
  args.push_back("--");
  args.insert(args.end(), files.begin(), files.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
  if (env_warcio == nullptr) env_strings.push_back("WARCIO_DIR=" + warcio_dir);
  std::vector<char*> envp;
  for (std::string& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) {
    ADD_FAILURE() << "pipe() failed: " << std::strerror(errno);
    return result;
  }
  pid_t pid = ::fork();
  if (pid < 0) {
    ADD_FAILURE() << "fork() failed: " << std::strerror(errno);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    return result;
  }
  if (pid == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::dup2(pipe_fds[1], STDERR_FILENO);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(pipe_fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    result.output.append(buf, static_cast<size_t>(n));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);

  if (result.output.find("cannot load the npm package") != std::string::npos) {
    ADD_FAILURE() << "warc-validate cannot load warcio (WARCIO_DIR=" << warcio_dir
                  << "): " << kInstallHint << "\n"
                  << result.output;
    return result;
  }
  if (!ParseWarcValidateSummary(result.output, result)) {
    ADD_FAILURE() << "warc-validate (exit " << result.exit_code << ") printed no summary line:\n"
                  << result.output;
  }
  return result;
}

}  // namespace newsvault::testing
