// Percent-encoding normalisation and '*'/'$' matching (RFC 9309 §2.2.2, §2.2.3).
#include "crawler/robots_matcher.h"

#include <string>

#include <gtest/gtest.h>

namespace newsvault::crawler {
namespace {

TEST(RobotsNormalize, DecodesUnreservedAndUppercasesTheRest) {
  // §2.2.2: "%62%61%7A" is "baz"; reserved "%2f" stays encoded, in uppercase.
  EXPECT_EQ(NormalizeRobotsPath("/foo/%62%61%7a/%2f%3d"), "/foo/baz/%2F%3D");
}

TEST(RobotsNormalize, EncodesNonAsciiSpacesAndStrayPercents) {
  EXPECT_EQ(NormalizeRobotsPath("/caf\xC3\xA9 menu/100%"), "/caf%C3%A9%20menu/100%25");
  EXPECT_EQ(NormalizeRobotsPattern("/caf\xC3\xA9"), "/caf%C3%A9");
}

TEST(RobotsNormalize, StarAndDollarAreLiteralInPathsAndOperatorsInPatterns) {
  // §2.2.3: in a URL they are plain characters; in a pattern '*' is the
  // wildcard and only a final '$' anchors.
  EXPECT_EQ(NormalizeRobotsPath("/a*b$"), "/a%2Ab%24");
  EXPECT_EQ(NormalizeRobotsPattern("/a*b$"), "/a*b$");
  EXPECT_EQ(NormalizeRobotsPattern("/a$b"), "/a%24b");
  EXPECT_EQ(NormalizeRobotsPattern("/a%2Ab"), "/a%2Ab");
}

TEST(RobotsMatch, PatternWithoutDollarMatchesAPrefix) {
  EXPECT_TRUE(RobotsPatternMatches("/fish", "/fish.html"));
  EXPECT_TRUE(RobotsPatternMatches("/fish", "/fish"));
  EXPECT_FALSE(RobotsPatternMatches("/fish", "/Fish.asp"));
  EXPECT_FALSE(RobotsPatternMatches("/fish/", "/fish"));
}

TEST(RobotsMatch, StarAndDollarFollowTheRfcExamples) {
  EXPECT_TRUE(RobotsPatternMatches("/*.php$", "/folder/filename.php"));
  EXPECT_FALSE(RobotsPatternMatches("/*.php$", "/filename.php?parameters"));
  EXPECT_FALSE(RobotsPatternMatches("/*.php$", "/filename.php5"));
  EXPECT_TRUE(RobotsPatternMatches("/fish*.php", "/fishheads/catfish.php?parameters"));
  EXPECT_FALSE(RobotsPatternMatches("/fish*.php", "/Fish.PHP"));
  EXPECT_TRUE(RobotsPatternMatches("/*", "/"));
  EXPECT_TRUE(RobotsPatternMatches("*", "/anything"));
  EXPECT_TRUE(RobotsPatternMatches("/a**b$", "/axxb"));
  EXPECT_FALSE(RobotsPatternMatches("/a*b$", "/axxbc"));
  EXPECT_TRUE(RobotsPatternMatches("/a*b$", "/axbxb"));
}

TEST(RobotsMatch, HostilePatternFinishesQuickly) {
  // Given many stars that can never complete a match, we should give up after
  // O(pattern x path) steps, not exponentially many.
  std::string pattern = "/";
  for (int i = 0; i < 2000; ++i) pattern += "*a";
  pattern += "b$";
  const std::string path = "/" + std::string(20000, 'a');
  EXPECT_FALSE(RobotsPatternMatches(pattern, path));
}

TEST(RobotsPathOf, KeepsPathAndQueryAndDropsTheRest) {
  EXPECT_EQ(RobotsPathOf("https://Example.com:8080/a/b?q=1#frag"), "/a/b?q=1");
  EXPECT_EQ(RobotsPathOf("http://example.com"), "/");
  EXPECT_EQ(RobotsPathOf("http://example.com?q"), "/?q");
  EXPECT_EQ(RobotsPathOf("/path?x=http://y/z"), "/path?x=http://y/z");
  EXPECT_EQ(RobotsPathOf("/a#b"), "/a");
}

}  // namespace
}  // namespace newsvault::crawler
