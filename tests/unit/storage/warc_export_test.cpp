// Tests of ExportWarc over an in-memory Archive: which records each capture
// becomes and how revisits, requests and metadata point at one another
// (DESIGN §4, WARC 1.1 §6, writer checklist "Record types and when").
#include "storage/warc_export.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <filesystem>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/digest.h"
#include "core/http_message.h"
#include "storage/crawl_store.h"
#include "tests/support/process.h"
#include "tests/support/warc_test_reader.h"

namespace newsvault::storage {
namespace {

using testing::ParsedWarcRecord;
using testing::TempDir;

core::Timestamp At(int h, int mi, int s = 0) {
  using namespace std::chrono;
  return sys_days{year{2025} / month{2} / day{4}} + hours{h} + minutes{mi} + seconds{s} +
         microseconds{250};
}

// Export never touches the crawl state: every call fails.
class UnusedCrawlStore : public CrawlStore {
 public:
  core::Result<CrawlRun> BeginRun(core::Timestamp) override { return Unused(); }
  core::Status EndRun(uint64_t, core::Timestamp, std::string_view) override { return Unused(); }
  core::Result<std::vector<FrontierItem>> Enqueue(const std::vector<FrontierEntry>&, uint64_t,
                                                  EnqueuePolicy) override {
    return Unused();
  }
  core::Result<std::vector<std::string>> FrontierOrigins() override { return Unused(); }
  core::Result<std::vector<FrontierItem>> PeekFrontier(std::string_view, std::string_view,
                                                       size_t) override {
    return Unused();
  }
  core::Result<uint64_t> FrontierSize() override { return Unused(); }
  core::Result<std::vector<FrontierItem>> FinishFetch(const CrawlUpdate&) override {
    return Unused();
  }
  core::Result<CrawledCaptureOutcome> StoreCrawledCapture(const core::HttpExchange&,
                                                          const core::Article*,
                                                          const CrawlUpdate&) override {
    return Unused();
  }
  core::Status ForEachDueRevisit(core::Timestamp, bool,
                                 const std::function<core::Status(const RevisitState&)>&) override {
    return Unused();
  }
  core::Result<std::optional<RevisitState>> GetRevisit(std::string_view) override {
    return Unused();
  }
  core::Result<std::optional<Validators>> GetValidators(std::string_view) override {
    return Unused();
  }
  core::Result<std::optional<RobotsCacheEntry>> GetRobots(std::string_view) override {
    return Unused();
  }
  core::Status PutRobots(std::string_view, const RobotsCacheEntry&) override { return Unused(); }

 private:
  static core::Status Unused() { return core::Status::Unsupported("no crawl state in the fake"); }
};

// An Archive that holds captures, payloads and versions in memory.
class FakeArchive : public Archive {
 public:
  // Adds a capture of `url` whose raw response is `head` + `raw_body`.
  CaptureRecord& Add(const std::string& url, const std::string& urlkey, core::Timestamp time,
                     const std::string& head, const std::string& raw_body, bool chunked = false) {
    CaptureRecord c;
    c.url = url;
    c.urlkey = urlkey;
    c.time = time;
    c.request_bytes = "GET " + url.substr(url.find('/', 8)) + " HTTP/1.1\r\nHost: example\r\n\r\n";
    c.response_head = head;
    std::string entity = raw_body;
    if (chunked) {
      core::DechunkResult d = core::Dechunk(raw_body);
      entity = d.entity;
      c.transfer_framing = d.framing;
    }
    c.payload_digest = core::Sha1Base32Digest(entity);
    c.payload_size = entity.size();
    c.payload_was_new = payloads_.emplace(c.payload_digest, entity).second;
    c.remote_ip = "192.0.2.7";
    auto code = core::ParseResponseHead(head);
    c.status_code = code.ok() ? code->status_code : 0;
    captures_.push_back(c);
    return captures_.back();
  }
  void AddVersion(const std::string& urlkey, uint32_t number, const std::string& title) {
    ArticleVersionRecord v;
    v.number = number;
    v.article.title = title;
    v.article.body_text = "Body of " + title;
    versions_[urlkey].push_back(v);
  }
  void DropPayload(const std::string& digest) { payloads_.erase(digest); }

  core::Result<StoreOutcome> StoreCapture(const core::HttpExchange&,
                                          const core::Article*) override {
    return core::Status::Unsupported("fake");
  }
  core::Result<std::vector<CaptureRecord>> Captures(std::string_view) override {
    return core::Status::Unsupported("fake");
  }
  core::Result<std::vector<ArticleVersionRecord>> Versions(std::string_view url) override {
    ++versions_calls;
    for (const CaptureRecord& c : captures_) {
      if (c.url == url) return versions_[c.urlkey];
    }
    return std::vector<ArticleVersionRecord>{};
  }
  core::Result<std::string> Payload(std::string_view digest) override {
    auto it = payloads_.find(std::string(digest));
    if (it == payloads_.end()) return core::Status::NotFound("no payload " + std::string(digest));
    return it->second;
  }
  core::Result<std::vector<UrlSummary>> ListUrls() override {
    return core::Status::Unsupported("fake");
  }
  core::Status ForEachCapture(
      const CaptureFilter& filter,
      const std::function<core::Status(const CaptureRecord&)>& fn) override {
    std::vector<CaptureRecord> sorted(captures_.begin(), captures_.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
      return std::tie(a.urlkey, a.time) < std::tie(b.urlkey, b.time);
    });
    for (const CaptureRecord& c : sorted) {
      if (filter.since && c.time < *filter.since) continue;
      if (filter.until && c.time >= *filter.until) continue;
      RETURN_IF_ERROR(fn(c));
    }
    return core::Status::Ok();
  }
  core::Result<ArchiveStats> Stats() override { return core::Status::Unsupported("fake"); }
  CrawlStore& Crawl() override { return crawl_; }

  int versions_calls = 0;

 private:
  UnusedCrawlStore crawl_;
  std::deque<CaptureRecord> captures_;  // deque: Add's references stay valid
  std::map<std::string, std::string> payloads_;
  std::map<std::string, std::vector<ArticleVersionRecord>> versions_;
};

const char kHead[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 11\r\n\r\n";
const char kBody[] = "<p>same</p>";
const char kChangedHead[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 14\r\n\r\n";
const char kChangedBody[] = "<p>changed</p>";

struct Exported {
  ExportReport report;
  std::vector<ParsedWarcRecord> records;
};

Exported Export(FakeArchive& archive, const TempDir& dir, ExportOptions options = {}) {
  options.path = dir.Join("export.warc.gz");
  Exported out;
  auto report = ExportWarc(archive, options);
  EXPECT_TRUE(report.ok()) << report.status().ToString();
  if (!report.ok()) return out;
  out.report = *report;
  auto file = testing::ReadWarcFile(options.path);
  EXPECT_EQ(file.error, "");
  out.records = file.records;
  return out;
}

std::vector<std::string> Types(const Exported& e) {
  std::vector<std::string> types;
  for (const auto& r : e.records) types.push_back(r.Type());
  return types;
}

TEST(ExportWarc, StartsWithWarcinfoDescribingTheFile) {
  // WARC 1.1 §6.2: every file starts with a warcinfo naming itself.
  FakeArchive archive;
  TempDir dir;
  ExportOptions options;
  options.user_agent = "newsvault/0.1.0 (+https://example.org/bot)";
  Exported e = Export(archive, dir, options);
  ASSERT_EQ(e.records.size(), 1u);
  const auto& info = e.records[0];
  EXPECT_EQ(info.Type(), "warcinfo");
  EXPECT_EQ(info.Field("WARC-Filename"), "export.warc.gz");
  EXPECT_EQ(info.Field("Content-Type"), "application/warc-fields");
  EXPECT_FALSE(info.Field("WARC-Target-URI").has_value());
  EXPECT_NE(info.block.find("software: newsvault/0.1.0\r\n"), std::string::npos);
  EXPECT_NE(info.block.find("format: WARC File Format 1.1\r\n"), std::string::npos);
  EXPECT_NE(info.block.find("conformsTo: http://iipc.github.io/warc-specifications/specifications/"
                            "warc-format/warc-1.1/\r\n"),
            std::string::npos);
  EXPECT_NE(info.block.find("\r\nhostname: "), std::string::npos);
  EXPECT_NE(info.block.find("\r\nrobots: obey\r\n"), std::string::npos);
  EXPECT_NE(
      info.block.find("http-header-user-agent: newsvault/0.1.0 (+https://example.org/bot)\r\n"),
      std::string::npos);
  EXPECT_EQ(e.report.records_by_type["warcinfo"], 1u);
  EXPECT_EQ(e.report.bytes_written, std::filesystem::file_size(dir.Join("export.warc.gz")));
}

TEST(ExportWarc, WritesResponseThenConcurrentRequestForANewPayload) {
  FakeArchive archive;
  const CaptureRecord& c =
      archive.Add("https://example.com/a", "com,example)/a", At(10, 0), kHead, kBody);
  TempDir dir;
  Exported e = Export(archive, dir);
  ASSERT_EQ(Types(e), (std::vector<std::string>{"warcinfo", "response", "request"}));
  const auto& response = e.records[1];
  const auto& request = e.records[2];
  EXPECT_EQ(response.block, std::string(kHead) + kBody);
  EXPECT_EQ(response.Field("Content-Type"), "application/http;msgtype=response");
  EXPECT_EQ(response.Field("WARC-Target-URI"), "https://example.com/a");
  EXPECT_EQ(response.Field("WARC-IP-Address"), "192.0.2.7");
  EXPECT_EQ(response.Field("WARC-Payload-Digest"), c.payload_digest);
  EXPECT_EQ(response.Field("WARC-Date"), "2025-02-04T10:00:00.000250Z");
  EXPECT_FALSE(response.Field("WARC-Truncated").has_value());
  EXPECT_EQ(request.block, c.request_bytes);
  EXPECT_EQ(request.Field("Content-Type"), "application/http;msgtype=request");
  EXPECT_EQ(request.Field("WARC-Concurrent-To"), response.Field("WARC-Record-ID"));
  EXPECT_EQ(request.Field("WARC-Date"), response.Field("WARC-Date"));
  EXPECT_EQ(request.Field("WARC-Target-URI"), "https://example.com/a");
  EXPECT_EQ(e.report.captures, 1u);
}

TEST(ExportWarc, RecapturesOfAPayloadAreRevisitsOfTheOriginalResponse) {
  // Given three captures with one payload, the 2nd and 3rd are revisits that
  // both name the 1st response, never the revisit before them.
  FakeArchive archive;
  archive.Add("https://example.com/a", "com,example)/a", At(10, 0), kHead, kBody);
  archive.Add("https://example.com/a", "com,example)/a", At(11, 0),
              "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 11\r\nAge: 5\r\n\r\n",
              kBody);
  archive.Add("https://example.com/a", "com,example)/a", At(12, 0), kHead, kBody);
  TempDir dir;
  Exported e = Export(archive, dir);
  ASSERT_EQ(Types(e), (std::vector<std::string>{"warcinfo", "response", "request", "revisit",
                                                "request", "revisit", "request"}));
  const auto& original = e.records[1];
  for (size_t i : {3u, 5u}) {
    const auto& revisit = e.records[i];
    EXPECT_EQ(revisit.Field("WARC-Profile"),
              "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest");
    EXPECT_EQ(revisit.Field("WARC-Refers-To"), original.Field("WARC-Record-ID"));
    EXPECT_EQ(revisit.Field("WARC-Refers-To-Target-URI"), "https://example.com/a");
    EXPECT_EQ(revisit.Field("WARC-Refers-To-Date"), original.Field("WARC-Date"));
    EXPECT_EQ(revisit.Field("WARC-Payload-Digest"), original.Field("WARC-Payload-Digest"));
    EXPECT_EQ(revisit.Field("WARC-Truncated"), "length");
    EXPECT_EQ(revisit.Field("Content-Type"), "application/http;msgtype=response");
    EXPECT_EQ(e.records[i + 1].Field("WARC-Concurrent-To"), revisit.Field("WARC-Record-ID"));
  }
  // The revisit's block is its own capture's head, not the original's, and no body.
  EXPECT_NE(e.records[3].block.find("Age: 5\r\n\r\n"), std::string::npos);
  EXPECT_EQ(e.records[3].block.find(kBody), std::string::npos);
  EXPECT_EQ(e.records[3].Field("WARC-Date"), "2025-02-04T11:00:00.000250Z");
  EXPECT_EQ(e.report.records_by_type["revisit"], 2u);
  EXPECT_EQ(e.report.records_by_type["response"], 1u);
  EXPECT_EQ(e.report.records_by_type["request"], 3u);
}

TEST(ExportWarc, SamePayloadAtAnotherUrlNamesTheOriginalTargetUri) {
  // pywb resolves cross-URL revisits by Refers-To-Target-URI + Date only.
  FakeArchive archive;
  archive.Add("https://example.com/a", "com,example)/a", At(10, 0), kHead, kBody);
  archive.Add("https://mirror.example.org/copy", "org,example,mirror)/copy", At(9, 0), kHead,
              kBody);
  TempDir dir;
  Exported e = Export(archive, dir);
  ASSERT_EQ(Types(e),
            (std::vector<std::string>{"warcinfo", "response", "request", "revisit", "request"}));
  EXPECT_EQ(e.records[3].Field("WARC-Target-URI"), "https://mirror.example.org/copy");
  EXPECT_EQ(e.records[3].Field("WARC-Refers-To-Target-URI"), "https://example.com/a");
  EXPECT_EQ(e.records[3].Field("WARC-Refers-To-Date"), "2025-02-04T10:00:00.000250Z");
}

TEST(ExportWarc, EmptyBodiesAreResponsesNeverRevisits) {
  // Two empty bodies share sha1(""), but a revisit would save nothing and tie
  // a redirect to a 304; each stays a response with the empty-payload digest.
  FakeArchive archive;
  archive.Add("https://example.com/old", "com,example)/old", At(10, 0),
              "HTTP/1.1 301 Moved Permanently\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n", "");
  archive.Add("https://example.com/old", "com,example)/old", At(11, 0),
              "HTTP/1.1 304 Not Modified\r\n\r\n", "");
  TempDir dir;
  Exported e = Export(archive, dir);
  ASSERT_EQ(Types(e),
            (std::vector<std::string>{"warcinfo", "response", "request", "response", "request"}));
  for (size_t i : {1u, 3u}) {
    EXPECT_EQ(e.records[i].Field("WARC-Payload-Digest"), "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
  }
  EXPECT_EQ(e.records[3].block, "HTTP/1.1 304 Not Modified\r\n\r\n");
}

TEST(ExportWarc, MarksTruncatedCaptures) {
  FakeArchive archive;
  CaptureRecord& c = archive.Add("https://example.com/big", "com,example)/big", At(10, 0),
                                 "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", "only part");
  c.truncation = core::Truncation::kTime;
  TempDir dir;
  Exported e = Export(archive, dir);
  ASSERT_GE(e.records.size(), 2u);
  EXPECT_EQ(e.records[1].Field("WARC-Truncated"), "time");
}

TEST(ExportWarc, KeepsChunkedFramingAndDigestsTheEntity) {
  // The block is the bytes as received (still chunked); the payload digest is
  // over the de-chunked entity, the archive's key (WARC 1.1 §5.9).
  const std::string chunked = "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
  const std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  FakeArchive archive;
  archive.Add("https://example.com/c", "com,example)/c", At(10, 0), head, chunked,
              /*chunked=*/true);
  TempDir dir;
  Exported e = Export(archive, dir);
  ASSERT_GE(e.records.size(), 2u);
  EXPECT_EQ(e.records[1].block, head + chunked);
  EXPECT_EQ(e.records[1].Field("WARC-Payload-Digest"), core::Sha1Base32Digest("hello world"));
}

TEST(ExportWarc, CutOffChunkedBodyIsDigestedAsStored) {
  // A time-limited chunked body ends mid-chunk: readers cannot de-chunk it,
  // so the payload digest covers the bytes as stored; a revisit of it
  // repeats that exact string.
  const std::string cut = "5\r\nhello\r\n20\r\npartial";
  const std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  FakeArchive archive;
  CaptureRecord& a =
      archive.Add("https://example.com/slow", "com,example)/slow", At(10, 0), head, cut, true);
  a.truncation = core::Truncation::kTime;
  CaptureRecord& b =
      archive.Add("https://example.com/slow", "com,example)/slow", At(11, 0), head, cut, true);
  b.truncation = core::Truncation::kTime;
  TempDir dir;
  Exported e = Export(archive, dir);
  ASSERT_EQ(Types(e),
            (std::vector<std::string>{"warcinfo", "response", "request", "revisit", "request"}));
  EXPECT_EQ(e.records[1].block, head + cut);
  EXPECT_EQ(e.records[1].Field("WARC-Payload-Digest"), core::Sha1Base32Digest(cut));
  EXPECT_EQ(e.records[3].Field("WARC-Payload-Digest"), core::Sha1Base32Digest(cut));
}

TEST(ExportWarc, WritesOneMetadataRecordPerArticleVersion) {
  // Given v1 at 10:00, v1 again at 11:00 and v2 at 12:00, we should write two
  // metadata records, each concurrent to the capture that first carries it.
  FakeArchive archive;
  archive.Add("https://example.com/a", "com,example)/a", At(10, 0), kHead, kBody).version = 1;
  archive.Add("https://example.com/a", "com,example)/a", At(11, 0), kHead, kBody).version = 1;
  archive.Add("https://example.com/a", "com,example)/a", At(12, 0), kChangedHead, kChangedBody)
      .version = 2;
  archive.AddVersion("com,example)/a", 1, "First title");
  archive.AddVersion("com,example)/a", 2, "Second title");
  TempDir dir;
  Exported e = Export(archive, dir);
  ASSERT_EQ(Types(e),
            (std::vector<std::string>{"warcinfo", "response", "request", "metadata", "revisit",
                                      "request", "response", "request", "metadata"}));
  EXPECT_EQ(archive.versions_calls, 1);  // one lookup per URL, not per capture
  for (auto [meta, response, version, title] :
       {std::tuple{3u, 1u, 1, "First title"}, std::tuple{8u, 6u, 2, "Second title"}}) {
    const auto& m = e.records[meta];
    EXPECT_EQ(m.Field("Content-Type"), "application/json");
    EXPECT_EQ(m.Field("WARC-Target-URI"), "https://example.com/a");
    EXPECT_EQ(m.Field("WARC-Concurrent-To"), e.records[response].Field("WARC-Record-ID"));
    EXPECT_EQ(m.Field("WARC-Date"), e.records[response].Field("WARC-Date"));
    EXPECT_FALSE(m.Field("WARC-Payload-Digest").has_value());
    auto json = nlohmann::json::parse(m.block);
    EXPECT_EQ(json["version"], version);
    EXPECT_EQ(json["title"], title);
    EXPECT_EQ(json["body_text"], std::string("Body of ") + title);
  }
  EXPECT_EQ(e.report.records_by_type["metadata"], 2u);
}

TEST(ExportWarc, SinceAndUntilLimitTheCaptures) {
  // Given captures at 10:00, 11:00 and 12:00, [10:30, 12:00) keeps only 11:00,
  // which becomes a response: its earlier original is not in this file.
  FakeArchive archive;
  archive.Add("https://example.com/a", "com,example)/a", At(10, 0), kHead, kBody);
  archive.Add("https://example.com/a", "com,example)/a", At(11, 0), kHead, kBody);
  archive.Add("https://example.com/a", "com,example)/a", At(12, 0), kHead, kBody);
  TempDir dir;
  ExportOptions options;
  options.since = At(10, 30);
  options.until = At(12, 0);
  Exported e = Export(archive, dir, options);
  ASSERT_EQ(Types(e), (std::vector<std::string>{"warcinfo", "response", "request"}));
  EXPECT_EQ(e.records[1].Field("WARC-Date"), "2025-02-04T11:00:00.000250Z");
  EXPECT_EQ(e.report.captures, 1u);
}

TEST(ExportWarc, FailureRemovesTheOpenFileAndNamesTheCapture) {
  FakeArchive archive;
  archive.Add("https://example.com/a", "com,example)/a", At(10, 0), kHead, kBody);
  const CaptureRecord& lost =
      archive.Add("https://example.com/b", "com,example)/b", At(10, 0), kHead, kChangedBody);
  archive.DropPayload(lost.payload_digest);
  TempDir dir;
  ExportOptions options;
  options.path = dir.Join("fail.warc.gz");
  auto report = ExportWarc(archive, options);
  ASSERT_FALSE(report.ok());
  EXPECT_TRUE(report.status().IsNotFound());
  const std::string message = report.status().message();
  EXPECT_NE(message.find("https://example.com/b"), std::string::npos) << message;
  EXPECT_NE(message.find(options.path), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_FALSE(std::filesystem::exists(options.path));
  EXPECT_FALSE(std::filesystem::exists(options.path + ".open"));
}

TEST(ExportWarc, MissingOutputDirectoryIsAnError) {
  FakeArchive archive;
  TempDir dir;
  ExportOptions options;
  options.path = dir.Join("no/such/dir/out.warc.gz");
  auto report = ExportWarc(archive, options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), core::StatusCode::kIoError);
}

}  // namespace
}  // namespace newsvault::storage
