// SURT urlkeys (WARC writer checklist, "CDXJ"). Expected keys are the ones
// the Python `surt` package (which pywb calls) gives for the same URLs; several
// come from its test suite.
#include <gtest/gtest.h>

#include "core/url.h"

namespace newsvault::core {
namespace {

TEST(Surt, DropsSchemeAndLeadingWwwAndReversesHost) {
  EXPECT_EQ(SurtKey("http://www.example.com/"), "com,example)/");
  EXPECT_EQ(SurtKey("https://www.example.org/a?b=1"), "org,example)/a?b=1");
  EXPECT_EQ(SurtKey("https://news.bbc.co.uk/story"), "uk,co,bbc,news)/story");
}

TEST(Surt, DropsNumberedWwwButNotWwwInsideAName) {
  EXPECT_EQ(SurtKey("http://www2.example.com/"), "com,example)/");
  EXPECT_EQ(SurtKey("http://wwwexample.com/"), "com,wwwexample)/");
  EXPECT_EQ(SurtKey("http://sub.www.example.com/"), "com,example,www,sub)/");
}

TEST(Surt, SortsQueryArguments) {
  EXPECT_EQ(SurtKey("https://www.example.org/a?b=1&a=2"), "org,example)/a?a=2&b=1");
  EXPECT_EQ(SurtKey("http://archive.org/goo/?b&a"), "org,archive)/goo?a&b");
  EXPECT_EQ(SurtKey("http://archive.org/goo/?a=2&b&a=1"), "org,archive)/goo?a=1&a=2&b");
}

TEST(Surt, SortsArgumentsByNameThenValueLikePywb) {
  // surt sorts (name, value) pairs, so "a=1" precedes "a-b=2" although '-' < '='.
  EXPECT_EQ(SurtKey("http://example.com/?a-b=2&a=1"), "com,example)/?a=1&a-b=2");
}

TEST(Surt, KeepsNonDefaultPortOnly) {
  EXPECT_EQ(SurtKey("http://www.example.com:80/"), "com,example)/");
  EXPECT_EQ(SurtKey("https://example.com:443/x"), "com,example)/x");
  EXPECT_EQ(SurtKey("https://example.com:8443/x"), "com,example:8443)/x");
}

TEST(Surt, ReversesIpv4LiteralsLikePywbAndWarcio) {
  // surt's default (reverse_ipaddr=True), used by pywb, and warcio.js getSurt both
  // reverse dotted quads: surt's own test has "254,1,168,192)/info".
  EXPECT_EQ(SurtKey("http://192.168.1.254/info/"), "254,1,168,192)/info");
  EXPECT_EQ(SurtKey("http://127.0.0.1:8080/x"), "1,0,0,127:8080)/x");
}

TEST(Surt, KeepsIpv6LiteralsWhole) { EXPECT_EQ(SurtKey("http://[::1]:8080/x"), "[::1]:8080)/x"); }

TEST(Surt, LowercasesAndDropsFragmentAndTrailingSlash) {
  EXPECT_EQ(SurtKey("http://Example.com/Path/File.HTML?Q=A#Frag"),
            "com,example)/path/file.html?q=a");
  EXPECT_EQ(SurtKey("http://archive.org/goo/"), "org,archive)/goo");
  EXPECT_EQ(SurtKey("http://archive.org/goo/?"), "org,archive)/goo");
  EXPECT_EQ(SurtKey("http://archive.org"), "org,archive)/");
}

TEST(Surt, CanonicalisesEscapesLikeTheGoogleCanonicalizer) {
  EXPECT_EQ(SurtKey("http://host/%25%32%35"), "host)/%25");
  EXPECT_EQ(SurtKey("http://host/a%2520b"), "host)/a%20b");
  EXPECT_EQ(SurtKey("http://host.com//twoslashes?more//slashes"),
            "com,host)/twoslashes?more//slashes");
  EXPECT_EQ(
      SurtKey("http://visit.webhosting.yahoo.com/visit.gif?&r=http%3A//web.archive.org/web/"
              "20090517140029/http%3A//anthonystewarthead.electric-chi.com/&b=Netscape%205.0%20%"
              "28Windows%3B%20en-US%29&s=1366x768&o=Win32&c=24&j=true&v=1.2"),
      "com,yahoo,webhosting,visit)/visit.gif?&b=netscape%205.0%20(windows;%20en-us)&c=24&j=true&"
      "o=win32&r=http://web.archive.org/web/20090517140029/http://"
      "anthonystewarthead.electric-chi.com/&s=1366x768&v=1.2");
}

TEST(Surt, SharesAPrefixAcrossOneSite) {
  // The archive lists a site by prefix scan: every page of a host starts with "host)".
  EXPECT_EQ(SurtKey("https://example.com/2025/02/04/story.html").rfind("com,example)/", 0), 0u);
  EXPECT_EQ(SurtKey("http://www.example.com/about").rfind("com,example)/", 0), 0u);
}

TEST(Surt, UnparsableUrlKeysAsItsLowercaseText) {
  EXPECT_EQ(SurtKey("Not A URL"), "not a url");
  EXPECT_EQ(SurtKey("FTP://Example.com/X"), "ftp://example.com/x");
}

TEST(Surt, KeysAParsedUrlLikeItsText) {
  Result<Url> u = Url::Parse("https://www.example.org/a?b=1&a=2");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(SurtKey(*u), SurtKey("https://www.example.org/a?b=1&a=2"));
}

}  // namespace
}  // namespace newsvault::core
