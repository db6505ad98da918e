#include "core/http_exchange.h"

#include <gtest/gtest.h>

namespace newsvault::core {
namespace {

HttpExchange Redirect(int status, std::string location,
                      std::string url = "http://example.com/a/b") {
  HttpExchange e;
  e.url = std::move(url);
  e.status_code = status;
  e.headers = {{"Content-Type", "text/html"}, {"location", std::move(location)}};
  return e;
}

TEST(Truncation, NamesAreWarc11Values) {
  // WARC 1.1 §5.13.
  EXPECT_EQ(TruncationName(Truncation::kNone), "");
  EXPECT_EQ(TruncationName(Truncation::kLength), "length");
  EXPECT_EQ(TruncationName(Truncation::kTime), "time");
  EXPECT_EQ(TruncationName(Truncation::kDisconnect), "disconnect");
  EXPECT_EQ(TruncationName(Truncation::kUnspecified), "unspecified");
}

TEST(Truncation, NamesRoundTripAndUnknownReasonsAreUnspecified) {
  for (Truncation t : {Truncation::kNone, Truncation::kLength, Truncation::kTime,
                       Truncation::kDisconnect, Truncation::kUnspecified}) {
    EXPECT_EQ(TruncationFromName(TruncationName(t)), t);
  }
  EXPECT_EQ(TruncationFromName("LENGTH"), Truncation::kLength);
  EXPECT_EQ(TruncationFromName("cosmic-ray"), Truncation::kUnspecified);
}

TEST(HttpExchange, HeaderLookupIgnoresCaseAndReturnsTheFirst) {
  HttpExchange e;
  e.headers = {{"Set-Cookie", "a=1"}, {"SET-COOKIE", "b=2"}, {"Content-Length", "10"}};
  ASSERT_TRUE(e.Header("set-cookie").has_value());
  EXPECT_EQ(*e.Header("set-cookie"), "a=1");
  EXPECT_EQ(*e.Header("CONTENT-LENGTH"), "10");
  EXPECT_FALSE(e.Header("Location").has_value());
}

TEST(HttpExchange, IsRedirectExcludesNotModified) {
  EXPECT_TRUE(Redirect(301, "/x").IsRedirect());
  EXPECT_TRUE(Redirect(308, "/x").IsRedirect());
  EXPECT_FALSE(Redirect(304, "/x").IsRedirect());
  EXPECT_FALSE(Redirect(200, "/x").IsRedirect());
}

TEST(HttpExchange, RedirectTargetResolvesRelativeLocation) {
  // RFC 9110 §10.2.2: Location is relative to the target URI.
  EXPECT_EQ(Redirect(302, "c?d=1").RedirectTarget(), "http://example.com/a/c?d=1");
  EXPECT_EQ(Redirect(301, "/root").RedirectTarget(), "http://example.com/root");
  EXPECT_EQ(Redirect(301, "//cdn.example.net/x").RedirectTarget(), "http://cdn.example.net/x");
  EXPECT_EQ(Redirect(307, "HTTPS://Example.com:443/y#frag").RedirectTarget(),
            "https://example.com/y");
}

TEST(HttpExchange, RedirectTargetIsEmptyWithoutAUsableLocation) {
  EXPECT_FALSE(Redirect(200, "/x").RedirectTarget().has_value());
  EXPECT_FALSE(Redirect(304, "/x").RedirectTarget().has_value());
  EXPECT_FALSE(Redirect(302, "").RedirectTarget().has_value());
  EXPECT_FALSE(Redirect(302, "ftp://example.com/file").RedirectTarget().has_value());
  EXPECT_FALSE(Redirect(302, "http://bad host/").RedirectTarget().has_value());
  HttpExchange none = Redirect(302, "/x");
  none.headers.pop_back();
  EXPECT_FALSE(none.RedirectTarget().has_value());
}

}  // namespace
}  // namespace newsvault::core
