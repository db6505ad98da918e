// Durability of the RocksDB archive: a writer killed with SIGKILL mid-stream
// must leave an archive that opens, with every capture it acknowledged intact.
//
// A forked child stores captures in a loop and reports each one over a pipe
// only after StoreCapture returned OK (a synced WriteBatch). The parent kills
// it at an arbitrary point, reopens the archive and checks every reported
// capture byte for byte, then that the archive as a whole is consistent
// (counters, payload digests, version numbering). Three rounds reuse the
// same archive, so recovery after a kill is itself recovered from. The same
// holds in group-commit mode (OpenOptions::Durability::kGroupCommit), where
// writes are acknowledged before the log is fsynced: SIGKILL leaves the
// page cache, so nothing acknowledged may be lost there either.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "core/digest.h"
#include "storage/archive.h"
#include "storage/crawl_store.h"
#include "tests/support/process.h"
#include "tests/unit/storage/archive_test_util.h"

namespace newsvault::storage {
namespace {

constexpr int kUrls = 7;
constexpr int kAcksBeforeKill = 40;

std::string UrlOf(int i) { return "http://example.com/story/" + std::to_string(i % kUrls); }

// Every other capture repeats the previous payload (a revisit); every tenth
// payload is large enough for a blob file.
std::string BodyOf(int i) {
  size_t k = static_cast<size_t>(i / 2);
  size_t size = k % 10 == 0 ? 100 * 1024 : 2048;
  std::string body = "<html><p>capture " + std::to_string(k) + "</p>";
  while (body.size() < size) body += static_cast<char>('a' + (body.size() * 31 + k) % 26);
  return body;
}

std::string Chunked(const std::string& entity) {
  std::string out;
  for (size_t pos = 0; pos < entity.size(); pos += 1000) {
    std::string piece = entity.substr(pos, 1000);
    std::ostringstream size;
    size << std::hex << piece.size();
    out += size.str() + "\r\n" + piece + "\r\n";
  }
  return out + "0\r\n\r\n";
}

core::HttpExchange ExchangeOf(int i) {
  std::string body = BodyOf(i);
  if (i % 3 == 0) {
    return archive_test::MakeExchange(
        UrlOf(i), "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", Chunked(body),
        archive_test::At(1'700'000'000'000'000 + i * 1000));
  }
  return archive_test::HtmlExchange(UrlOf(i), body,
                                    archive_test::At(1'700'000'000'000'000 + i * 1000));
}

std::optional<core::Article> ArticleOf(int i) {
  if (i % 2 != 0) return std::nullopt;
  return archive_test::MakeArticle("Story " + std::to_string(i % kUrls),
                                   "Text revision " + std::to_string(i / 8));
}

// The child: store captures from `first` on, acknowledging each as
// "i time_us\n" on `fd`. Runs until killed.
[[noreturn]] void RunWriter(const std::string& path, int first, int fd) {
  auto archive = OpenArchive(path);
  if (!archive.ok()) _exit(2);
  for (int i = first; i < first + 100000; ++i) {
    std::optional<core::Article> article = ArticleOf(i);
    auto outcome = (*archive)->StoreCapture(ExchangeOf(i), article ? &*article : nullptr);
    if (!outcome.ok()) _exit(3);
    std::string ack =
        std::to_string(i) + " " + std::to_string(core::ToMicros(outcome->time)) + "\n";
    if (write(fd, ack.data(), ack.size()) != static_cast<ssize_t>(ack.size())) _exit(4);
  }
  _exit(0);
}

constexpr int kLinksPerCapture = 5;

std::string LinkOf(int i, int k) {
  return "http://example.com/link/" + std::to_string(i) + "/" + std::to_string(k);
}

// The child of the group-commit test: as RunWriter, but through the crawl
// store (the crawler's path), each capture discovering kLinksPerCapture new
// links, in group-commit mode.
[[noreturn]] void RunCrawlWriter(const std::string& path, int first, int fd) {
  OpenOptions options;
  options.durability = Durability::kGroupCommit;
  auto archive = OpenArchive(path, options);
  if (!archive.ok()) _exit(2);
  auto run = (*archive)->Crawl().BeginRun(archive_test::At(1'700'000'000'000'000));
  if (!run.ok()) _exit(2);
  for (int i = first; i < first + 100000; ++i) {
    std::optional<core::Article> article = ArticleOf(i);
    CrawlUpdate update;
    update.run_id = run->id;
    update.done_url = UrlOf(i);
    update.is_article = article.has_value();
    for (int k = 0; k < kLinksPerCapture; ++k) {
      update.discovered.push_back(
          FrontierEntry{LinkOf(i, k), "site", FrontierKind::kPage, 1, 0, ""});
    }
    auto outcome = (*archive)->Crawl().StoreCrawledCapture(ExchangeOf(i),
                                                           article ? &*article : nullptr, update);
    if (!outcome.ok()) _exit(3);
    std::string ack =
        std::to_string(i) + " " + std::to_string(core::ToMicros(outcome->stored.time)) + "\n";
    if (write(fd, ack.data(), ack.size()) != static_cast<ssize_t>(ack.size())) _exit(4);
  }
  _exit(0);
}

// Reads acknowledgements until `want` arrived (then kills the writer) and
// then to EOF: a line completed before the kill is an acknowledged capture.
std::map<int, int64_t> KillAfterAcks(pid_t pid, int fd, int want) {
  std::map<int, int64_t> acks;
  std::string buffer;
  bool killed = false;
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 60'000) <= 0) {
      ADD_FAILURE() << "writer made no progress for 60 s";
      kill(pid, SIGKILL);
      break;
    }
    char chunk[4096];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n <= 0) break;
    buffer.append(chunk, static_cast<size_t>(n));
    size_t nl;
    while ((nl = buffer.find('\n')) != std::string::npos) {
      std::istringstream line(buffer.substr(0, nl));
      int i = 0;
      int64_t micros = 0;
      line >> i >> micros;
      acks[i] = micros;
      buffer.erase(0, nl + 1);
    }
    if (!killed && static_cast<int>(acks.size()) >= want) {
      kill(pid, SIGKILL);
      killed = true;
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "writer ended on its own, status " << status;
  return acks;
}

// Forks a child running `writer` (indices from `first`, acks on a pipe), kills
// it once kAcksBeforeKill captures are acknowledged, and returns every ack.
std::map<int, int64_t> ForkAndKillAfterAcks(void (*writer)(const std::string&, int, int),
                                            const std::string& path, int first) {
  int fds[2];
  if (pipe(fds) != 0) {
    ADD_FAILURE() << "pipe failed";
    return {};
  }
  const pid_t pid = fork();
  if (pid < 0) {
    ADD_FAILURE() << "fork failed";
    return {};
  }
  if (pid == 0) {
    close(fds[0]);
    writer(path, first, fds[1]);
  }
  close(fds[1]);
  std::map<int, int64_t> acks = KillAfterAcks(pid, fds[0], kAcksBeforeKill);
  close(fds[0]);
  return acks;
}

void ExpectAckedCaptureIntact(Archive& archive, int i, int64_t micros) {
  SCOPED_TRACE("capture " + std::to_string(i));
  auto captures = archive.Captures(UrlOf(i));
  ASSERT_TRUE(captures.ok()) << captures.status().ToString();
  const CaptureRecord* found = nullptr;
  for (const auto& c : *captures) {
    if (core::ToMicros(c.time) == micros) found = &c;
  }
  ASSERT_NE(found, nullptr) << "acknowledged capture is missing";
  core::HttpExchange ex = ExchangeOf(i);
  auto payload = archive.Payload(found->payload_digest);
  ASSERT_TRUE(payload.ok()) << payload.status().ToString();
  EXPECT_EQ(core::Sha1Base32Digest(*payload), found->payload_digest);
  EXPECT_EQ(*payload, BodyOf(i));
  auto raw = found->RawResponse(*payload);
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  EXPECT_EQ(*raw, ex.response_head + ex.response_body);
  EXPECT_EQ(found->request_bytes, ex.request_bytes);
  EXPECT_EQ(found->version != 0, ArticleOf(i).has_value());
}

// Whatever the kill interrupted, the archive must agree with itself.
void ExpectConsistent(Archive& archive) {
  uint64_t captures = 0;
  std::set<std::string> digests;
  core::Status scan = archive.ForEachCapture({}, [&](const CaptureRecord& c) {
    ++captures;
    digests.insert(c.payload_digest);
    auto payload = archive.Payload(c.payload_digest);
    if (!payload.ok()) return payload.status();
    EXPECT_EQ(core::Sha1Base32Digest(*payload), c.payload_digest);
    return core::Status::Ok();
  });
  ASSERT_TRUE(scan.ok()) << scan.ToString();
  auto stats = archive.Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->captures, captures);
  EXPECT_EQ(stats->payloads, digests.size());
  EXPECT_EQ(stats->revisits, captures - digests.size());
  auto urls = archive.ListUrls();
  ASSERT_TRUE(urls.ok());
  uint64_t versions = 0;
  for (const auto& url : *urls) {
    auto list = archive.Versions(url.url);
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->size(), url.versions) << url.urlkey;
    for (size_t n = 0; n < list->size(); ++n) EXPECT_EQ((*list)[n].number, n + 1);
    versions += list->size();
  }
  EXPECT_EQ(stats->versions, versions);
}

TEST(ArchiveCrash, SigkillDuringWritesLosesNoAcknowledgedCapture) {
  newsvault::testing::TempDir dir;
  const std::string path = dir.Join("db");
  std::map<int, int64_t> all_acks;
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    std::map<int, int64_t> acks = ForkAndKillAfterAcks(RunWriter, path, round * 10000);
    ASSERT_GE(acks.size(), static_cast<size_t>(kAcksBeforeKill));
    all_acks.insert(acks.begin(), acks.end());

    auto archive = OpenArchive(path, {.create_if_missing = false});
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    for (const auto& [i, micros] : all_acks) ExpectAckedCaptureIntact(**archive, i, micros);
    ExpectConsistent(**archive);
    auto stats = (*archive)->Stats();
    ASSERT_TRUE(stats.ok());
    EXPECT_GE(stats->captures, all_acks.size());
    EXPECT_LE(stats->captures, all_acks.size() + static_cast<size_t>(round) + 1)
        << "at most one unacknowledged per kill";
  }
}

// Given a crawl writing in group-commit mode killed with SIGKILL three times,
// every capture it acknowledged should be intact on reopen, with its crawl
// bookkeeping (the links it discovered are in the frontier).
TEST(ArchiveCrash, SigkillInGroupCommitModeLosesNoAcknowledgedCrawledCapture) {
  newsvault::testing::TempDir dir;
  const std::string path = dir.Join("db");
  std::map<int, int64_t> all_acks;
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    std::map<int, int64_t> acks = ForkAndKillAfterAcks(RunCrawlWriter, path, round * 10000);
    ASSERT_GE(acks.size(), static_cast<size_t>(kAcksBeforeKill));
    all_acks.insert(acks.begin(), acks.end());

    auto archive = OpenArchive(path, {.create_if_missing = false});
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    for (const auto& [i, micros] : all_acks) ExpectAckedCaptureIntact(**archive, i, micros);
    ExpectConsistent(**archive);

    auto frontier = (*archive)->Crawl().PeekFrontier("http://example.com", "", 1'000'000);
    ASSERT_TRUE(frontier.ok()) << frontier.status().ToString();
    std::set<std::string> queued;
    for (const FrontierItem& item : *frontier) queued.insert(item.entry.url);
    for (const auto& [i, micros] : all_acks) {
      for (int k = 0; k < kLinksPerCapture; ++k) {
        EXPECT_EQ(queued.count(LinkOf(i, k)), 1u) << "capture " << i << " lost link " << k;
      }
    }
    // Every capture (acknowledged or the one in flight) brought its links, no other.
    auto stats = (*archive)->Stats();
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(queued.size(), stats->captures * kLinksPerCapture);
    EXPECT_EQ(*(*archive)->Crawl().FrontierSize(), queued.size());
    EXPECT_LE(stats->captures, all_acks.size() + static_cast<size_t>(round) + 1)
        << "at most one unacknowledged per kill";
  }
}

}  // namespace
}  // namespace newsvault::storage
