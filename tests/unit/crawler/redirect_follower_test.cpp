#include "crawler/redirect_follower.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/crawler/fake_http_client.h"

namespace newsvault::crawler {
namespace {

using ::testing::ElementsAre;
using testing::FakeHttpClient;
using ::testing::HasSubstr;

std::vector<std::string> HopUrls(const RedirectChain& chain) {
  std::vector<std::string> urls;
  for (const core::HttpExchange& hop : chain.hops) urls.push_back(hop.url);
  return urls;
}

TEST(FetchWithRedirects, ReturnsOneHopForAFinalResponse) {
  FakeHttpClient client;
  client.Respond("http://news.test/a", 200, {}, "<p>hi</p>");

  RedirectChain chain = FetchWithRedirects(client, "http://news.test/a", FetchOptions{});

  ASSERT_TRUE(chain.status.ok()) << chain.status.ToString();
  ASSERT_EQ(chain.hops.size(), 1u);
  EXPECT_EQ(chain.hops[0].response_body, "<p>hi</p>");
}

TEST(FetchWithRedirects, FollowsRelativeAndAbsoluteLocationsKeepingEveryHop) {
  // Given 302 with a relative Location, then 301 with an absolute one (RFC 9110 §10.2.2),
  // we should fetch each target once and return all three exchanges in order.
  FakeHttpClient client;
  client.Redirect("http://news.test/r/1", "/r/2", 302);
  client.Redirect("http://news.test/r/2", "https://www.news.test/story", 301);
  client.Respond("https://www.news.test/story", 200);

  RedirectChain chain = FetchWithRedirects(client, "http://news.test/r/1", FetchOptions{});

  ASSERT_TRUE(chain.status.ok()) << chain.status.ToString();
  EXPECT_THAT(HopUrls(chain), ElementsAre("http://news.test/r/1", "http://news.test/r/2",
                                          "https://www.news.test/story"));
  EXPECT_EQ(chain.hops[0].status_code, 302);
  EXPECT_EQ(chain.hops[1].status_code, 301);
  EXPECT_EQ(chain.hops[2].status_code, 200);
}

TEST(FetchWithRedirects, ReportsALoopWithTheChainAndKeepsTheHops) {
  FakeHttpClient client;
  client.Redirect("http://news.test/a", "/b");
  client.Redirect("http://news.test/b", "/a");

  RedirectChain chain = FetchWithRedirects(client, "http://news.test/a", FetchOptions{});

  EXPECT_EQ(chain.status.code(), core::StatusCode::kTooManyRedirects);
  EXPECT_EQ(chain.status.message(),
            "redirect loop: http://news.test/a -> http://news.test/b -> http://news.test/a");
  EXPECT_THAT(HopUrls(chain), ElementsAre("http://news.test/a", "http://news.test/b"));
  // The repeated URL is not fetched a second time.
  EXPECT_THAT(client.requested(), ElementsAre("http://news.test/a", "http://news.test/b"));
}

TEST(FetchWithRedirects, SeesALoopThroughDifferentSpellingsOfOneUrl) {
  // Given a Location that differs only in case, default port and fragment, we should treat it
  // as the URL already fetched.
  FakeHttpClient client;
  client.Redirect("http://news.test/a", "HTTP://NEWS.test:80/a#top");

  RedirectChain chain = FetchWithRedirects(client, "http://news.test/a", FetchOptions{});

  EXPECT_EQ(chain.status.code(), core::StatusCode::kTooManyRedirects);
  EXPECT_THAT(chain.status.message(), HasSubstr("redirect loop"));
  EXPECT_EQ(chain.hops.size(), 1u);
}

TEST(FetchWithRedirects, FollowsExactlyTheAllowedNumberOfRedirects) {
  FakeHttpClient client;
  client.Redirect("http://news.test/3", "/2");
  client.Redirect("http://news.test/2", "/1");
  client.Redirect("http://news.test/1", "/0");
  client.Respond("http://news.test/0", 200);

  RedirectChain chain = FetchWithRedirects(client, "http://news.test/3", FetchOptions{}, 3);

  ASSERT_TRUE(chain.status.ok()) << chain.status.ToString();
  EXPECT_EQ(chain.hops.size(), 4u);
  EXPECT_EQ(chain.hops.back().status_code, 200);
}

TEST(FetchWithRedirects, StopsOneRedirectPastTheLimitKeepingTheHops) {
  FakeHttpClient client;
  client.Redirect("http://news.test/4", "/3");
  client.Redirect("http://news.test/3", "/2");
  client.Redirect("http://news.test/2", "/1");
  client.Redirect("http://news.test/1", "/0");
  client.Respond("http://news.test/0", 200);

  RedirectChain chain = FetchWithRedirects(client, "http://news.test/4", FetchOptions{}, 3);

  EXPECT_EQ(chain.status.code(), core::StatusCode::kTooManyRedirects);
  EXPECT_EQ(chain.status.message(), "more than 3 redirects");
  EXPECT_EQ(chain.hops.size(), 4u);
  EXPECT_EQ(client.requested().size(), 4u);  // /0 was never fetched
}

TEST(FetchWithRedirects, DefaultLimitIsTenRedirects) {
  FakeHttpClient client;
  for (int i = 11; i > 0; --i) {
    client.Redirect("http://news.test/" + std::to_string(i), "/" + std::to_string(i - 1));
  }
  client.Respond("http://news.test/0", 200);

  RedirectChain ten = FetchWithRedirects(client, "http://news.test/10", FetchOptions{});
  RedirectChain eleven = FetchWithRedirects(client, "http://news.test/11", FetchOptions{});

  EXPECT_TRUE(ten.status.ok()) << ten.status.ToString();
  EXPECT_EQ(ten.hops.size(), 11u);
  EXPECT_EQ(eleven.status.message(), "more than 10 redirects");
}

TEST(FetchWithRedirects, ZeroAllowedRedirectsRejectsTheFirstRedirect) {
  FakeHttpClient client;
  client.Redirect("http://news.test/a", "/b");

  RedirectChain chain = FetchWithRedirects(client, "http://news.test/a", FetchOptions{}, 0);

  EXPECT_EQ(chain.status.code(), core::StatusCode::kTooManyRedirects);
  EXPECT_EQ(chain.hops.size(), 1u);
}

TEST(FetchWithRedirects, KeepsEarlierHopsWhenALaterHopFails) {
  FakeHttpClient client;
  client.Redirect("http://news.test/a", "http://other.test/b");
  client.Fail("http://other.test/b",
              core::Status::NetworkError("could not resolve host 'other.test'"));

  RedirectChain chain = FetchWithRedirects(client, "http://news.test/a", FetchOptions{});

  EXPECT_EQ(chain.status.code(), core::StatusCode::kNetworkError);
  EXPECT_EQ(chain.status.message(), "could not resolve host 'other.test'");
  EXPECT_THAT(HopUrls(chain), ElementsAre("http://news.test/a"));
}

TEST(FetchWithRedirects, ReturnsNoHopsWhenTheFirstFetchFails) {
  FakeHttpClient client;
  client.Fail("http://news.test/a", core::Status::Timeout("no response"));

  RedirectChain chain = FetchWithRedirects(client, "http://news.test/a", FetchOptions{});

  EXPECT_EQ(chain.status.code(), core::StatusCode::kTimeout);
  EXPECT_TRUE(chain.hops.empty());
}

TEST(FetchWithRedirects, TreatsARedirectWithoutLocationAsFinal) {
  FakeHttpClient client;
  client.Respond("http://news.test/a", 302);

  RedirectChain chain = FetchWithRedirects(client, "http://news.test/a", FetchOptions{});

  EXPECT_TRUE(chain.status.ok()) << chain.status.ToString();
  EXPECT_EQ(chain.hops.size(), 1u);
}

TEST(FetchWithRedirects, DoesNotFollowNotModified) {
  // RFC 9110 §15.4.5: 304 is not a redirection to another resource.
  FakeHttpClient client;
  client.Respond("http://news.test/a", 304, {{"Location", "/b"}});

  RedirectChain chain = FetchWithRedirects(client, "http://news.test/a", FetchOptions{});

  EXPECT_TRUE(chain.status.ok()) << chain.status.ToString();
  EXPECT_THAT(client.requested(), ElementsAre("http://news.test/a"));
}

TEST(FetchWithRedirects, PassesTheOptionsToEveryHop) {
  class RecordingClient final : public HttpClient {
   public:
    core::Result<core::HttpExchange> FetchOne(const std::string& url,
                                              const FetchOptions& options) override {
      agents.push_back(options.user_agent);
      core::HttpExchange exchange;
      exchange.url = url;
      exchange.status_code = url == "http://news.test/a" ? 301 : 200;
      if (exchange.status_code == 301) exchange.headers.push_back({"Location", "/b"});
      return exchange;
    }
    std::vector<std::string> agents;
  } client;
  FetchOptions options;
  options.user_agent = "newsvault-test/1";

  RedirectChain chain = FetchWithRedirects(client, "http://news.test/a", options);

  ASSERT_TRUE(chain.status.ok()) << chain.status.ToString();
  EXPECT_THAT(client.agents, ElementsAre("newsvault-test/1", "newsvault-test/1"));
}

}  // namespace
}  // namespace newsvault::crawler
