// Runs the independent WARC checker (../shared/tools/warc-validate) from tests.
//
// The checker is a Node script built on webrecorder's warcio.js; it is what
// DESIGN §4 says every WARC we write must pass with 0 errors. A missing node
// or warcio is a broken test set-up, never a reason to skip: the helper then
// records a gtest failure telling how to fix it (scripts/install-deps).
//
// Thread safety: each call forks its own child process; safe to call from
// one test thread at a time.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace newsvault::testing {

struct ValidatorResult {
  int exit_code =
      -1;  // the checker's exit status: 0 clean, 1 errors, 2 set-up/usage; -1 did not run
  std::string output;                          // stdout and stderr, interleaved as written
  int records = -1;                            // from the summary line; -1 when it is missing
  int errors = -1;                             // from the summary line; -1 when it is missing
  std::map<std::string, int> records_by_type;  // "response" -> 3, from the summary line

  bool ran() const { return exit_code >= 0 && records >= 0; }
};

// Runs `node warc-validate [--strict] FILES...` with WARCIO_DIR set to the
// build's warcio (testing::kWarcioDir) unless the environment already sets
// it. Adds a test failure when node, the script or warcio cannot be found.
ValidatorResult RunWarcValidate(const std::vector<std::string>& files, bool strict);

// Parses the checker's last line, "warc: N records (response R, request Q,
// revisit V, metadata M, warcinfo W) E errors", into `result`. False when
// `output` has no such line.
bool ParseWarcValidateSummary(const std::string& output, ValidatorResult& result);

}  // namespace newsvault::testing
