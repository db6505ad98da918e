// End to end: `newsvault extract FILE --xpath-*` applies per-site extraction
// overrides to a saved page, so a user can try them before configuring
// [site.extract].
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/integration/cli_test_util.h"
#include "tests/support/test_paths.h"

namespace newsvault::testing {
namespace {

class CliExtractXPathTest : public CliTest {};

std::string Page() { return std::string(kFixturesDir) + "/pages/xpath-override.html"; }

// Given a page whose headline is a styled <p>, --xpath-title picks it, and
// --xpath-drop (repeated, with the file after it) removes a rail.
TEST_F(CliExtractXPathTest, ExtractWithXPathTitleUsesTheMatchedHeadline) {
  const ProcessResult plain = Nv({"extract", "--json", Page()});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  const ProcessResult r =
      Nv({"extract", "--json", "--xpath-title", "//p[@class='display-head']", "--xpath-drop",
          "//div[@class='more-box']", "--xpath-drop", "//div[@class='story-notes']", Page()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json before = Json(plain);
  const nlohmann::json after = Json(r);
  const std::string headline = "Ferry service to the outer islands resumes after storm repairs";
  EXPECT_NE(before["title"], headline);
  EXPECT_EQ(after["title"], headline);
  const std::string rail = "coastal road between the two northern villages";
  EXPECT_NE(before["body_text"].get<std::string>().find(rail), std::string::npos);
  EXPECT_EQ(after["body_text"].get<std::string>().find(rail), std::string::npos);
}

TEST_F(CliExtractXPathTest, ExtractWithABadXPathIsAUsageError) {
  const ProcessResult r = Nv({"extract", "--xpath-title", "//p[", Page()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--xpath-title: bad XPath '//p['"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace newsvault::testing
