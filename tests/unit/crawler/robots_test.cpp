// RFC 9309 conformance of the robots.txt parser and decision: one table row
// per rule of the RFC, each citing its section, then the fetch-status policy,
// the 500 KiB limit and the oddities the parser reports.
#include "crawler/robots.h"

#include <ostream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace newsvault::crawler {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct DecideCase {
  const char* name;     // test name suffix
  const char* section;  // the RFC 9309 section the row checks
  const char* robots;   // robots.txt body
  const char* agent;    // the crawler's User-agent
  const char* url;      // URL or path asked about
  bool allowed;
  int line;  // the deciding line, 0 when no rule decided
};

// Failure messages name the row, not the struct's bytes.
void PrintTo(const DecideCase& c, std::ostream* os) { *os << c.name; }

const DecideCase kDecideCases[] = {
    // §2.2.1: product tokens match case-insensitively.
    {"AgentMatchIsCaseInsensitive", "2.2.1", "User-agent: NewsVault\nDisallow: /x\n", "newsvault",
     "/x/1", false, 2},
    // §2.2.1: only the token counts, not a version after '/' in the file...
    {"AgentVersionInFileIsIgnored", "2.2.1", "User-agent: newsvault/2.0\nDisallow: /x\n",
     "newsvault", "/x", false, 2},
    // ...nor the version and contact the crawler sends.
    {"AgentVersionAndContactOfCrawlerAreIgnored", "2.2.1", "User-agent: newsvault\nDisallow: /x\n",
     "newsvault/0.1 (+https://example.org/bot)", "/x", false, 2},
    // §2.2.1: a longer token is another crawler, not a prefix match.
    {"LongerTokenIsAnotherCrawler", "2.2.1", "User-agent: newsvault-images\nDisallow: /\n",
     "newsvault", "/x", true, 0},
    // §2.2.1: the agent's own group replaces the "*" group entirely.
    {"OwnGroupReplacesStarGroup", "2.2.1",
     "User-agent: *\nDisallow: /\n\nUser-agent: newsvault\nDisallow: /private\n", "newsvault",
     "/news", true, 0},
    // §2.2.1: without an own group, the "*" group applies.
    {"StarGroupAppliesToOtherAgents", "2.2.1",
     "User-agent: *\nDisallow: /\n\nUser-agent: newsvault\nDisallow: /private\n", "otherbot",
     "/news", false, 2},
    // §2.2.1: several groups naming the agent are merged into one.
    {"GroupsForTheSameAgentAreMergedFirst", "2.2.1",
     "User-agent: newsvault\nDisallow: /a\n\nUser-agent: other\nDisallow: /\n\n"
     "User-agent: newsvault\nDisallow: /b\n",
     "newsvault", "/a/1", false, 2},
    {"GroupsForTheSameAgentAreMergedSecond", "2.2.1",
     "User-agent: newsvault\nDisallow: /a\n\nUser-agent: other\nDisallow: /\n\n"
     "User-agent: newsvault\nDisallow: /b\n",
     "newsvault", "/b/1", false, 8},
    // §2.2.1: several "*" groups are merged too.
    {"StarGroupsAreMerged", "2.2.1", "User-agent: *\nDisallow: /a\n\nUser-agent: *\nDisallow: /b\n",
     "newsvault", "/b", false, 5},
    // §2.1: consecutive user-agent lines share the rules that follow.
    {"ConsecutiveAgentLinesShareAGroup", "2.1",
     "User-agent: a\nUser-agent: newsvault\nUser-agent: b\nDisallow: /shared\n", "newsvault",
     "/shared", false, 4},
    // §2.1: a user-agent line after a rule opens a new group.
    {"AgentLineAfterARuleOpensANewGroup", "2.1",
     "User-agent: newsvault\nDisallow: /one\nUser-agent: other\nDisallow: /two\n", "newsvault",
     "/two", true, 0},
    // §2.2.1: no group for the agent and no "*" group: no restrictions.
    {"NoGroupMeansAllowed", "2.2.1", "User-agent: googlebot\nDisallow: /\n", "newsvault", "/x",
     true, 0},
    // §2.1: a rule before any user-agent line belongs to no group.
    {"RuleBeforeAnyAgentIsIgnored", "2.1", "Disallow: /x\nUser-agent: *\nAllow: /y\n", "newsvault",
     "/x", true, 0},
    // §2.2.2: the longest matching path wins, whatever the order.
    {"LongestMatchWinsDisallow", "2.2.2", "User-agent: *\nAllow: /p\nDisallow: /p/private\n",
     "newsvault", "/p/private/x", false, 3},
    {"LongestMatchWinsAllow", "2.2.2", "User-agent: *\nAllow: /p/public\nDisallow: /p\n",
     "newsvault", "/p/public", true, 2},
    // §2.2.2: Allow wins over a Disallow of equal length, before or after it.
    {"AllowWinsTieWhenLast", "2.2.2", "User-agent: *\nDisallow: /page\nAllow: /page\n", "newsvault",
     "/page", true, 3},
    {"AllowWinsTieWhenFirst", "2.2.2", "User-agent: *\nAllow: /page\nDisallow: /page\n",
     "newsvault", "/page", true, 2},
    // §2.2.2: matching is on the path and the query.
    {"QueryIsPartOfThePath", "2.2.2", "User-agent: *\nDisallow: /search?q=\n", "newsvault",
     "https://example.com/search?q=cats", false, 2},
    {"QueryRuleDoesNotMatchBarePath", "2.2.2", "User-agent: *\nDisallow: /search?q=\n", "newsvault",
     "/search", true, 0},
    // §2.2.2: paths compare octet by octet: case matters.
    {"PathsAreCaseSensitive", "2.2.2", "User-agent: *\nDisallow: /Private\n", "newsvault",
     "/private", true, 0},
    // §2.2.2: an empty Disallow is no rule at all.
    {"EmptyDisallowAllowsAll", "2.2.2", "User-agent: *\nDisallow:\n", "newsvault", "/anything",
     true, 0},
    // §2.2.2: /robots.txt is implicitly allowed.
    {"RobotsTxtIsAlwaysAllowed", "2.2.2", "User-agent: *\nDisallow: /\n", "newsvault",
     "http://example.com/robots.txt", true, 0},
    // §2.2.3: '*' matches any run of characters.
    {"StarMatchesAnything", "2.2.3", "User-agent: *\nDisallow: /*.pdf\n", "newsvault",
     "/docs/2024/a.pdf?x=1", false, 2},
    {"StarMatchesInTheMiddle", "2.2.3", "User-agent: *\nDisallow: /*/comments/\n", "newsvault",
     "/2024/01/story/comments/7", false, 2},
    {"StarMatchesNothing", "2.2.3", "User-agent: *\nDisallow: /a*b\n", "newsvault", "/ab", false,
     2},
    // §2.2.3: '$' anchors the end of the path.
    {"DollarAnchorsTheEnd", "2.2.3", "User-agent: *\nDisallow: /*.pdf$\n", "newsvault", "/a.pdf",
     false, 2},
    {"DollarRefusesALongerPath", "2.2.3", "User-agent: *\nDisallow: /*.pdf$\n", "newsvault",
     "/a.pdf?download=1", true, 0},
    {"SlashDollarIsOnlyTheRoot", "2.2.3", "User-agent: *\nDisallow: /$\n", "newsvault",
     "/index.html", true, 0},
    {"SlashDollarMatchesTheRoot", "2.2.3", "User-agent: *\nDisallow: /$\n", "newsvault",
     "http://example.com", false, 2},
    // §2.2.3: "%2A" and "%24" in a pattern match a literal '*' and '$'.
    {"EncodedStarIsALiteralStar", "2.2.3", "User-agent: *\nDisallow: /file-%2A.html\n", "newsvault",
     "/file-*.html", false, 2},
    {"EncodedStarIsNotAWildcard", "2.2.3", "User-agent: *\nDisallow: /file-%2A.html\n", "newsvault",
     "/file-x.html", true, 0},
    {"EncodedDollarIsALiteralDollar", "2.2.3", "User-agent: *\nDisallow: /foo-%24\n", "newsvault",
     "/foo-$", false, 2},
    // §2.2.2: percent-encoded unreserved characters equal their plain form, both ways.
    {"EncodedPatternMatchesPlainPath", "2.2.2", "User-agent: *\nDisallow: /foo/bar/%62%61%7A\n",
     "newsvault", "/foo/bar/baz", false, 2},
    {"PlainPatternMatchesEncodedPath", "2.2.2", "User-agent: *\nDisallow: /~user\n", "newsvault",
     "/%7euser/page", false, 2},
    // §2.2.2: non-ASCII octets are percent-encoded before comparing, both ways,
    // and hex case does not matter.
    {"Utf8PatternMatchesEncodedPath", "2.2.2", "User-agent: *\nDisallow: /caf\xC3\xA9\n",
     "newsvault", "/caf%C3%A9/menu", false, 2},
    {"EncodedPatternMatchesUtf8Path", "2.2.2", "User-agent: *\nDisallow: /foo/bar/%e3%83%84\n",
     "newsvault", "http://example.com/foo/bar/\xE3\x83\x84", false, 2},
    // §2.2.2 with RFC 3986 §6.2.2.2: an encoded reserved character is not the character.
    {"EncodedSlashIsNotASlash", "2.2.2", "User-agent: *\nDisallow: /a%2Fb\n", "newsvault", "/a/b",
     true, 0},
    // §2.2: '#' starts a comment, also after a value.
    {"CommentAfterValueIsIgnored", "2.2",
     "# site rules\nUser-agent: * # everyone\nDisallow: /a # not /a-b\n", "newsvault", "/a-b",
     false, 3},
    // §2.2: field names are case-insensitive; spaces around ':' are fine.
    {"FieldNamesAreCaseInsensitive", "2.2", "USER-AGENT : *\nDISALLOW :/x\n", "newsvault", "/x",
     false, 2},
    // §2.2: lines may end in CR alone, CRLF or LF.
    {"CrOnlyLineEndings", "2.2", "User-agent: *\rAllow: /x/ok\rDisallow: /x\r", "newsvault",
     "/x/no", false, 3},
    {"CrLfLineEndings", "2.2", "User-agent: *\r\nAllow: /x/ok\r\nDisallow: /x\r\n", "newsvault",
     "/x/no", false, 3},
    // §2.2: the file is UTF-8; a leading BOM is not part of the first field name.
    {"ByteOrderMarkIsSkipped", "2.2", "\xEF\xBB\xBFUser-agent: *\nDisallow: /x\n", "newsvault",
     "/x", false, 2},
    // Not RFC: a common misspelling is read as meant (and reported).
    {"MisspelledDisallowStillDisallows", "2.2.4", "User-agent: *\nDissallow: /x\n", "newsvault",
     "/x", false, 2},
};

class RobotsRfc : public ::testing::TestWithParam<DecideCase> {};

TEST_P(RobotsRfc, DecidesAsTheRfcSays) {
  const DecideCase& c = GetParam();
  RobotsDecision d = Decide(ParseRobotsTxt(c.robots), c.agent, c.url);
  EXPECT_EQ(d.allowed, c.allowed) << "RFC 9309 §" << c.section << ": " << c.url;
  EXPECT_EQ(d.line, c.line) << "RFC 9309 §" << c.section << ": " << d.rule << d.reason;
}

INSTANTIATE_TEST_SUITE_P(Rows, RobotsRfc, ::testing::ValuesIn(kDecideCases),
                         [](const ::testing::TestParamInfo<DecideCase>& row) {
                           return std::string(row.param.name);
                         });

TEST(Robots, DecisionNamesTheRuleTextAndTheGroup) {
  RobotsTxt robots = ParseRobotsTxt(
      "User-agent: *\nDisallow: /\n\nUser-agent: newsvault\nDisallow: /private/  # staff only\n");
  RobotsDecision d = Decide(robots, "newsvault", "https://example.com/private/x");
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.line, 5);
  EXPECT_EQ(d.rule, "Disallow: /private/");
  EXPECT_EQ(d.agent_group, "newsvault");
  EXPECT_EQ(Decide(robots, "otherbot", "/x").agent_group, "*");
}

TEST(Robots, DecisionSaysWhyWhenNoRuleDecided) {
  EXPECT_EQ(Decide(ParseRobotsTxt("User-agent: *\nDisallow: /a\n"), "nv", "/b").reason,
            "no matching rule");
  RobotsDecision none = Decide(ParseRobotsTxt("User-agent: other\nDisallow: /\n"), "nv", "/b");
  EXPECT_EQ(none.reason, "no group for agent");
  EXPECT_EQ(none.agent_group, "");
}

TEST(Robots, CrawlDelayComesFromTheGroupThatApplies) {
  // Given a "*" delay and an own-group delay, we should report only the own group's.
  RobotsTxt robots = ParseRobotsTxt(
      "User-agent: *\nCrawl-delay: 30\n\nUser-agent: newsvault\nCrawl-delay: 2.5\nDisallow: /x\n");
  EXPECT_EQ(Decide(robots, "newsvault", "/a").crawl_delay_seconds, 2.5);
  EXPECT_EQ(Decide(robots, "otherbot", "/a").crawl_delay_seconds, 30.0);
  EXPECT_EQ(Decide(ParseRobotsTxt("User-agent: *\nDisallow: /x\n"), "nv", "/a").crawl_delay_seconds,
            std::nullopt);
}

TEST(Robots, MergedGroupsTakeTheLargestCrawlDelay) {
  RobotsTxt robots = ParseRobotsTxt(
      "User-agent: newsvault\nCrawl-delay: 1\n\nUser-agent: newsvault\nCrawl-delay: 4\n");
  EXPECT_EQ(Decide(robots, "newsvault", "/").crawl_delay_seconds, 4.0);
}

TEST(Robots, SitemapsAreGlobalAndDoNotEndAnAgentRun) {
  // §2.2.4: Sitemap lines stand outside groups; one between two user-agent
  // lines must not split the group.
  RobotsTxt robots = ParseRobotsTxt(
      "Sitemap: https://example.com/sitemap.xml\nUser-agent: a\n"
      "Sitemap: https://example.com/news.xml\nUser-agent: newsvault\nDisallow: /x\n"
      "Sitemap: /relative.xml\n");
  EXPECT_THAT(robots.sitemaps,
              ElementsAre("https://example.com/sitemap.xml", "https://example.com/news.xml"));
  EXPECT_FALSE(Decide(robots, "a", "/x").allowed);
  ASSERT_EQ(robots.oddities.size(), 1u);
  EXPECT_EQ(robots.oddities[0].line, 6);
  EXPECT_THAT(robots.oddities[0].message, HasSubstr("not an absolute"));
}

std::string FillerTo(size_t size) {
  // Comment lines of 100 bytes up to exactly `size` bytes.
  std::string filler;
  while (filler.size() + 100 <= size) filler += "#" + std::string(98, 'x') + "\n";
  filler += std::string(size - filler.size(), '#');
  return filler;
}

TEST(Robots, RulesAfterFiveHundredKibibytesAreIgnored) {
  // §2.5: we read the first 500 KiB; a rule after the limit does not exist.
  std::string body = "User-agent: *\nDisallow: /before\n";
  body += FillerTo(kRobotsMaxBytes - body.size() - 1) + "\n";
  ASSERT_EQ(body.size(), kRobotsMaxBytes);
  body += "Disallow: /after\n";
  RobotsTxt robots = ParseRobotsTxt(body);
  EXPECT_TRUE(robots.truncated);
  EXPECT_FALSE(Decide(robots, "nv", "/before").allowed);
  EXPECT_TRUE(Decide(robots, "nv", "/after").allowed);
  ASSERT_FALSE(robots.oddities.empty());
  EXPECT_EQ(robots.oddities[0].line, 0);
  EXPECT_THAT(robots.oddities[0].message, HasSubstr("RFC 9309 §2.5"));
}

TEST(Robots, RuleEndingExactlyAtTheLimitStillCounts) {
  std::string body = "User-agent: *\n";
  const std::string rule = "Disallow: /edge\n";
  body += FillerTo(kRobotsMaxBytes - body.size() - rule.size() - 1) + "\n" + rule;
  ASSERT_EQ(body.size(), kRobotsMaxBytes);
  EXPECT_FALSE(ParseRobotsTxt(body).truncated);
  EXPECT_FALSE(Decide(ParseRobotsTxt(body), "nv", "/edge").allowed);
  // One byte more and the rule's line break falls past the limit: a line the
  // limit cuts is dropped whole, since its tail could have been anything.
  body.insert(15, "#");
  RobotsTxt cut = ParseRobotsTxt(body);
  EXPECT_TRUE(cut.truncated);
  EXPECT_TRUE(Decide(cut, "nv", "/edge").allowed);
}

TEST(Robots, FetchStatusDecidesHowToReadRobotsTxt) {
  struct Row {
    int status;
    bool network_error;
    RobotsAccess access;
    const char* section;
  };
  const Row rows[] = {
      {200, false, RobotsAccess::kRules, "2.3.1.1"},
      {204, false, RobotsAccess::kRules, "2.3.1.1"},
      // A 3xx reaches us only after the caller followed 5 redirects.
      {301, false, RobotsAccess::kAllowAll, "2.3.1.2"},
      {400, false, RobotsAccess::kAllowAll, "2.3.1.3"},
      {401, false, RobotsAccess::kAllowAll, "2.3.1.3"},
      {403, false, RobotsAccess::kAllowAll, "2.3.1.3"},
      {404, false, RobotsAccess::kAllowAll, "2.3.1.3"},
      {410, false, RobotsAccess::kAllowAll, "2.3.1.3"},
      {429, false, RobotsAccess::kDisallowAll, "2.3.1.4 (429 read as unreachable)"},
      {500, false, RobotsAccess::kDisallowAll, "2.3.1.4"},
      {503, false, RobotsAccess::kDisallowAll, "2.3.1.4"},
      {599, false, RobotsAccess::kDisallowAll, "2.3.1.4"},
      {0, true, RobotsAccess::kDisallowAll, "2.3.1.4"},
      {200, true, RobotsAccess::kDisallowAll, "2.3.1.4"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(RobotsAccessForFetch(row.status, row.network_error), row.access)
        << "HTTP " << row.status << " network_error=" << row.network_error << ", RFC 9309 §"
        << row.section;
  }
}

TEST(Robots, NotFoundAllowsAllWhateverTheBodySays) {
  // §2.3.1.3: a 404 page's HTML is not rules.
  RobotsTxt robots = RobotsFromFetch(404, "User-agent: *\nDisallow: /\n", false);
  RobotsDecision d = Decide(robots, "newsvault", "/news/1");
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.reason, "robots.txt returned HTTP 404: allow all");
}

TEST(Robots, ServerErrorDisallowsAllButRobotsTxtItself) {
  // §2.3.1.4: complete disallow, yet /robots.txt stays fetchable for the retry.
  RobotsTxt robots = RobotsFromFetch(503, "", false);
  RobotsDecision d = Decide(robots, "newsvault", "/news/1");
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.reason, "robots.txt returned HTTP 503: disallow all");
  EXPECT_TRUE(Decide(robots, "newsvault", "/robots.txt").allowed);
  EXPECT_EQ(Decide(RobotsFromFetch(0, "", true), "nv", "/").reason,
            "robots.txt unreachable (network error): disallow all");
}

TEST(Robots, SuccessfulFetchParsesTheBody) {
  EXPECT_FALSE(
      Decide(RobotsFromFetch(200, "User-agent: *\nDisallow: /\n", false), "nv", "/a").allowed);
}

TEST(Robots, ReportsOdditiesWithLineNumbers) {
  RobotsTxt robots = ParseRobotsTxt(
      "Disallow: /early\n"         // 1: outside any group
      "User-agent: *\n"            // 2
      "Host: example.com\n"        // 3: unknown field
      "Crawl-delay: soon\n"        // 4: not a number
      "Disallow /nocolon\n"        // 5: missing ':' but readable
      "this line means nothing\n"  // 6
      "Disallow: relative\n"       // 7: no leading '/'
      "User agent: other\n");      // 8: misspelled field
  std::vector<int> lines;
  for (const RobotsOddity& odd : robots.oddities) lines.push_back(odd.line);
  EXPECT_THAT(lines, ElementsAre(1, 3, 4, 5, 6, 7, 8));
  EXPECT_THAT(robots.oddities[0].message, HasSubstr("before any user-agent"));
  EXPECT_THAT(robots.oddities[1].message, HasSubstr("unknown field 'Host'"));
  EXPECT_THAT(robots.oddities[6].message, HasSubstr("misspelled"));
  // The repaired lines still work.
  EXPECT_FALSE(Decide(robots, "nv", "/nocolon").allowed);
  EXPECT_FALSE(Decide(robots, "nv", "/relative").allowed);
  // "User agent: other" opened a group of its own, with no rules.
  EXPECT_EQ(Decide(robots, "other", "/x").agent_group, "other");
  EXPECT_TRUE(Decide(robots, "other", "/x").allowed);
}

TEST(Robots, OverlongDisallowIsCutAndOverlongAllowDropped) {
  // A cut Disallow refuses more; a cut Allow would permit more, so it goes.
  const std::string long_path = "/" + std::string(kRobotsMaxLineBytes, 'a');
  RobotsTxt robots = ParseRobotsTxt("User-agent: *\nDisallow: /a\nAllow: " + long_path +
                                    "\nDisallow: " + long_path + "\n");
  ASSERT_EQ(robots.groups.size(), 1u);
  ASSERT_EQ(robots.groups[0].rules.size(), 2u);
  EXPECT_FALSE(robots.groups[0].rules[1].allow);
  EXPECT_LT(robots.groups[0].rules[1].pattern.size(), long_path.size());
  EXPECT_FALSE(Decide(robots, "nv", long_path).allowed);
  ASSERT_EQ(robots.oddities.size(), 2u);
  EXPECT_EQ(robots.oddities[0].line, 3);
  EXPECT_EQ(robots.oddities[1].line, 4);
}

TEST(Robots, OverlongLineOfAnotherFieldIsReported) {
  RobotsTxt robots =
      ParseRobotsTxt("User-agent: " + std::string(kRobotsMaxLineBytes, 'a') + "\nDisallow: /x\n");
  ASSERT_EQ(robots.oddities.size(), 1u);
  EXPECT_EQ(robots.oddities[0].line, 1);
  EXPECT_THAT(robots.oddities[0].message, HasSubstr("overlong line"));
}

TEST(Robots, ProductTokenIsTheTextBeforeSlashOrSpace) {
  EXPECT_EQ(RobotsProductToken("NewsVault/0.1 (+https://x)"), "newsvault");
  EXPECT_EQ(RobotsProductToken("  Googlebot-News  "), "googlebot-news");
  EXPECT_EQ(RobotsProductToken("bot extra"), "bot");
  EXPECT_EQ(RobotsProductToken(""), "");
}

TEST(Robots, NeverFailsOnBinaryGarbage) {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage.push_back(static_cast<char>((i * 131 + 7) % 256));
  RobotsTxt robots = ParseRobotsTxt("User-agent: *\n" + garbage + "\nDisallow: /z\n");
  EXPECT_FALSE(Decide(robots, "nv", "/z").allowed);
  EXPECT_FALSE(robots.oddities.empty());
}

}  // namespace
}  // namespace newsvault::crawler
