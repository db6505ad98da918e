// Canonicalize and IsFetchableScheme: one key per resource for crawl dedup
// (issue 3, "URLs"); RFC 3986 §6.2.2 normalisation plus tracking and
// session-id parameter removal.
#include "core/url_canonicalizer.h"

#include <gtest/gtest.h>

#include <string>

namespace newsvault::core {
namespace {

std::string Canon(std::string_view url, const CanonicalizeOptions& options = {}) {
  Result<std::string> r = Canonicalize(url, options);
  EXPECT_TRUE(r.ok()) << url << ": " << r.status().ToString();
  return r.ok() ? *r : std::string();
}

TEST(Canonicalize, LowercasesSchemeAndHostButNotPathOrQuery) {
  EXPECT_EQ(Canon("HTTPS://News.Example.COM/World/Story?Id=AB"),
            "https://news.example.com/World/Story?Id=AB");
}

TEST(Canonicalize, DropsTheDefaultPortButKeepsOthers) {
  EXPECT_EQ(Canon("https://example.com:443/a"), "https://example.com/a");
  EXPECT_EQ(Canon("http://example.com:80/a"), "http://example.com/a");
  EXPECT_EQ(Canon("http://example.com:8080/a"), "http://example.com:8080/a");
  EXPECT_EQ(Canon("https://example.com:80/a"), "https://example.com:80/a");
}

TEST(Canonicalize, DropsTheFragment) {
  EXPECT_EQ(Canon("https://example.com/story#comments"), "https://example.com/story");
  EXPECT_EQ(Canon("https://example.com/story?p=2#top"), "https://example.com/story?p=2");
}

TEST(Canonicalize, NormalisesPercentEncodingAndDotSegments) {
  // RFC 3986 §6.2.2.1-3: uppercase hex, unreserved decoded, dot segments removed.
  EXPECT_EQ(Canon("https://example.com/a/./b/../%7euser/%e2%82%ac"),
            "https://example.com/a/~user/%E2%82%AC");
  EXPECT_EQ(Canon("https://example.com"), "https://example.com/");
}

TEST(Canonicalize, RemovesUtmParametersByPrefix) {
  EXPECT_EQ(Canon("https://example.com/a?utm_source=tw&id=7&utm_medium=social&utm_campaign=x"),
            "https://example.com/a?id=7");
}

TEST(Canonicalize, RemovesClickIdentifiers) {
  EXPECT_EQ(Canon("https://example.com/a?fbclid=IwAR0abc"), "https://example.com/a");
  EXPECT_EQ(Canon("https://example.com/a?gclid=Cj0K&x=1"), "https://example.com/a?x=1");
  EXPECT_EQ(Canon("https://example.com/a?x=1&msclkid=9&mc_cid=a&mc_eid=b"),
            "https://example.com/a?x=1");
}

TEST(Canonicalize, MatchesParameterNamesIgnoringCaseAndEscapes) {
  // "%5F" is '_', an unreserved character, decoded by normalisation first.
  EXPECT_EQ(Canon("https://example.com/a?UTM_Source=x&utm%5Fmedium=y&FBCLID=z&k=v"),
            "https://example.com/a?k=v");
}

TEST(Canonicalize, KeepsParametersThatOnlyLookLikeTrackingOnes) {
  // Given names that contain a tracking name without being one, we should keep them.
  EXPECT_EQ(Canon("https://example.com/a?xutm_source=1&fbclid2=2&utm=3"),
            "https://example.com/a?xutm_source=1&fbclid2=2&utm=3");
}

TEST(Canonicalize, DropsAQueryLeftEmpty) {
  EXPECT_EQ(Canon("https://example.com/a?"), "https://example.com/a");
  EXPECT_EQ(Canon("https://example.com/a?utm_source=x&fbclid=y"), "https://example.com/a");
}

TEST(Canonicalize, KeepsOrderAndEmptyPiecesOfTheRemainingQuery) {
  EXPECT_EQ(Canon("https://example.com/a?b=2&utm_term=q&a=1&&c"),
            "https://example.com/a?b=2&a=1&&c");
}

TEST(Canonicalize, SortsTheQueryOnlyWhenAsked) {
  CanonicalizeOptions options;
  options.sort_query = true;
  EXPECT_EQ(Canon("https://example.com/a?b=2&a=3&a=1&utm_source=x", options),
            "https://example.com/a?a=1&a=3&b=2");
  EXPECT_EQ(Canon("https://example.com/a?b=2&a=1"), "https://example.com/a?b=2&a=1");
}

TEST(Canonicalize, RemovesSessionIdQueryParameters) {
  EXPECT_EQ(Canon("https://example.com/a?PHPSESSID=0123456789abcdef0123456789abcdef&id=1"),
            "https://example.com/a?id=1");
  EXPECT_EQ(Canon("https://example.com/a?id=1&jsessionid=A1B2C3D4E5F60718293A4B5C6D7E8F90"),
            "https://example.com/a?id=1");
  EXPECT_EQ(Canon("https://example.com/a?sid=0123456789abcdef01234567"), "https://example.com/a");
  EXPECT_EQ(Canon("https://example.com/a?sessionid=0123456789abcdef01234567&p=2"),
            "https://example.com/a?p=2");
}

TEST(Canonicalize, RemovesAspSessionIdsByPrefix) {
  EXPECT_EQ(Canon("http://example.com/a.asp?ASPSESSIONIDQQGGQGPA=HBCFBDJBKFFMMDNOEBLEHHCC&n=1"),
            "http://example.com/a.asp?n=1");
}

TEST(Canonicalize, KeepsShortSessionNamedParametersThatAreNotTokens) {
  // Given "sid=3", more often a section id than a session, we should keep it.
  EXPECT_EQ(Canon("https://example.com/list?sid=3"), "https://example.com/list?sid=3");
  CanonicalizeOptions any_length;
  any_length.min_session_id_length = 0;
  EXPECT_EQ(Canon("https://example.com/list?sid=3&x=1", any_length),
            "https://example.com/list?x=1");
}

TEST(Canonicalize, RemovesJsessionidPathParameter) {
  EXPECT_EQ(Canon("https://example.com/news/story.jsp;jsessionid=0123456789ABCDEF0123?id=5"),
            "https://example.com/news/story.jsp?id=5");
  EXPECT_EQ(Canon("https://example.com/a;jsessionid=0123456789ABCDEF0123/b"),
            "https://example.com/a/b");
  // Other path parameters stay.
  EXPECT_EQ(Canon("https://example.com/a;v=2;JSESSIONID=0123456789ABCDEF0123;lang=en"),
            "https://example.com/a;v=2;lang=en");
  EXPECT_EQ(Canon("https://example.com/a;b"), "https://example.com/a;b");
}

TEST(Canonicalize, AppliesCustomParameterLists) {
  CanonicalizeOptions options;
  options.strip_params = {"ref"};
  options.strip_param_prefixes = {"pk_"};
  EXPECT_EQ(Canon("https://example.com/a?ref=home&pk_campaign=x&utm_source=y&fbclid=z", options),
            "https://example.com/a?utm_source=y&fbclid=z");
  CanonicalizeOptions none;
  none.strip_params.clear();
  none.strip_param_prefixes = {""};  // an empty prefix must not strip everything
  EXPECT_EQ(Canon("https://example.com/a?fbclid=z&b=1", none),
            "https://example.com/a?fbclid=z&b=1");
}

TEST(Canonicalize, MakesEquivalentSpellingsEqual) {
  // Given the duplicates a news page links to, we should key them once.
  const std::string expected = "https://example.com/2025/02/04/story.html";
  for (const char* variant : {
           "https://example.com/2025/02/04/story.html",
           "HTTPS://EXAMPLE.COM:443/2025/02/04/story.html#comments",
           "https://example.com/2025/02/04/./story.html?utm_source=rss&utm_medium=feed",
           "https://example.com/2025/02/04/story.html?fbclid=IwAR2x",
           "https://example.com/2025/02/04/story.html?",
       }) {
    EXPECT_EQ(Canon(variant), expected) << variant;
  }
}

TEST(Canonicalize, IsIdempotent) {
  for (const char* url : {"https://Example.com/a;jsessionid=0123456789ABCDEF0123?utm_x=1&b=%7e",
                          "http://example.com:8080/x/../y?q=a+b&&z"}) {
    const std::string once = Canon(url);
    EXPECT_EQ(Canon(once), once) << url;
  }
}

TEST(Canonicalize, RejectsNonHttpSchemesAndGarbage) {
  EXPECT_EQ(Canonicalize("mailto:news@example.com").status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(Canonicalize("javascript:void(0)").status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(Canonicalize("ftp://example.com/file").status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(Canonicalize("/relative/path").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Canonicalize("").status().code(), StatusCode::kInvalidArgument);
}

TEST(IsFetchableScheme, AcceptsOnlyHttpAndHttps) {
  EXPECT_TRUE(IsFetchableScheme("http"));
  EXPECT_TRUE(IsFetchableScheme("HTTPS"));
  for (const char* scheme :
       {"mailto", "javascript", "tel", "data", "ftp", "file", "about", "", "https:", "httpx"}) {
    EXPECT_FALSE(IsFetchableScheme(scheme)) << scheme;
  }
}

}  // namespace
}  // namespace newsvault::core
