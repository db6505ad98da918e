// Helpers shared by the parser unit tests: reading fixture pages.
//
// Thread safety: test-only free functions.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "tests/support/test_paths.h"

namespace newsvault::parser::testing {

// The bytes of tests/fixtures/<relative>; fails the test when unreadable.
inline std::string ReadFixture(const std::string& relative) {
  const std::string path = std::string(newsvault::testing::kFixturesDir) + "/" + relative;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read fixture " << path;
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace newsvault::parser::testing
