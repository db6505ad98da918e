#include "core/url.h"

#include <gtest/gtest.h>

#include <random>

namespace newsvault::core {
namespace {

Url MustParse(std::string_view text) {
  Result<Url> u = Url::Parse(text);
  EXPECT_TRUE(u.ok()) << text << ": " << u.status().ToString();
  return u.ok() ? *u : Url();
}

// Normalized form plus the fragment, so resolution tests see every component.
std::string WithFragment(const Url& u) {
  return u.fragment().empty() ? u.Normalized() : u.Normalized() + "#" + u.fragment();
}

TEST(UrlParse, SplitsComponents) {
  Url u = MustParse("https://example.com:8443/a/b.html?x=1&y=2#top");
  EXPECT_EQ(u.scheme(), "https");
  EXPECT_EQ(u.host(), "example.com");
  EXPECT_EQ(u.port(), 8443);
  EXPECT_TRUE(u.has_explicit_port());
  EXPECT_EQ(u.path(), "/a/b.html");
  EXPECT_EQ(u.query(), "x=1&y=2");
  EXPECT_TRUE(u.has_query());
  EXPECT_EQ(u.fragment(), "top");
}

TEST(UrlParse, LowercasesSchemeAndHostAndDefaultsPathAndPort) {
  Url u = MustParse("HTTP://WWW.Example.COM");
  EXPECT_EQ(u.scheme(), "http");
  EXPECT_EQ(u.host(), "www.example.com");
  EXPECT_EQ(u.path(), "/");
  EXPECT_EQ(u.port(), 80);
  EXPECT_FALSE(u.has_explicit_port());
  EXPECT_FALSE(u.has_query());
  EXPECT_EQ(MustParse("https://example.com").port(), 443);
}

TEST(UrlParse, TrimsWhitespaceAndDropsTabsAndNewlines) {
  // WHATWG URL: leading/trailing C0 and space stripped, tab/LF/CR removed anywhere.
  Url u = MustParse("  \t https://exam\nple.com/a\tb \r\n");
  EXPECT_EQ(u.host(), "example.com");
  EXPECT_EQ(u.path(), "/ab");
}

TEST(UrlParse, ReadsBackslashesAsSlashesBeforeTheQuery) {
  Url u = MustParse("http:\\\\example.com\\a\\b?x=\\y");
  EXPECT_EQ(u.host(), "example.com");
  EXPECT_EQ(u.path(), "/a/b");
  EXPECT_EQ(u.query(), "x=\\y");
}

TEST(UrlParse, AcceptsIpv6LiteralHosts) {
  Url u = MustParse("http://[2001:DB8::1]:8080/x");
  EXPECT_EQ(u.host(), "2001:db8::1");
  EXPECT_EQ(u.port(), 8080);
  EXPECT_EQ(u.Authority(), "[2001:db8::1]:8080");
  EXPECT_EQ(u.Normalized(), "http://[2001:db8::1]:8080/x");
}

TEST(UrlParse, AcceptsAndDropsUserinfo) {
  Url u = MustParse("http://user:secret@example.com/private");
  EXPECT_EQ(u.host(), "example.com");
  EXPECT_EQ(u.Normalized(), "http://example.com/private");
}

TEST(UrlParse, RejectsOtherSchemesAsUnsupported) {
  Result<Url> ftp = Url::Parse("ftp://example.com/file");
  ASSERT_FALSE(ftp.ok());
  EXPECT_EQ(ftp.error().code(), StatusCode::kUnsupported);
  EXPECT_EQ(ftp.error().message(), "unsupported URL scheme 'ftp'");
  EXPECT_EQ(Url::Parse("MAILTO:someone@example.com").status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(Url::Parse("javascript:void(0)").status().code(), StatusCode::kUnsupported);
}

TEST(UrlParse, RejectsMalformedUrlsWithClearMessages) {
  struct Case {
    const char* url;
    const char* says;
  } cases[] = {
      {"", "empty URL"},
      {"example.com/page", "not an absolute URL"},
      {"http://", "no host"},
      {"http://?q=1", "no host"},
      {"http://#top", "no host"},
      {"http://user@/x", "no host"},
      {"http://exa mple.com/", "invalid character in the host"},
      {"http://exa<mple.com/", "invalid character in the host"},
      {"http://example.com:0/", "invalid port '0'"},
      {"http://example.com:65536/", "invalid port '65536'"},
      {"http://example.com:99999999999999999999/", "invalid port"},
      {"http://example.com:8o/", "invalid port '8o'"},
      {"http://[::1/", "unterminated IPv6"},
      {"http://[example]/", "invalid IPv6"},
      {"http://[::1]x/", "after IPv6"},
  };
  for (const Case& c : cases) {
    Result<Url> u = Url::Parse(c.url);
    ASSERT_FALSE(u.ok()) << c.url;
    EXPECT_EQ(u.error().code(), StatusCode::kInvalidArgument) << c.url;
    EXPECT_NE(u.error().message().find(c.says), std::string::npos)
        << c.url << " -> " << u.error().message();
  }
}

TEST(UrlParse, AcceptsPortBoundsAndAnEmptyPort) {
  EXPECT_EQ(MustParse("http://example.com:1/").port(), 1);
  EXPECT_EQ(MustParse("http://example.com:65535/").port(), 65535);
  Url empty = MustParse("http://example.com:/x");  // WHATWG: an empty port is the default
  EXPECT_EQ(empty.port(), 80);
  EXPECT_FALSE(empty.has_explicit_port());
}

TEST(UrlParse, TakesTheHostAfterAnyNumberOfSlashes) {
  // WHATWG: for http(s), "http:/x", "http:///x" and "http:x" all name host x.
  EXPECT_EQ(MustParse("http:///example.com/p").host(), "example.com");
  EXPECT_EQ(MustParse("http:/example.com/p").Normalized(), "http://example.com/p");
}

TEST(UrlParse, DecodesPercentEscapesInHosts) {
  EXPECT_EQ(MustParse("http://ex%41mple.com/").host(), "example.com");
}

TEST(UrlParse, KeepsNonAsciiHostBytesAndLowercasesAscii) {
  // IDNs are kept as UTF-8 (no punycode); only ASCII letters are folded.
  EXPECT_EQ(MustParse("http://B\xC3\xBC"
                      "CHER.de/")
                .host(),
            "b\xC3\xBC"
            "cher.de");
}

TEST(UrlParse, RemovesDotSegments) {
  EXPECT_EQ(MustParse("http://a/b/c/./../../g").path(), "/g");
  EXPECT_EQ(MustParse("http://a/b/c/./../d/g").path(), "/b/d/g");
  EXPECT_EQ(MustParse("http://a/../../x").path(), "/x");
  EXPECT_EQ(MustParse("http://a/b/%2E%2e/c").path(), "/c");
  EXPECT_EQ(MustParse("http://a/b/..").path(), "/");
  EXPECT_EQ(MustParse("http://a/b/c/.").path(), "/b/c/");
}

TEST(UrlParse, EncodesSpacesAndNonAsciiInPathAndQuery) {
  Url u = MustParse("http://a/caf\xC3\xA9 bar?q=a b\"");
  EXPECT_EQ(u.path(), "/caf%C3%A9%20bar");
  EXPECT_EQ(u.query(), "q=a%20b%22");
}

TEST(UrlNormalized, DropsDefaultPortAndFragment) {
  EXPECT_EQ(MustParse("HTTPS://Example.COM:443/A?B#C").Normalized(), "https://example.com/A?B");
  EXPECT_EQ(MustParse("http://example.com:80").Normalized(), "http://example.com/");
  EXPECT_EQ(MustParse("http://example.com:8080").Normalized(), "http://example.com:8080/");
}

TEST(UrlNormalized, NormalisesPercentEncoding) {
  // RFC 3986 §6.2.2: unreserved characters decoded, hex digits uppercase,
  // reserved characters stay encoded; a stray '%' is encoded.
  EXPECT_EQ(MustParse("http://a/%7euser/%2fx%41?%41=%e2%82%ac&p=100%").Normalized(),
            "http://a/~user/%2FxA?A=%E2%82%AC&p=100%25");
}

TEST(UrlNormalized, KeepsAnEmptyQueryMarker) {
  EXPECT_EQ(MustParse("http://a/x?").Normalized(), "http://a/x?");
  EXPECT_EQ(MustParse("http://a/x").Normalized(), "http://a/x");
}

TEST(UrlNormalized, IsStableWhenReparsed) {
  for (const char* text :
       {"http://a/%7e/./b/../c?x=%2f#f", "https://[::1]:8443/a b", "http://h:80/?"}) {
    std::string once = MustParse(text).Normalized();
    EXPECT_EQ(MustParse(once).Normalized(), once) << text;
  }
}

TEST(UrlAuthority, AddsOnlyNonDefaultPorts) {
  EXPECT_EQ(MustParse("http://127.0.0.1:8080/x").Authority(), "127.0.0.1:8080");
  EXPECT_EQ(MustParse("http://example.com:80/").Authority(), "example.com");
  EXPECT_EQ(MustParse("https://example.com:80/").Authority(), "example.com:80");
}

// RFC 3986 §5.4: every example against base "http://a/b/c/d;p?q".
TEST(UrlResolve, MatchesRfc3986NormalExamples) {
  Url base = MustParse("http://a/b/c/d;p?q");
  const std::pair<const char*, const char*> cases[] = {
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g/"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
  };
  for (const auto& [ref, want] : cases) {
    Result<Url> r = base.Resolve(ref);
    ASSERT_TRUE(r.ok()) << ref << ": " << r.status().ToString();
    EXPECT_EQ(WithFragment(*r), want) << "reference '" << ref << "'";
  }
}

TEST(UrlResolve, MatchesRfc3986AbnormalExamples) {
  Url base = MustParse("http://a/b/c/d;p?q");
  const std::pair<const char*, const char*> cases[] = {
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g?y/../x", "http://a/b/c/g?y/../x"},
      {"g#s/./x", "http://a/b/c/g#s/./x"},
      {"g#s/../x", "http://a/b/c/g#s/../x"},
      // RFC 3986 §5.4.2 allows, and browsers use, the backward-compatible reading.
      {"http:g", "http://a/b/c/g"},
  };
  for (const auto& [ref, want] : cases) {
    Result<Url> r = base.Resolve(ref);
    ASSERT_TRUE(r.ok()) << ref << ": " << r.status().ToString();
    EXPECT_EQ(WithFragment(*r), want) << "reference '" << ref << "'";
  }
}

TEST(UrlResolve, HandlesAbsoluteAndSchemeRelativeReferences) {
  Url base = MustParse("https://news.example.com/2025/02/story.html");
  EXPECT_EQ(base.Resolve("http://other.example/x")->Normalized(), "http://other.example/x");
  EXPECT_EQ(base.Resolve("//cdn.example.net/img.jpg")->Normalized(),
            "https://cdn.example.net/img.jpg");
  EXPECT_EQ(base.Resolve("  ../01/older.html ")->Normalized(),
            "https://news.example.com/2025/01/older.html");
  EXPECT_EQ(base.Resolve("\\\\evil.example\\x")->Normalized(), "https://evil.example/x");
}

TEST(UrlResolve, ReportsUnsupportedAndMalformedTargets) {
  Url base = MustParse("https://example.com/a");
  EXPECT_EQ(base.Resolve("mailto:x@example.com").status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(base.Resolve("javascript:alert(1)").status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(base.Resolve("//").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(base.Resolve("http://host:70000/").status().code(), StatusCode::kInvalidArgument);
}

TEST(UrlResolve, KeepsBasePortForRelativeReferences) {
  Url base = MustParse("http://127.0.0.1:8080/dir/page.html");
  EXPECT_EQ(base.Resolve("other.html")->Normalized(), "http://127.0.0.1:8080/dir/other.html");
}

// Property over generated URL-ish text (fixed seed): parsing never crashes,
// and whatever parses normalises to a fixed point with the same SURT key.
TEST(UrlProperty, NormalizedIsAFixedPointForGeneratedUrls) {
  std::mt19937 rng(3986);
  const std::string alphabet = "aZ09-._~%2e%41:/?#[]@!$&'()*+,;= \\\t\xc3\xa9<>\"{}|^`";
  const char* prefixes[] = {"http://",     "https://",    "HTTP://h",
                            "http://a.b/", "http:\\\\x/", "http://[::1]"};
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  int parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text = prefixes[pick(6)];
    for (int n = pick(30); n > 0; --n)
      text.push_back(alphabet[static_cast<size_t>(pick(static_cast<int>(alphabet.size())))]);
    Result<Url> u = Url::Parse(text);
    if (!u.ok()) continue;
    ++parsed;
    std::string once = u->Normalized();
    Result<Url> again = Url::Parse(once);
    ASSERT_TRUE(again.ok()) << text << " -> " << once;
    ASSERT_EQ(again->Normalized(), once) << text;
    ASSERT_EQ(SurtKey(*again), SurtKey(*u)) << text;
    Result<Url> resolved = u->Resolve(text.substr(text.size() / 2));
    if (resolved.ok()) {
      ASSERT_EQ(Url::Parse(resolved->Normalized())->Normalized(), resolved->Normalized()) << text;
    }
  }
  EXPECT_GT(parsed, 5000);
}

}  // namespace
}  // namespace newsvault::core
