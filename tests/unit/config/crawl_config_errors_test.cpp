// Every kind of config error, with the file, line and key it must name.
#include <gtest/gtest.h>

#include <string>

#include "config/crawl_config.h"
#include "tests/support/test_paths.h"

namespace newsvault::config {
namespace {

std::string ErrorOf(std::string_view text) {
  core::Result<CrawlConfig> config = ParseCrawlConfig(text, "sites.toml");
  if (config.ok()) return "(parsed without error)";
  EXPECT_EQ(config.error().code(), core::StatusCode::kInvalidArgument);
  return config.error().message();
}

struct ErrorCase {
  const char* what;
  const char* text;
  const char* message;  // the whole message, exactly
};

// Given a file with one mistake, we should get one message that says where
// (file and line), which key, and what was expected.
TEST(CrawlConfigErrors, NameTheFileLineAndKey) {
  const ErrorCase cases[] = {
      {"bad duration", "[crawl]\n\nmin_delay = \"fast\"\n",
       R"(sites.toml:3: [crawl] min_delay: expected a duration like "1s", got "fast")"},
      {"duration as a number", "[crawl]\nmax_time = 60\n",
       R"(sites.toml:2: [crawl] max_time: expected a duration like "1s", got 60)"},
      {"unknown key with a suggestion", "[crawl]\nconcurrency = 2\nconcurency = 4\n",
       "sites.toml:3: unknown key 'concurency' in [crawl] (did you mean 'concurrency'?)"},
      {"unknown key without a suggestion", "[archive]\ncolour = \"blue\"\n",
       "sites.toml:2: unknown key 'colour' in [archive]"},
      {"unknown top-level key", "crawl_delay = \"1s\"\n",
       "sites.toml:1: unknown key 'crawl_delay'"},
      {"unknown section", "\n[crawler]\nconcurrency = 1\n",
       "sites.toml:2: unknown key 'crawler' (did you mean 'crawl'?)"},
      {"unknown site key",
       "[[site]]\nname = \"a\"\nseeds = [\"https://a.example/\"]\nmaxdepth = 2\n",
       "sites.toml:4: unknown key 'maxdepth' in [[site]] 'a' (did you mean 'max_depth'?)"},
      {"concurrency zero", "[crawl]\nconcurrency = 0\n",
       "sites.toml:2: [crawl] concurrency: expected a number from 1 to 2147483647, got 0"},
      {"connections_per_host zero", "[crawl]\nconnections_per_host = 0\n",
       "sites.toml:2: [crawl] connections_per_host: expected a number from 1 to 2147483647, got 0"},
      {"concurrency as a string", "[crawl]\nconcurrency = \"32\"\n",
       R"(sites.toml:2: [crawl] concurrency: expected a whole number, got "32")"},
      {"negative max_pages", "[crawl]\nmax_pages = -1\n",
       "sites.toml:2: [crawl] max_pages: expected a number from 0 to 9223372036854775807, got -1"},
      {"negative delay_factor", "[crawl]\ndelay_factor = -0.5\n",
       "sites.toml:2: [crawl] delay_factor: expected a finite number >= 0, got -0.5"},
      {"nan delay_factor", "[crawl]\ndelay_factor = nan\n",
       "sites.toml:2: [crawl] delay_factor: expected a finite number >= 0, got nan"},
      {"min_delay above max_delay", "[crawl]\nmin_delay = \"2m\"\nmax_delay = \"1m\"\n",
       "sites.toml:3: [crawl] max_delay: min_delay (2m) must not exceed max_delay (1m)"},
      {"min_delay above the default max_delay", "[crawl]\nmin_delay = \"1m\"\n",
       "sites.toml:2: [crawl] min_delay: min_delay (1m) must not exceed max_delay (30s)"},
      {"bool as a string", "[crawl]\nrespect_robots = \"yes\"\n",
       R"(sites.toml:2: [crawl] respect_robots: expected true or false, got "yes")"},
      {"user agent with a slash", "[crawl]\nuser_agent = \"newsvault/1.0\"\n",
       "sites.toml:2: [crawl] user_agent: expected a product token (letters, digits, -._ etc., "
       "no spaces or '/'), got \"newsvault/1.0\""},
      {"contact with a newline", "[crawl]\ncontact = \"a\\r\\nX-Evil: 1\"\n",
       "sites.toml:2: [crawl] contact: must not contain control characters"},
      {"revisit without a colon", "[crawl]\nrevisit = [\"3h\"]\n",
       R"(sites.toml:2: [crawl] revisit[0]: expected "AGE:INTERVAL" like "3h:15m", got "3h")"},
      {"revisit with a zero interval", "[crawl]\nrevisit = [\"3h:0s\"]\n",
       R"(sites.toml:2: [crawl] revisit[0]: the interval must be more than 0, got "3h:0s")"},
      {"revisit with a zero age", "[crawl]\nrevisit = [\"0s:1h\"]\n",
       R"(sites.toml:2: [crawl] revisit[0]: the age must be more than 0, got "0s:1h")"},
      {"revisit ages not increasing", "[crawl]\nrevisit = [\n  \"1d:1h\",\n  \"1d:3h\",\n]\n",
       R"(sites.toml:4: [crawl] revisit[1]: ages must increase: "1d:3h" comes after "1d:1h")"},
      {"revisit not an array", "[crawl]\nrevisit = \"3h:15m\"\n",
       R"(sites.toml:2: [crawl] revisit: expected an array of strings, got "3h:15m")"},
      {"empty archive path", "[archive]\npath = \"\"\n",
       "sites.toml:2: [archive] path: must not be empty"},
      {"crawl not a table", "crawl = 5\n", "sites.toml:1: crawl: expected a table [crawl], got 5"},
      {"site as a single table", "[site]\nname = \"a\"\n",
       "sites.toml:1: site: expected [[site]] tables, got a table"},
      {"site missing name", "[[site]]\nseeds = [\"https://a.example/\"]\n",
       "sites.toml:1: [[site]] #1 name: is required"},
      {"site with empty name", "[[site]]\nname = \"\"\nseeds = [\"https://a.example/\"]\n",
       "sites.toml:2: [[site]] '' name: must not be empty"},
      {"site missing seeds", "[[site]]\nname = \"a\"\n",
       "sites.toml:1: [[site]] 'a' seeds: is required"},
      {"site with no seeds", "[[site]]\nname = \"a\"\nseeds = []\n",
       "sites.toml:3: [[site]] 'a' seeds: at least one seed URL is required"},
      {"seed not http",
       "[[site]]\nname = \"a\"\nseeds = [\n  \"https://a.example/\",\n  \"ftp://a.example/\",\n]\n",
       "sites.toml:5: [[site]] 'a' seeds[1]: expected an http(s) URL, got \"ftp://a.example/\" "
       "(unsupported URL scheme 'ftp')"},
      {"feed not a URL",
       "[[site]]\nname = \"a\"\nseeds = [\"https://a.example/\"]\nfeeds = [\"rss.xml\"]\n",
       "sites.toml:4: [[site]] 'a' feeds[0]: expected an http(s) URL, got \"rss.xml\" "
       "(not an absolute URL: 'rss.xml')"},
      {"seed not a string", "[[site]]\nname = \"a\"\nseeds = [42]\n",
       "sites.toml:3: [[site]] 'a' seeds[0]: expected a string, got 42"},
      {"max_depth negative",
       "[[site]]\nname = \"a\"\nseeds = [\"https://a.example/\"]\nmax_depth = -1\n",
       "sites.toml:4: [[site]] 'a' max_depth: expected a number from 0 to 2147483647, got -1"},
      {"duplicate site names",
       "[[site]]\nname = \"a\"\nseeds = [\"https://a.example/\"]\n\n"
       "[[site]]\nname = \"a\"\nseeds = [\"https://b.example/\"]\n",
       "sites.toml:6: [[site]] 'a' name: duplicate site name 'a' (first at line 2)"},
      {"second site's error names it",
       "[[site]]\nname = \"a\"\nseeds = [\"https://a.example/\"]\n\n"
       "[[site]]\nname = \"b\"\nseeds = [\"https://b.example/\"]\nmax_depth = \"3\"\n",
       R"(sites.toml:8: [[site]] 'b' max_depth: expected a whole number, got "3")"},
  };
  for (const ErrorCase& c : cases) {
    EXPECT_EQ(ErrorOf(c.text), c.message) << c.what;
  }
}

// Given several unknown keys, we should point at the first one in the file,
// not the first in toml++'s alphabetical order.
TEST(CrawlConfigErrors, AnUnknownKeyIsReportedInFileOrder) {
  EXPECT_EQ(ErrorOf("[crawl]\nzzz = 1\naaa = 2\n"), "sites.toml:2: unknown key 'zzz' in [crawl]");
}

// Regex messages carry the library's wording, so only their start is fixed.
TEST(CrawlConfigErrors, ABadRegexNamesItsElementAndLine) {
  for (const char* key : {"allow", "deny"}) {
    const std::string text =
        std::string("[[site]]\nname = \"b\"\nseeds = [\"https://b.example/\"]\n") + key +
        " = [\n  '/ok/',\n  '(unclosed',\n]\n";
    const std::string message = ErrorOf(text);
    const std::string expected =
        std::string("sites.toml:6: [[site]] 'b' ") + key + "[1]: invalid regex '(unclosed': ";
    EXPECT_EQ(message.substr(0, expected.size()), expected) << message;
  }
  const std::string message = ErrorOf(
      "[[site]]\nname = \"b\"\nseeds = [\"https://b.example/\"]\narticle_pattern = '[z-a]'\n");
  const std::string expected =
      "sites.toml:4: [[site]] 'b' article_pattern: invalid regex '[z-a]': ";
  EXPECT_EQ(message.substr(0, expected.size()), expected) << message;
}

TEST(CrawlConfigErrors, AFeedOrSitemapMustBeAnAbsoluteHttpUrl) {
  EXPECT_EQ(ErrorOf("[[site]]\nname = \"a\"\nseeds = [\"https://a.example/\"]\n"
                    "sitemaps = [\"https://a.example/s.xml\", \"mailto:x@a.example\"]\n")
                .substr(0, 43),
            "sites.toml:4: [[site]] 'a' sitemaps[1]: exp");
  EXPECT_EQ(ErrorOf("[[site]]\nname = \"a\"\nseeds = [\"https://a.example/\"]\n"
                    "feeds = [\"/rss.xml\"]\n")
                .substr(0, 40),
            "sites.toml:4: [[site]] 'a' feeds[0]: exp");
}

// Given a TOML syntax error, we should report toml++'s description at its line.
TEST(CrawlConfigErrors, ASyntaxErrorNamesItsLine) {
  const std::string message = ErrorOf("[crawl]\nconcurrency = 4\nmin_delay = 1s\n");
  const std::string expected = "sites.toml:3: TOML syntax error: ";
  EXPECT_EQ(message.substr(0, expected.size()), expected) << message;
  EXPECT_GT(message.size(), expected.size());
  EXPECT_EQ(ErrorOf("[crawl]\n[crawl]\n").substr(0, 33), "sites.toml:2: TOML syntax error: ");
}

struct FixtureCase {
  const char* file;
  const char* message_start;  // after the path
};

// Given the bad fixture files, LoadCrawlConfig should report the path as given,
// the line, and the key.
TEST(CrawlConfigErrors, FixtureFilesReportThePathLineAndKey) {
  const FixtureCase cases[] = {
      {"bad_duration.toml", R"(:4: [crawl] min_delay: expected a duration like "1s", got "fast")"},
      {"bad_unknown_key.toml", ":4: unknown key 'concurency' in [crawl]"},
      {"bad_syntax.toml", ":3: TOML syntax error: "},
      {"bad_regex.toml", ":6: [[site]] 'broken' deny[1]: invalid regex '(unclosed': "},
      {"bad_seed.toml", R"(:3: [[site]] 'ftp' seeds[0]: expected an http(s) URL, got "ftp://)"},
      {"bad_duplicate_site.toml", ":6: [[site]] 'same' name: duplicate site name 'same'"},
      {"bad_revisit_order.toml",
       R"(:5: [crawl] revisit[2]: ages must increase: "12h:3h" comes after "1d:1h")"},
      {"bad_delays.toml", ":3: [crawl] max_delay: min_delay (1m) must not exceed max_delay (30s)"},
  };
  for (const FixtureCase& c : cases) {
    const std::string path = std::string(testing::kFixturesDir) + "/config/" + c.file;
    core::Result<CrawlConfig> config = LoadCrawlConfig(path);
    ASSERT_FALSE(config.ok()) << c.file;
    EXPECT_EQ(config.error().code(), core::StatusCode::kInvalidArgument) << c.file;
    const std::string expected = path + c.message_start;
    EXPECT_EQ(config.error().message().substr(0, expected.size()), expected);
  }
}

}  // namespace
}  // namespace newsvault::config
