// End to end: `newsvault robots FILE AGENT URL` on fixture robots.txt files
// (tests/fixtures/robots/) prints the decision and the deciding line, and exits
// 0 for allowed, 1 for disallowed, 2 for usage errors.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/integration/cli_test_util.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace newsvault::testing {
namespace {

std::string Fixture(const std::string& name) {
  return std::string(kFixturesDir) + "/robots/" + name;
}

struct CliRow {
  const char* file;
  const char* agent;
  const char* url;
  int exit_code;
  const char* out;  // the whole stdout
};

TEST(CliRobots, PrintsTheDecisionAndTheDecidingLine) {
  const CliRow rows[] = {
      // RFC 9309 §2.2.1: the own group (two user-agent lines, any case) applies.
      {"news_site.txt", "newsvault", "https://news.example/members/x", 1,
       "DISALLOWED\nline 14: Disallow: /members/\n"},
      // §2.2.2: the longer Allow wins.
      {"news_site.txt", "NewsVault/0.1 (+https://e.org/bot)", "https://news.example/members/free/a",
       0, "ALLOWED\nline 15: Allow: /members/free/\n"},
      // §2.2.1: the own group replaces "*": /search is not refused to newsvault.
      {"news_site.txt", "newsvault", "https://news.example/search?q=x", 0,
       "ALLOWED\nno matching rule\n"},
      // §2.2.1: the second newsvault group is merged in; the query is matched.
      {"news_site.txt", "newsvault", "https://news.example/story?print=1", 1,
       "DISALLOWED\nline 23: Disallow: /*?print=1\n"},
      {"news_site.txt", "archiver", "/tmp/a", 1, "DISALLOWED\nline 16: Disallow: /tmp\n"},
      // §2.2.1: other agents get the "*" group.
      {"news_site.txt", "otherbot", "https://news.example/search", 1,
       "DISALLOWED\nline 6: Disallow: /search\n"},
      {"news_site.txt", "otherbot", "https://news.example/private/press/1", 0,
       "ALLOWED\nline 8: Allow: /private/press/\n"},
      // §2.2.3: '$' anchors the end.
      {"news_site.txt", "otherbot", "https://news.example/a/report.pdf", 1,
       "DISALLOWED\nline 9: Disallow: /*.pdf$\n"},
      {"news_site.txt", "otherbot", "https://news.example/a/report.pdf?v=2", 0,
       "ALLOWED\nno matching rule\n"},
      {"news_site.txt", "badbot", "https://news.example/", 1, "DISALLOWED\nline 19: Disallow: /\n"},
      // §2.2.2: /robots.txt is always allowed.
      {"news_site.txt", "badbot", "https://news.example/robots.txt", 0,
       "ALLOWED\n/robots.txt is always allowed\n"},
      // §2.2: CR-only line endings still give one line per rule.
      {"cr_only.txt", "newsvault", "/old/page", 1, "DISALLOWED\nline 2: Disallow: /old/\n"},
      {"cr_only.txt", "newsvault", "/old/keep/1", 0, "ALLOWED\nline 3: Allow: /old/keep\n"},
      // A BOM and CRLF lines.
      {"bom_crlf.txt", "newsvault", "/drafts/a", 1, "DISALLOWED\nline 2: Disallow: /drafts/\n"},
      {"bom_crlf.txt", "otherbot", "/drafts/a", 0, "ALLOWED\nno group for agent\n"},
  };
  for (const CliRow& row : rows) {
    ProcessResult r = RunNewsvault({"robots", Fixture(row.file), row.agent, row.url});
    EXPECT_EQ(r.exit_code, row.exit_code) << row.file << " " << row.agent << " " << row.url << "\n"
                                          << r.out << r.err;
    EXPECT_EQ(r.out, row.out) << row.file << " " << row.agent << " " << row.url;
  }
}

TEST(CliRobots, JsonNamesTheRuleGroupAndCrawlDelay) {
  ProcessResult r = RunNewsvault({"robots", "--json", Fixture("news_site.txt"), "newsvault",
                                  "https://news.example/members/x"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["allowed"], false);
  EXPECT_EQ(j["line"], 14);
  EXPECT_EQ(j["rule"], "Disallow: /members/");
  EXPECT_EQ(j["agent_group"], "newsvault");
  EXPECT_EQ(j["crawl_delay"], 2.0);
}

TEST(CliRobots, JsonHasNullLineWhenNoRuleDecided) {
  ProcessResult r =
      RunNewsvault({"robots", Fixture("news_site.txt"), "otherbot", "/news/1", "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["allowed"], true);
  EXPECT_TRUE(j["line"].is_null());
  EXPECT_TRUE(j["rule"].is_null());
  EXPECT_EQ(j["reason"], "no matching rule");
  EXPECT_EQ(j["agent_group"], "*");
  EXPECT_EQ(j["crawl_delay"], 5.0);
}

TEST(CliRobots, WarnsAboutOdditiesWithTheirLine) {
  ProcessResult r = RunNewsvault({"robots", Fixture("news_site.txt"), "newsvault", "/"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("news_site.txt:24: unknown field 'Host' ignored"), std::string::npos)
      << r.err;
  ProcessResult quiet = RunNewsvault({"-q", "robots", Fixture("news_site.txt"), "newsvault", "/"});
  EXPECT_EQ(quiet.err, "");
}

TEST(CliRobots, MissingFileIsAUsageError) {
  ProcessResult r = RunNewsvault({"robots", Fixture("no_such_file.txt"), "newsvault", "/"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(CountLinesWith(r.err, "newsvault: error: cannot read"), 1) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line expected: " << r.err;
}

TEST(CliRobots, DirectoryIsAUsageErrorNotAnEmptyFile) {
  // An empty robots.txt allows everything: a directory must not pass for one.
  ProcessResult r = RunNewsvault({"robots", std::string(kFixturesDir) + "/robots", "nv", "/"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(CountLinesWith(r.err, "newsvault: error: cannot read"), 1) << r.err;
}

TEST(CliRobots, BadUrlOrMissingArgumentIsAUsageError) {
  ProcessResult bad = RunNewsvault({"robots", Fixture("news_site.txt"), "newsvault", "ftp://x/y"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("unsupported URL scheme"), std::string::npos) << bad.err;
  ProcessResult missing = RunNewsvault({"robots", Fixture("news_site.txt"), "newsvault"});
  EXPECT_EQ(missing.exit_code, 2);
}

}  // namespace
}  // namespace newsvault::testing
