// Helpers shared by the CLI end-to-end tests: run newsvault against a temp
// archive and parse its JSON output.
//
// Thread safety: one fixture per test.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/process.h"

namespace newsvault::testing {

class CliTest : public ::testing::Test {
 protected:
  // Runs `newsvault --db <tmp>/db ARGS...`.
  ProcessResult Nv(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", Db()});
    return RunNewsvault(args);
  }
  std::string Db() const { return dir_.Join("db"); }

  // Parses stdout as one JSON document; fails the test when it is not JSON.
  static nlohmann::json Json(const ProcessResult& r) {
    nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << "not JSON: " << r.out << "\nstderr: " << r.err;
    return j;
  }
  // Parses stdout as JSON lines.
  static std::vector<nlohmann::json> JsonLines(const ProcessResult& r) {
    std::vector<nlohmann::json> out;
    size_t start = 0;
    while (start < r.out.size()) {
      size_t nl = r.out.find('\n', start);
      if (nl == std::string::npos) nl = r.out.size();
      if (nl > start) {
        nlohmann::json j = nlohmann::json::parse(r.out.substr(start, nl - start), nullptr, false);
        EXPECT_FALSE(j.is_discarded()) << "not a JSON line: " << r.out.substr(start, nl - start);
        out.push_back(j);
      }
      start = nl + 1;
    }
    return out;
  }

  TempDir dir_;
};

// Number of lines of `text` that contain `needle`.
inline int CountLinesWith(const std::string& text, const std::string& needle) {
  int n = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    if (text.substr(start, nl - start).find(needle) != std::string::npos) ++n;
    start = nl + 1;
  }
  return n;
}

}  // namespace newsvault::testing
