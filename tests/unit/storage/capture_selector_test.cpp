// CaptureSelector: what `export --site / --url-prefix / --articles-only /
// --since / --until` select, and the scan each gives the archive.
#include "storage/capture_selector.h"

#include <chrono>

#include <gtest/gtest.h>

#include "core/url.h"

namespace newsvault::storage {
namespace {

core::Timestamp At(int h) {
  using namespace std::chrono;
  return sys_days{year{2025} / month{2} / day{4}} + hours{h};
}

CaptureRecord Capture(const std::string& url, uint32_t version = 0, core::Timestamp t = At(10)) {
  CaptureRecord c;
  c.url = url;
  c.urlkey = core::SurtKey(url);
  c.time = t;
  c.version = version;
  return c;
}

CaptureSelector Make(CaptureSelection selection) {
  auto selector = CaptureSelector::Make(selection);
  EXPECT_TRUE(selector.ok()) << selector.status().ToString();
  return selector.ok() ? *selector : *CaptureSelector::Make({});
}

TEST(CaptureSelector, NoFiltersSelectEverything) {
  CaptureSelector s = Make({});
  EXPECT_EQ(s.scan().urlkey_prefix, "");
  EXPECT_TRUE(s.Matches(Capture("https://example.com/a")));
  EXPECT_TRUE(s.Matches(Capture("http://127.0.0.1:8080/x")));
}

TEST(CaptureSelector, SiteSelectsTheHostItsWwwAndItsSubdomains) {
  CaptureSelection selection;
  selection.site = "example.com";
  CaptureSelector s = Make(selection);
  EXPECT_EQ(s.site_key(), "com,example");
  EXPECT_EQ(s.scan().urlkey_prefix, "com,example");
  EXPECT_TRUE(s.Matches(Capture("https://example.com/a")));
  EXPECT_TRUE(s.Matches(Capture("https://www.example.com/a")));
  EXPECT_TRUE(s.Matches(Capture("http://news.example.com/2025/story.html")));
  EXPECT_TRUE(s.Matches(Capture("http://a.b.example.com/")));
  EXPECT_TRUE(s.Matches(Capture("http://example.com:8080/")));
  // Same prefix of characters, other sites.
  EXPECT_FALSE(s.Matches(Capture("https://examplefoo.com/a")));
  EXPECT_FALSE(s.Matches(Capture("https://example.com.evil.net/a")));
  EXPECT_FALSE(s.Matches(Capture("https://example.org/a")));
}

TEST(CaptureSelector, SiteGivenWithWwwMeansTheSameSite) {
  CaptureSelection selection;
  selection.site = "WWW.Example.COM";
  CaptureSelector s = Make(selection);
  EXPECT_EQ(s.site_key(), "com,example");
  EXPECT_TRUE(s.Matches(Capture("https://news.example.com/a")));
}

TEST(CaptureSelector, SiteWithAPortSelectsThatPortOnly) {
  CaptureSelection selection;
  selection.site = "127.0.0.1:8080";
  CaptureSelector s = Make(selection);
  EXPECT_TRUE(s.Matches(Capture("http://127.0.0.1:8080/story.html")));
  EXPECT_FALSE(s.Matches(Capture("http://127.0.0.1:8081/story.html")));
  EXPECT_FALSE(s.Matches(Capture("http://127.0.0.1:80801/story.html")));
  EXPECT_FALSE(s.Matches(Capture("http://127.0.0.1/story.html")));
}

TEST(CaptureSelector, SiteMustBeAHostName) {
  for (const char* bad :
       {"https://example.com/", "example.com/news", "exa mple.com", "user@host", "example.com?x"}) {
    CaptureSelection selection;
    selection.site = bad;
    auto s = CaptureSelector::Make(selection);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.status().code(), core::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(s.status().message().find("--site"), std::string::npos) << s.status().message();
  }
}

TEST(CaptureSelector, UrlPrefixIsAUrlkeyPrefix) {
  CaptureSelection selection;
  selection.url_prefix = "https://www.example.com/2025/02/";
  CaptureSelector s = Make(selection);
  EXPECT_EQ(s.url_key(), "com,example)/2025/02");
  EXPECT_EQ(s.scan().urlkey_prefix, "com,example)/2025/02");
  // Scheme and www. do not matter: the urlkey is the same.
  EXPECT_TRUE(s.Matches(Capture("http://example.com/2025/02/04/story.html")));
  EXPECT_TRUE(s.Matches(Capture("https://www.example.com/2025/02/")));
  EXPECT_FALSE(s.Matches(Capture("https://example.com/2025/03/01/other.html")));
  EXPECT_FALSE(s.Matches(Capture("https://news.example.com/2025/02/04/story.html")));
}

TEST(CaptureSelector, UrlPrefixMustBeAnHttpUrl) {
  for (const char* bad : {"example.com/news", "ftp://example.com/", "/2025/"}) {
    CaptureSelection selection;
    selection.url_prefix = bad;
    auto s = CaptureSelector::Make(selection);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.status().code(), core::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(s.status().message().find("--url-prefix"), std::string::npos);
  }
}

TEST(CaptureSelector, SiteAndUrlPrefixTogetherMustBothHold) {
  CaptureSelection selection;
  selection.site = "example.com";
  selection.url_prefix = "https://news.example.com/2025/";
  CaptureSelector s = Make(selection);
  EXPECT_EQ(s.scan().urlkey_prefix, "com,example,news)/2025");
  EXPECT_TRUE(s.Matches(Capture("https://news.example.com/2025/a.html")));

  selection.site = "example.org";
  CaptureSelector disjoint = Make(selection);
  EXPECT_FALSE(disjoint.Matches(Capture("https://news.example.com/2025/a.html")));
}

TEST(CaptureSelector, ArticlesOnlyKeepsCapturesWithAVersion) {
  CaptureSelection selection;
  selection.articles_only = true;
  CaptureSelector s = Make(selection);
  EXPECT_TRUE(s.Matches(Capture("https://example.com/story", 1)));
  EXPECT_TRUE(s.Matches(Capture("https://example.com/story", 3)));
  EXPECT_FALSE(s.Matches(Capture("https://example.com/style.css", 0)));
}

TEST(CaptureSelector, TimeWindowIsSinceInclusiveUntilExclusive) {
  CaptureSelection selection;
  selection.since = At(10);
  selection.until = At(12);
  CaptureSelector s = Make(selection);
  EXPECT_EQ(s.scan().since, At(10));
  EXPECT_EQ(s.scan().until, At(12));
  EXPECT_FALSE(s.Matches(Capture("https://example.com/a", 0, At(9))));
  EXPECT_TRUE(s.Matches(Capture("https://example.com/a", 0, At(10))));
  EXPECT_TRUE(s.Matches(Capture("https://example.com/a", 0, At(11))));
  EXPECT_FALSE(s.Matches(Capture("https://example.com/a", 0, At(12))));
}

}  // namespace
}  // namespace newsvault::storage
