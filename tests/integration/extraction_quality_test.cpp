// The CI quality gate of issue 4: body extraction over the public
// article-extraction benchmark (181 real pages with ground truth) must keep
// its F1 at or above kMinF1, as scored by ../shared/tools/score-extraction.
// It runs the real binary in batch mode, so the gate covers decoding, the
// extractor and the batch writer together. Figures and commands:
// docs/benchmarks.md "Extraction quality".
//
// The test never skips: a missing benchmark, scorer or python3 is a failure
// that says what is missing, so the gate cannot silently stop guarding.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace newsvault::testing {
namespace {

namespace fs = std::filesystem;

// The issue's gate (its target is higher: F1 0.975). Measured: F1 0.977,
// precision 0.971, recall 0.983 (2026-11-28); see docs/benchmarks.md.
constexpr double kMinF1 = 0.95;
constexpr int kBenchmarkPages = 181;

std::string FindOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) dir = ".";
    const std::string candidate = dir + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

struct Score {
  double f1 = 0, precision = 0, recall = 0, accuracy = 0;
  int pages = 0;
};

// The scorer's last line: "extraction: F1 0.xxx precision 0.xxx recall 0.xxx
// accuracy 0.xxx pages N".
bool ParseScore(const std::string& out, Score& score) {
  static const std::regex kSummary(
      R"(extraction: F1 ([0-9.]+) precision ([0-9.]+) recall ([0-9.]+) accuracy ([0-9.]+) pages (\d+))");
  std::smatch m;
  if (!std::regex_search(out, m, kSummary)) return false;
  score.f1 = std::stod(m[1]);
  score.precision = std::stod(m[2]);
  score.recall = std::stod(m[3]);
  score.accuracy = std::stod(m[4]);
  score.pages = std::stoi(m[5]);
  return true;
}

TEST(ExtractionQuality, BenchmarkF1StaysAboveTheGate) {
  const std::string bench = std::string(kSharedDir) + "/eval/article-extraction-benchmark";
  const std::string truth = bench + "/ground-truth.json";
  const std::string scorer = std::string(kSharedDir) + "/tools/score-extraction";
  ASSERT_TRUE(fs::is_directory(bench + "/html"))
      << "the benchmark pages are missing: expected " << bench << "/html (../shared/eval)";
  ASSERT_TRUE(fs::exists(truth)) << "the benchmark ground truth is missing: " << truth;
  ASSERT_TRUE(fs::exists(scorer)) << "the scorer is missing: " << scorer << " (../shared/tools)";
  const std::string python = FindOnPath("python3");
  ASSERT_FALSE(python.empty()) << "the scorer needs python3, which is not on PATH";

  // Given every benchmark page extracted by the batch mode...
  TempDir dir;
  const std::string pred = dir.Join("pred");
  ProcessResult extracted =
      RunNewsvault({"extract", "--batch", bench + "/html", "--out", pred, "--jobs", "2"},
                   std::chrono::seconds(240));
  ASSERT_EQ(extracted.exit_code, 0) << extracted.err;
  ASSERT_NE(extracted.err.find(std::to_string(kBenchmarkPages) + " pages, 0 failures"),
            std::string::npos)
      << extracted.err;

  // ...the scorer, which fails on missing ids under --strict, should report
  // an F1 at or above the gate.
  ProcessResult scored = RunProcess({python, scorer, "--strict", pred, truth});
  ASSERT_EQ(scored.exit_code, 0) << scored.out << scored.err;
  Score score;
  ASSERT_TRUE(ParseScore(scored.out, score)) << "no summary line from the scorer:\n"
                                             << scored.out << scored.err;
  EXPECT_EQ(score.pages, kBenchmarkPages);
  RecordProperty("f1", std::to_string(score.f1));
  RecordProperty("precision", std::to_string(score.precision));
  RecordProperty("recall", std::to_string(score.recall));
  std::cout << "[ quality  ] F1 " << score.f1 << " precision " << score.precision << " recall "
            << score.recall << " accuracy " << score.accuracy << "\n";
  EXPECT_GE(score.f1, kMinF1) << "extraction quality regressed: " << scored.out;
}

}  // namespace
}  // namespace newsvault::testing
