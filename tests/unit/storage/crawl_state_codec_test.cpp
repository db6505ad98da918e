// Tests for storage/crawl_state_codec: the dedup rule, frontier key order,
// round trips of every value, and damaged input; plus OriginOf.
#include "storage/crawl_state_codec.h"

#include <algorithm>
#include <vector>

#include <gtest/gtest.h>

namespace newsvault::storage {
namespace {

const SeenRecord kQueued{SeenState::kQueued, 5};
const SeenRecord kPageRun4{SeenState::kPage, 4};
const SeenRecord kPageRun5{SeenState::kPage, 5};
const SeenRecord kArticle{SeenState::kArticle, 2};

TEST(DedupRule, AddsAUrlNeverSeen) {
  EXPECT_TRUE(ShouldEnqueue(std::nullopt, 5, EnqueuePolicy::kOncePerRun));
  EXPECT_TRUE(ShouldEnqueue(std::nullopt, 5, EnqueuePolicy::kForce));
}

TEST(DedupRule, SkipsAUrlWaitingInTheFrontierEvenWhenForced) {
  EXPECT_FALSE(ShouldEnqueue(kQueued, 5, EnqueuePolicy::kOncePerRun));
  EXPECT_FALSE(ShouldEnqueue(kQueued, 5, EnqueuePolicy::kForce));
  // Queued in an earlier run and never fetched: still waiting.
  EXPECT_FALSE(ShouldEnqueue(kQueued, 6, EnqueuePolicy::kOncePerRun));
}

TEST(DedupRule, RereadsAPageFetchedInAnEarlierRun) {
  EXPECT_TRUE(ShouldEnqueue(kPageRun4, 5, EnqueuePolicy::kOncePerRun));
}

TEST(DedupRule, SkipsAPageFetchedInThisRunUnlessForced) {
  EXPECT_FALSE(ShouldEnqueue(kPageRun5, 5, EnqueuePolicy::kOncePerRun));
  EXPECT_TRUE(ShouldEnqueue(kPageRun5, 5, EnqueuePolicy::kForce));
}

TEST(DedupRule, RefetchesAKnownArticleOnlyWhenForced) {
  EXPECT_FALSE(ShouldEnqueue(kArticle, 5, EnqueuePolicy::kOncePerRun));
  EXPECT_TRUE(ShouldEnqueue(kArticle, 5, EnqueuePolicy::kForce));
}

TEST(FrontierKey, SortsFeedsThenRevisitsThenPagesByDepthThenSequence) {
  std::vector<std::string> expected = {
      EncodeFrontierKey("https://a.example", FrontierPriority(FrontierKind::kSitemap, 1), 9),
      EncodeFrontierKey("https://a.example", FrontierPriority(FrontierKind::kFeed, 1), 10),
      EncodeFrontierKey("https://a.example", FrontierPriority(FrontierKind::kRevisit, 3), 2),
      EncodeFrontierKey("https://a.example", FrontierPriority(FrontierKind::kPage, 0), 7),
      EncodeFrontierKey("https://a.example", FrontierPriority(FrontierKind::kPage, 1), 1),
      EncodeFrontierKey("https://a.example", FrontierPriority(FrontierKind::kPage, 1), 256),
      EncodeFrontierKey("https://a.example", FrontierPriority(FrontierKind::kPage, 900), 0),
      // A longer origin sharing the prefix sorts after every key of the shorter one.
      EncodeFrontierKey("https://a.example:8080", FrontierPriority(FrontierKind::kFeed, 1), 0),
  };
  std::vector<std::string> sorted = expected;
  std::reverse(sorted.begin(), sorted.end());
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, expected);
}

TEST(FrontierKey, GivesItsOriginBack) {
  std::string_view origin;
  const std::string key = EncodeFrontierKey("http://127.0.0.2:81", 4, 77);
  ASSERT_TRUE(DecodeFrontierKeyOrigin(key, &origin));
  EXPECT_EQ(origin, "http://127.0.0.2:81");
  EXPECT_FALSE(DecodeFrontierKeyOrigin("short", &origin));
}

TEST(FrontierValue, RoundTrips) {
  FrontierEntry e{"https://a.example/x", "a", FrontierKind::kSitemap, 3, 2, "https://a.example/"};
  auto back = DecodeFrontierValue(EncodeFrontierValue(e));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->url, e.url);
  EXPECT_EQ(back->site, e.site);
  EXPECT_EQ(back->kind, e.kind);
  EXPECT_EQ(back->depth, 3);
  EXPECT_EQ(back->redirect_hops, 2);
  EXPECT_EQ(back->via, e.via);
}

TEST(CrawlStateValues, RoundTrip) {
  auto seen = DecodeSeenValue(EncodeSeenValue({SeenState::kArticle, 300}));
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->state, SeenState::kArticle);
  EXPECT_EQ(seen->run, 300u);

  RevisitState r{"https://a.example/n", "a", core::FromMicros(10), core::FromMicros(20),
                 core::Timestamp::max()};
  auto revisit = DecodeRevisitValue(r.url, EncodeRevisitValue(r));
  ASSERT_TRUE(revisit.ok());
  EXPECT_EQ(revisit->url, r.url);
  EXPECT_EQ(revisit->site, "a");
  EXPECT_EQ(revisit->last_change, r.last_change);
  EXPECT_EQ(revisit->last_fetch, r.last_fetch);
  EXPECT_EQ(revisit->due, core::Timestamp::max());

  auto v = DecodeValidatorsValue(EncodeValidatorsValue({"\"abc\"", "Tue, 04 Feb 2025"}));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->etag, "\"abc\"");
  EXPECT_EQ(v->last_modified, "Tue, 04 Feb 2025");

  RobotsCacheEntry robots{core::FromMicros(-5), 0, true, std::string("a\0b", 3)};
  auto rb = DecodeRobotsValue(EncodeRobotsValue(robots));
  ASSERT_TRUE(rb.ok());
  EXPECT_EQ(rb->fetched, robots.fetched);
  EXPECT_EQ(rb->status_code, 0);
  EXPECT_TRUE(rb->network_error);
  EXPECT_EQ(rb->body, robots.body);

  RunRecord run{7, core::FromMicros(100), core::FromMicros(200), "{\"captures\":3}"};
  auto back = DecodeRun(EncodeRunKey(7), EncodeRunValue(run));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->id, 7u);
  EXPECT_EQ(back->started, run.started);
  ASSERT_TRUE(back->ended.has_value());
  EXPECT_EQ(*back->ended, *run.ended);
  EXPECT_EQ(back->summary_json, run.summary_json);
  RunRecord open{8, core::FromMicros(100), std::nullopt, ""};
  EXPECT_FALSE(DecodeRun(EncodeRunKey(8), EncodeRunValue(open))->ended.has_value());
}

TEST(RevisitDueKey, SortsByDueTimeAndGivesTheUrlBack) {
  std::string early = EncodeRevisitDueKey(core::FromMicros(-1), "https://z.example/");
  std::string late = EncodeRevisitDueKey(core::FromMicros(1), "https://a.example/");
  EXPECT_LT(early, late);
  core::Timestamp due{};
  std::string_view url;
  ASSERT_TRUE(DecodeRevisitDueKey(late, &due, &url));
  EXPECT_EQ(due, core::FromMicros(1));
  EXPECT_EQ(url, "https://a.example/");
}

TEST(CrawlStateValues, DamagedBytesAreCorruptionNotACrash) {
  std::string frontier =
      EncodeFrontierValue({"https://a.example/", "a", FrontierKind::kPage, 0, 0, ""});
  for (size_t n = 0; n < frontier.size(); ++n) {
    EXPECT_FALSE(DecodeFrontierValue(frontier.substr(0, n)).ok()) << n;
  }
  EXPECT_EQ(DecodeSeenValue("\x09\x01").error().code(), core::StatusCode::kCorruption);
  EXPECT_FALSE(DecodeRobotsValue("").ok());
  EXPECT_FALSE(DecodeRun("short", EncodeRunValue({})).ok());
  std::string unknown_format = EncodeValidatorsValue({});
  unknown_format[0] = '\x7f';
  EXPECT_FALSE(DecodeValidatorsValue(unknown_format).ok());
}

TEST(OriginOf, LowercasesAndDropsTheDefaultPort) {
  EXPECT_EQ(*OriginOf("HTTPS://Example.COM:443/a?b"), "https://example.com");
  EXPECT_EQ(*OriginOf("http://127.0.0.2:8080/x"), "http://127.0.0.2:8080");
  EXPECT_EQ(*OriginOf("http://[::1]:81/"), "http://[::1]:81");
}

TEST(OriginOf, RejectsWhatIsNotAnHttpUrl) {
  EXPECT_EQ(OriginOf("not a url").error().code(), core::StatusCode::kInvalidArgument);
  EXPECT_EQ(OriginOf("ftp://example.com/").error().code(), core::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace newsvault::storage
