// Tests for storage/rocksdb_archive: storing and reading captures, payloads
// and versions in a real RocksDB in a temporary directory.
#include "storage/rocksdb_archive.h"

#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "core/digest.h"
#include "tests/support/process.h"
#include "tests/unit/storage/archive_test_util.h"

namespace newsvault::storage {
namespace {

using archive_test::At;
using archive_test::HtmlExchange;
using archive_test::MakeArticle;
using archive_test::MakeExchange;
using newsvault::testing::TempDir;

std::unique_ptr<Archive> MustOpen(const std::string& path, OpenOptions options = {}) {
  auto archive = OpenArchive(path, options);
  EXPECT_TRUE(archive.ok()) << archive.status().ToString();
  return archive.ok() ? std::move(*archive) : nullptr;
}

StoreOutcome MustStore(Archive& archive, const core::HttpExchange& ex,
                       const core::Article* article = nullptr) {
  auto outcome = archive.StoreCapture(ex, article);
  EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
  return outcome.ok() ? *outcome : StoreOutcome{};
}

TEST(RocksDbArchive, StoresACaptureAndReadsBackTheExactBytes) {
  TempDir dir;
  auto archive = MustOpen(dir.Join("db"));
  ASSERT_NE(archive, nullptr);
  core::HttpExchange ex = HtmlExchange("https://example.com/story", "<p>Story</p>", At(1000));
  ex.truncation = core::Truncation::kLength;
  core::Article article = MakeArticle("Story", "The body.");
  StoreOutcome out = MustStore(*archive, ex, &article);
  EXPECT_EQ(out.time, At(1000));
  EXPECT_TRUE(out.new_payload);
  EXPECT_EQ(out.version, 1u);
  EXPECT_TRUE(out.new_version);

  auto captures = archive->Captures("https://example.com/story");
  ASSERT_TRUE(captures.ok()) << captures.status().ToString();
  ASSERT_EQ(captures->size(), 1u);
  const CaptureRecord& c = captures->front();
  EXPECT_EQ(c.url, ex.url);
  EXPECT_EQ(c.urlkey, "com,example)/story");
  EXPECT_EQ(c.time, At(1000));
  EXPECT_EQ(c.status_code, 200);
  EXPECT_EQ(c.request_bytes, ex.request_bytes);
  EXPECT_EQ(c.response_head, ex.response_head);
  EXPECT_EQ(c.remote_ip, "127.0.0.1");
  EXPECT_EQ(c.connect_time_us, 1500);
  EXPECT_EQ(c.total_time_us, 42000);
  EXPECT_EQ(c.truncation, core::Truncation::kLength);
  EXPECT_TRUE(c.payload_was_new);
  EXPECT_EQ(c.version, 1u);
  EXPECT_EQ(c.payload_digest, core::Sha1Base32Digest("<p>Story</p>"));

  auto payload = archive->Payload(c.payload_digest);
  ASSERT_TRUE(payload.ok()) << payload.status().ToString();
  EXPECT_EQ(*payload, "<p>Story</p>");
  auto raw = c.RawResponse(*payload);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(*raw, ex.response_head + ex.response_body);

  auto versions = archive->Versions("https://example.com/story");
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_EQ((*versions)[0].number, 1u);
  EXPECT_EQ((*versions)[0].time, At(1000));
  EXPECT_EQ((*versions)[0].article.title, "Story");
  EXPECT_EQ((*versions)[0].article.authors, article.authors);
  EXPECT_EQ((*versions)[0].text_digest, core::Sha1Base32Digest(article.NormalizedText()));
}

TEST(RocksDbArchive, ChunkedResponseRoundTripsByteForByte) {
  TempDir dir;
  auto archive = MustOpen(dir.Join("db"));
  std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  std::string body = "4\r\nWiki\r\n5;x=1\r\npedia\r\n0\r\nX-T: 1\r\n\r\n";
  MustStore(*archive, MakeExchange("http://example.com/c", head, body, At(5)));
  auto captures = archive->Captures("http://example.com/c");
  ASSERT_TRUE(captures.ok());
  ASSERT_EQ(captures->size(), 1u);
  auto payload = archive->Payload((*captures)[0].payload_digest);
  ASSERT_TRUE(payload.ok());
  EXPECT_EQ(*payload, "Wikipedia") << "the payload is the de-chunked entity";
  auto raw = (*captures)[0].RawResponse(*payload);
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  EXPECT_EQ(*raw, head + body);
}

TEST(RocksDbArchive, SamePayloadTwiceIsStoredOnce) {
  TempDir dir;
  auto archive = MustOpen(dir.Join("db"));
  std::string body(3000, 'x');
  StoreOutcome first = MustStore(*archive, HtmlExchange("http://example.com/a", body, At(1)));
  StoreOutcome second = MustStore(*archive, HtmlExchange("http://example.com/a", body, At(2)));
  EXPECT_TRUE(first.new_payload);
  EXPECT_FALSE(second.new_payload);
  auto captures = archive->Captures("http://example.com/a");
  ASSERT_TRUE(captures.ok());
  ASSERT_EQ(captures->size(), 2u);
  EXPECT_TRUE((*captures)[0].payload_was_new);
  EXPECT_FALSE((*captures)[1].payload_was_new);
  auto stats = archive->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->urls, 1u);
  EXPECT_EQ(stats->captures, 2u);
  EXPECT_EQ(stats->revisits, 1u);
  EXPECT_EQ(stats->payloads, 1u);
  EXPECT_EQ(stats->payload_bytes, 3000u);
  EXPECT_EQ(stats->captured_bytes, 6000u);
  EXPECT_GT(stats->disk_bytes, 0u);
}

// DESIGN §3: a new version only when normalized title + body text change.
TEST(RocksDbArchive, VersionsFollowTheArticleText) {
  TempDir dir;
  auto archive = MustOpen(dir.Join("db"));
  const std::string url = "https://example.com/news";
  core::Article v1 = MakeArticle("Title", "First body.\n\nSecond paragraph.");
  core::Article v1_spaced = MakeArticle("Title ", "First   body.\nSecond paragraph.\n");
  core::Article v2 = MakeArticle("Title", "First body, corrected.\n\nSecond paragraph.");

  StoreOutcome a = MustStore(*archive, HtmlExchange(url, "<p>1</p>", At(10)), &v1);
  StoreOutcome b = MustStore(*archive, HtmlExchange(url, "<p>1 ad</p>", At(20)), &v1);
  StoreOutcome c = MustStore(*archive, HtmlExchange(url, "<p>1  </p>", At(30)), &v1_spaced);
  StoreOutcome d = MustStore(*archive, HtmlExchange(url, "<p>2</p>", At(40)), &v2);
  StoreOutcome e = MustStore(*archive, HtmlExchange(url, "oops", At(50)), nullptr);
  StoreOutcome f = MustStore(*archive, HtmlExchange(url, "<p>2</p>", At(60)), &v2);

  EXPECT_EQ(a.version, 1u);
  EXPECT_TRUE(a.new_version);
  EXPECT_EQ(b.version, 1u);
  EXPECT_FALSE(b.new_version);
  EXPECT_EQ(c.version, 1u) << "whitespace alone is no new version";
  EXPECT_FALSE(c.new_version);
  EXPECT_EQ(d.version, 2u);
  EXPECT_TRUE(d.new_version);
  EXPECT_EQ(e.version, 0u);
  EXPECT_FALSE(e.new_version);
  EXPECT_EQ(f.version, 2u);
  EXPECT_FALSE(f.new_version);

  auto versions = archive->Versions(url);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].article.body_text, v1.body_text);
  EXPECT_EQ((*versions)[1].article.body_text, v2.body_text);
  EXPECT_EQ((*versions)[1].time, At(40));

  auto captures = archive->Captures(url);
  ASSERT_TRUE(captures.ok());
  std::vector<uint32_t> numbers;
  for (const auto& capture : *captures) numbers.push_back(capture.version);
  EXPECT_EQ(numbers, (std::vector<uint32_t>{1, 1, 1, 2, 0, 2}));

  auto stats = archive->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->versions, 2u);
  EXPECT_EQ(stats->captures, 6u);
}

TEST(RocksDbArchive, CapturesInTheSameMicrosecondAreBothKept) {
  TempDir dir;
  auto archive = MustOpen(dir.Join("db"));
  StoreOutcome a = MustStore(*archive, HtmlExchange("http://example.com/", "one", At(777)));
  StoreOutcome b = MustStore(*archive, HtmlExchange("http://example.com/", "two", At(777)));
  EXPECT_EQ(a.time, At(777));
  EXPECT_EQ(b.time, At(778));
  auto captures = archive->Captures("http://example.com/");
  ASSERT_TRUE(captures.ok());
  ASSERT_EQ(captures->size(), 2u);
  EXPECT_EQ(*archive->Payload((*captures)[0].payload_digest), "one");
  EXPECT_EQ(*archive->Payload((*captures)[1].payload_digest), "two");
}

TEST(RocksDbArchive, HttpAndHttpsAndWwwShareOneHistory) {
  TempDir dir;
  auto archive = MustOpen(dir.Join("db"));
  MustStore(*archive, HtmlExchange("http://www.example.com/a", "1", At(1)));
  MustStore(*archive, HtmlExchange("https://example.com/a", "2", At(2)));
  auto captures = archive->Captures("https://www.example.com/a");
  ASSERT_TRUE(captures.ok());
  ASSERT_EQ(captures->size(), 2u);
  EXPECT_EQ((*captures)[0].url, "http://www.example.com/a");
  EXPECT_EQ((*captures)[1].url, "https://example.com/a");
  auto urls = archive->ListUrls();
  ASSERT_TRUE(urls.ok());
  ASSERT_EQ(urls->size(), 1u);
  EXPECT_EQ((*urls)[0].url, "https://example.com/a") << "the latest capture's URL";
  EXPECT_EQ((*urls)[0].captures, 2u);
}

TEST(RocksDbArchive, ListUrlsSummarisesEachUrlkeyInOrder) {
  TempDir dir;
  auto archive = MustOpen(dir.Join("db"));
  core::Article story = MakeArticle("Zebra story", "text");
  MustStore(*archive, HtmlExchange("https://news.example.org/z", "z", At(300)), &story);
  MustStore(*archive, HtmlExchange("https://example.com/b", "b", At(200)));
  MustStore(*archive, HtmlExchange("https://example.com/b", "b2", At(100)));
  auto urls = archive->ListUrls();
  ASSERT_TRUE(urls.ok());
  ASSERT_EQ(urls->size(), 2u);
  EXPECT_EQ((*urls)[0].urlkey, "com,example)/b");
  EXPECT_EQ((*urls)[0].captures, 2u);
  EXPECT_EQ((*urls)[0].versions, 0u);
  EXPECT_EQ((*urls)[0].first_capture, At(100));
  EXPECT_EQ((*urls)[0].last_capture, At(200));
  EXPECT_EQ((*urls)[0].title, "");
  EXPECT_EQ((*urls)[1].urlkey, "org,example,news)/z");
  EXPECT_EQ((*urls)[1].title, "Zebra story");
  EXPECT_EQ((*urls)[1].published, story.published);
  EXPECT_EQ((*urls)[1].versions, 1u);
}

TEST(RocksDbArchive, ForEachCaptureFiltersByUrlkeyPrefixAndTime) {
  TempDir dir;
  auto archive = MustOpen(dir.Join("db"));
  for (int64_t t : {10, 20, 30}) {
    MustStore(*archive, HtmlExchange("http://example.com/a", "a" + std::to_string(t), At(t)));
    MustStore(*archive, HtmlExchange("http://example.com/a/b", "b" + std::to_string(t), At(t)));
    MustStore(*archive, HtmlExchange("http://example.net/", "n" + std::to_string(t), At(t)));
  }
  auto collect = [&](const CaptureFilter& filter) {
    std::vector<std::string> seen;
    core::Status s = archive->ForEachCapture(filter, [&](const CaptureRecord& r) {
      seen.push_back(r.urlkey + "@" + std::to_string(core::ToMicros(r.time)));
      return core::Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return seen;
  };
  auto filter = [](std::string prefix, std::optional<core::Timestamp> since,
                   std::optional<core::Timestamp> until) {
    CaptureFilter f;
    f.urlkey_prefix = std::move(prefix);
    f.since = since;
    f.until = until;
    return f;
  };
  EXPECT_EQ(collect({}).size(), 9u);
  EXPECT_EQ(collect(filter("com,example)/", {}, {})),
            (std::vector<std::string>{"com,example)/a@10", "com,example)/a@20", "com,example)/a@30",
                                      "com,example)/a/b@10", "com,example)/a/b@20",
                                      "com,example)/a/b@30"}));
  EXPECT_EQ(
      collect(filter("", At(20), At(30))),
      (std::vector<std::string>{"com,example)/a@20", "com,example)/a/b@20", "net,example)/@20"}));
  EXPECT_EQ(collect(filter("net,", At(25), {})), (std::vector<std::string>{"net,example)/@30"}));
  EXPECT_TRUE(collect(filter("org,", {}, {})).empty());
}

TEST(RocksDbArchive, ForEachCaptureStopsAtTheCallbacksError) {
  TempDir dir;
  auto archive = MustOpen(dir.Join("db"));
  for (int64_t t = 1; t <= 3; ++t) {
    MustStore(*archive, HtmlExchange("http://example.com/", std::to_string(t), At(t)));
  }
  int calls = 0;
  core::Status s = archive->ForEachCapture({}, [&](const CaptureRecord&) {
    ++calls;
    return core::Status::Internal("enough");
  });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(s.code(), core::StatusCode::kInternal);
  EXPECT_EQ(s.message(), "enough");
}

TEST(RocksDbArchive, PayloadOfAnUnknownDigestIsNotFound) {
  TempDir dir;
  auto archive = MustOpen(dir.Join("db"));
  auto payload = archive->Payload(core::Sha1Base32Digest("never stored"));
  ASSERT_FALSE(payload.ok());
  EXPECT_TRUE(payload.error().IsNotFound());
}

TEST(RocksDbArchive, EverythingSurvivesAReopen) {
  TempDir dir;
  const std::string path = dir.Join("db");
  std::string big(300 * 1024, 'q');  // above the blob threshold
  big[12345] = 'Z';
  core::Article v1 = MakeArticle("T", "one");
  {
    auto archive = MustOpen(path);
    MustStore(*archive, HtmlExchange("http://example.com/x", big, At(1)), &v1);
    MustStore(*archive, HtmlExchange("http://example.com/x", big, At(2)), &v1);
  }
  auto archive = MustOpen(path);
  ASSERT_NE(archive, nullptr);
  auto stats = archive->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->captures, 2u);
  EXPECT_EQ(stats->revisits, 1u);
  EXPECT_EQ(stats->payloads, 1u);
  EXPECT_EQ(stats->versions, 1u);
  auto payload = archive->Payload(core::Sha1Base32Digest(big));
  ASSERT_TRUE(payload.ok());
  EXPECT_EQ(*payload, big);
  core::Article v2 = MakeArticle("T", "two");
  StoreOutcome out = MustStore(*archive, HtmlExchange("http://example.com/x", "new", At(3)), &v2);
  EXPECT_EQ(out.version, 2u) << "the latest version number is kept across opens";
  EXPECT_EQ(archive->Stats()->captures, 3u);
}

TEST(RocksDbArchive, ReadOnlyOpenReadsButRefusesWrites) {
  TempDir dir;
  const std::string path = dir.Join("db");
  MustStore(*MustOpen(path), HtmlExchange("http://example.com/", "x", At(1)));
  auto archive = MustOpen(path, {.create_if_missing = false, .read_only = true});
  ASSERT_NE(archive, nullptr);
  EXPECT_EQ(archive->Captures("http://example.com/")->size(), 1u);
  auto stored = archive->StoreCapture(HtmlExchange("http://example.com/", "y", At(2)), nullptr);
  ASSERT_FALSE(stored.ok());
  EXPECT_EQ(stored.error().code(), core::StatusCode::kInvalidArgument);
  EXPECT_EQ(archive->Captures("http://example.com/")->size(), 1u);
}

// Given several threads storing captures of one URL at the same instant, the
// write mutex must keep every capture, each at its own time, and one version.
TEST(RocksDbArchive, ConcurrentStoresKeepEveryCaptureAndOneVersion) {
  TempDir dir;
  auto archive = MustOpen(dir.Join("db"));
  core::Article article = MakeArticle("Same", "same text");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 8; ++i) {
        auto ex = HtmlExchange("http://example.com/hot", std::to_string(t * 100 + i), At(5));
        auto out = archive->StoreCapture(ex, &article);
        EXPECT_TRUE(out.ok()) << out.status().ToString();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  auto captures = archive->Captures("http://example.com/hot");
  ASSERT_TRUE(captures.ok());
  ASSERT_EQ(captures->size(), 32u);
  std::set<int64_t> times;
  for (const auto& c : *captures) {
    times.insert(core::ToMicros(c.time));
    EXPECT_EQ(c.version, 1u);
  }
  EXPECT_EQ(times.size(), 32u);
  EXPECT_EQ(*times.begin(), 5);
  EXPECT_EQ(*times.rbegin(), 36);
  EXPECT_EQ(archive->Versions("http://example.com/hot")->size(), 1u);
  auto stats = archive->Stats();
  EXPECT_EQ(stats->captures, 32u);
  EXPECT_EQ(stats->payloads, 32u);
  EXPECT_EQ(stats->urls, 1u);
}

}  // namespace
}  // namespace newsvault::storage
