// End to end: `newsvault crawl` over the multi-host news fixture site
// (tests/support/news_fixture_site.h), issue 3 "Done when". The crawler is
// judged by the fixture's own request log and by what the archive holds
// (`list --json`, `history --json`), never by what the crawler says it did.
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/integration/cli_test_util.h"
#include "tests/support/news_fixture_site.h"
#include "tests/support/process.h"
#include "tests/support/warc_test_reader.h"

namespace newsvault::testing {
namespace {

using std::chrono::milliseconds;
using Json = nlohmann::json;

constexpr milliseconds kMinDelay{100};
// Server-side times include the network between client and server: allow a
// little jitter when comparing them with the client's own waits.
constexpr milliseconds kJitter{15};
constexpr int kMaxDepth = 3;

std::vector<Json> JsonLinesOf(const std::string& text) {
  std::vector<Json> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    if (nl > start) out.push_back(Json::parse(text.substr(start, nl - start), nullptr, false));
    start = nl + 1;
  }
  return out;
}

// The archive as a comparable value: per URL, the number of captures and
// versions, and the payload digests of its article (version-bearing) captures.
struct ArchiveState {
  std::map<std::string, int> captures;
  std::map<std::string, int> versions;
  std::map<std::string, std::set<std::string>> article_digests;
};

class CliCrawlTest : public ::testing::Test {
 protected:
  CliCrawlTest() { config_ = WriteConfig(); }

  std::string WriteConfig() const {
    std::string toml =
        "[archive]\npath = \"" + dir_.Join("config-db") +
        "\"\n\n"
        "[crawl]\nuser_agent = \"newsvault\"\ncontact = \"https://example.org/test\"\n"
        "concurrency = 8\nmin_delay = \"100ms\"\ndelay_factor = 1.0\nmax_delay = \"2s\"\n"
        "allow_private_addresses = true\n\n";
    for (int h = 0; h < site_.HostCount(); ++h) {
      const FixtureHostSpec& host = site_.hosts()[h];
      toml += "[[site]]\nname = \"" + host.name + "\"\nseeds = [\"" + site_.Url(h, "/") + "\"]\n";
      if (host.feed) toml += "feeds = [\"" + site_.Url(h, "/feed.xml") + "\"]\n";
      toml += "max_depth = " + std::to_string(kMaxDepth) + "\n\n";
    }
    const std::string path = dir_.Join("sites.toml");
    std::ofstream(path) << toml;
    return path;
  }

  std::vector<std::string> CrawlArgs(const std::string& db, std::vector<std::string> extra) const {
    std::vector<std::string> args = {"--db", db, "--config", config_, "crawl", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }

  // Runs one crawl to its end; fails the test unless it ended normally.
  Json Crawl(const std::string& db, std::vector<std::string> extra = {}) {
    ProcessResult r = RunNewsvault(CrawlArgs(db, std::move(extra)), std::chrono::seconds(60));
    // The client has its responses; let the servers note their ends. (Best
    // effort: a request of a killed crawl may never be answered.)
    (void)site_.WaitUntilAnswered(milliseconds(500));
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.exit_code << "\n" << r.err;
    Json summary = Json::parse(r.out, nullptr, false);
    EXPECT_FALSE(summary.is_discarded()) << r.out << "\n" << r.err;
    return summary;
  }

  // `list --json` as url -> entry.
  static std::map<std::string, Json> List(const std::string& db) {
    ProcessResult r = RunNewsvault({"--db", db, "list", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::map<std::string, Json> out;
    for (const Json& j : JsonLinesOf(r.out)) {
      EXPECT_FALSE(j.is_discarded()) << r.out;
      if (j.is_discarded()) continue;
      EXPECT_EQ(out.count(j["url"]), 0u) << "listed twice: " << j["url"];
      out[j["url"].get<std::string>()] = j;
    }
    return out;
  }

  static Json History(const std::string& db, const std::string& url) {
    ProcessResult r = RunNewsvault({"--db", db, "history", url, "--json"});
    EXPECT_EQ(r.exit_code, 0) << url << ": " << r.err;
    return Json::parse(r.out, nullptr, false);
  }

  // The requests the server saw for `path` (without query) on `host`.
  static std::vector<FixtureRequest> For(const std::vector<FixtureRequest>& log, int host,
                                         const std::string& path) {
    std::vector<FixtureRequest> out;
    for (const FixtureRequest& r : log) {
      if (r.host == host && r.path == path) out.push_back(r);
    }
    return out;
  }

  // One `list` and one `export --articles-only` (rather than a `history` per
  // URL: each process opens the archive, and the test should stay quick).
  ArchiveState StateOf(const std::string& db) const {
    ArchiveState state;
    for (const auto& [url, entry] : List(db)) {
      state.captures[url] = entry["captures"].get<int>();
      state.versions[url] = entry["versions"].get<int>();
    }
    const std::string warc = db + "-articles.warc.gz";
    const ProcessResult r = RunNewsvault({"--db", db, "export", "--warc", warc, "--articles-only"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const ParsedWarcFile file = ReadWarcFile(warc);
    EXPECT_EQ(file.error, "");
    for (const ParsedWarcRecord& record : file.records) {
      if (record.Type() != "response" && record.Type() != "revisit") continue;
      state.article_digests[record.Field("WARC-Target-URI").value_or("")].insert(
          record.Field("WARC-Payload-Digest").value_or(""));
    }
    return state;
  }

  std::string PathOf(const std::string& url) const { return url.substr(url.find('/', 7)); }
  int HostOf(const std::string& url) const {
    for (int h = 0; h < site_.HostCount(); ++h) {
      if (url.rfind(site_.BaseUrl(h) + "/", 0) == 0) return h;
    }
    return -1;
  }

  NewsFixtureSite site_;
  TempDir dir_;
  std::string config_;
};

TEST_F(CliCrawlTest, CrawlsEveryArticleOnceWithinRobotsScopeAndPoliteness) {
  const std::string db = dir_.Join("db");
  const Json summary = Crawl(db);
  EXPECT_EQ(summary["stop_reason"], "frontier empty");
  const std::vector<FixtureRequest> log = site_.Requests();
  const std::map<std::string, Json> listed = List(db);
  const std::string flaky = site_.ArticleUrls(FixtureListing::kFlaky).at(0);

  // Every article, whether linked, only in the feed, only in the sitemap or at
  // the end of a redirect chain, is stored once with one version.
  for (const std::string& url : site_.ArticleUrls()) {
    SCOPED_TRACE(url);
    ASSERT_EQ(listed.count(url), 1u);
    EXPECT_EQ(listed.at(url)["versions"], 1);
    EXPECT_EQ(listed.at(url)["captures"], url == flaky ? 2 : 1);
    // Tracking parameters and fragments collapsed: one request per article.
    EXPECT_EQ(For(log, HostOf(url), PathOf(url)).size(), url == flaky ? 2u : 1u);
  }
  for (const auto& [url, entry] : listed) {
    EXPECT_EQ(url.find("utm_"), std::string::npos) << url;
    EXPECT_EQ(url.find("fbclid"), std::string::npos) << url;
    EXPECT_EQ(url.find('#'), std::string::npos) << url;
  }

  std::set<int> calendar_days;
  for (const FixtureRequest& r : log) {
    EXPECT_EQ(r.user_agent, "newsvault/0.1.0 (+https://example.org/test)") << r.target;
    EXPECT_EQ(r.path.rfind("/private/", 0), std::string::npos) << "disallowed: " << r.target;
    EXPECT_EQ(r.target.find("utm_"), std::string::npos) << r.target;
    EXPECT_EQ(r.target.find("fbclid"), std::string::npos) << r.target;
    if (r.path == "/calendar") {
      EXPECT_TRUE(calendar_days.insert(std::stoi(r.target.substr(r.target.find('=') + 1))).second)
          << "calendar day fetched twice: " << r.target;
    }
  }
  // The trap: day N is N hops from the front page; depth bounds it.
  EXPECT_EQ(calendar_days, (std::set<int>{1, 2, 3}));

  for (int h = 0; h < site_.HostCount(); ++h) {
    SCOPED_TRACE(site_.hosts()[h].name);
    std::vector<FixtureRequest> mine;
    for (const FixtureRequest& r : log) {
      if (r.host == h) mine.push_back(r);
    }
    ASSERT_FALSE(mine.empty());
    std::sort(mine.begin(), mine.end(),
              [](const FixtureRequest& a, const FixtureRequest& b) { return a.start < b.start; });
    // robots.txt first, and once: it is cached in the archive.
    EXPECT_EQ(mine.front().target, "/robots.txt");
    EXPECT_EQ(For(log, h, "/robots.txt").size(), 1u);
    for (size_t i = 1; i < mine.size(); ++i) {
      // One connection per host: a request starts only after the previous one ended...
      EXPECT_GE(mine[i].start, mine[i - 1].end) << mine[i - 1].target << " / " << mine[i].target;
      // ...and at least min_delay after it started.
      EXPECT_GE(mine[i].start - mine[i - 1].start, kMinDelay - kJitter)
          << mine[i - 1].target << " -> " << mine[i].target;
    }
  }

  // 503 + Retry-After: 1: tried again no sooner than a second later, then stored.
  const std::vector<FixtureRequest> flaky_requests = For(log, site_.FeedHost(), PathOf(flaky));
  ASSERT_EQ(flaky_requests.size(), 2u);
  EXPECT_EQ(flaky_requests[0].status, 503);
  EXPECT_EQ(flaky_requests[1].status, 200);
  EXPECT_GE(flaky_requests[1].start - flaky_requests[0].end, milliseconds(1000) - kJitter);
  const Json flaky_history = History(db, flaky);
  ASSERT_EQ(flaky_history["captures"].size(), 2u);
  EXPECT_EQ(flaky_history["captures"][0]["status"], 503);
  EXPECT_EQ(flaky_history["captures"][1]["status"], 200);
  EXPECT_EQ(flaky_history["captures"][1]["version"], 1);

  // The redirect chain is stored hop by hop; the loop ends.
  const int g = site_.CalendarHost();
  EXPECT_EQ(For(log, g, "/r/1").size(), 1u);
  EXPECT_EQ(For(log, g, "/r/2").size(), 1u);
  EXPECT_EQ(History(db, site_.Url(g, "/r/1"))["captures"][0]["status"], 301);
  EXPECT_EQ(History(db, site_.Url(g, "/r/2"))["captures"][0]["status"], 302);
  const std::string target = site_.ArticleUrls(FixtureListing::kRedirectTarget).at(0);
  EXPECT_EQ(History(db, target)["captures"][0]["status"], 200);
  EXPECT_EQ(For(log, g, "/loop/a").size(), 1u);
  EXPECT_LE(For(log, g, "/loop/b").size(), 1u);
}

TEST_F(CliCrawlTest, KilledAtSeveralPointsAndRerunEndsWithTheUninterruptedArchive) {
  const std::vector<std::string> articles = site_.ArticleUrls();
  const std::string reference_db = dir_.Join("reference");
  Crawl(reference_db);
  const ArchiveState reference = StateOf(reference_db);
  ASSERT_EQ(reference.article_digests.size(), articles.size());
  const size_t full_run_requests = site_.Requests().size();

  for (const size_t k : {size_t{3}, size_t{10}, size_t{25}}) {
    SCOPED_TRACE("killed after " + std::to_string(k) + " requests");
    ASSERT_LT(k, full_run_requests);
    site_.ResetFlaky();
    site_.ClearLog();
    const std::string db = dir_.Join("killed-" + std::to_string(k));
    {
      std::vector<std::string> argv = CrawlArgs(db, {});
      argv.insert(argv.begin(), NewsvaultBinary());
      ChildProcess child(argv);
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
      while (site_.Requests().size() < k && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(milliseconds(2));
      }
      child.Kill(SIGKILL);
      ASSERT_EQ(child.Wait(), -SIGKILL) << "the crawl ended before it could be killed";
    }
    Json summary;
    for (int run = 0; run < 3; ++run) {
      summary = Crawl(db);
      if (summary.value("stop_reason", "") == "frontier empty") break;
    }
    EXPECT_EQ(summary["stop_reason"], "frontier empty");
    EXPECT_TRUE(summary["resumed"].get<bool>()) << summary.dump();

    const ArchiveState resumed = StateOf(db);
    std::set<std::string> want, got;
    for (const auto& [url, n] : reference.captures) want.insert(url);
    for (const auto& [url, n] : resumed.captures) got.insert(url);
    EXPECT_EQ(got, want);
    for (const auto& [url, n] : resumed.captures) {
      // A capture lost with the process may be fetched again, but nothing
      // stored is stored twice: never more captures than the clean run made.
      EXPECT_LE(n, reference.captures.count(url) ? reference.captures.at(url) : 0) << url;
    }
    for (const std::string& url : articles) {
      EXPECT_EQ(resumed.versions.count(url) ? resumed.versions.at(url) : 0, 1) << url;
    }
    EXPECT_EQ(resumed.article_digests, reference.article_digests);
  }
}

TEST_F(CliCrawlTest, RevisitAllStoresNewVersionsOfExactlyTheChangedArticles) {
  const std::string db = dir_.Join("db");
  Crawl(db);
  const std::vector<std::string> changed = {site_.ArticleUrls(FixtureListing::kFront).at(0),
                                            site_.ArticleUrls(FixtureListing::kFeedOnly).at(0)};
  for (const std::string& url : changed) {
    ASSERT_TRUE(site_.SetArticleBody(
        url,
        "Correction: an earlier version of this story misstated the number of votes cast in "
        "favour of the proposal, which was thirty-one.\n\n"
        "The committee will meet again on Tuesday to discuss the timetable for the first "
        "phase of the work, which is expected to begin in the spring.\n\n"
        "Residents who wish to comment on the plans can do so in writing until the end of "
        "January, the council said in a statement on Saturday morning.\n\n"
        "A full transcript of the debate will be published on the council website once it "
        "has been checked by the clerks, probably early next week."));
  }
  site_.ClearLog();
  const Json summary = Crawl(db, {"--revisit-all"});
  EXPECT_EQ(summary["new_versions"], 2);

  const std::vector<FixtureRequest> log = site_.Requests();
  const std::map<std::string, Json> listed = List(db);
  for (const std::string& url : site_.ArticleUrls()) {
    SCOPED_TRACE(url);
    const bool is_changed = std::find(changed.begin(), changed.end(), url) != changed.end();
    ASSERT_EQ(listed.count(url), 1u);
    EXPECT_EQ(listed.at(url)["versions"], is_changed ? 2 : 1);
    // Revisits are conditional GETs (RFC 9110 §13.1).
    const std::vector<FixtureRequest> requests = For(log, HostOf(url), PathOf(url));
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_TRUE(!requests[0].if_none_match.empty() || !requests[0].if_modified_since.empty());
    const Json history = History(db, url);
    const Json& last = history["captures"].back();
    if (is_changed) {
      EXPECT_EQ(last["status"], 200);
      EXPECT_EQ(last["version"], 2);
      EXPECT_TRUE(last["new_payload"].get<bool>());
    } else {
      // A revisit capture: 304, or the identical payload; no new version.
      EXPECT_TRUE(last["status"] == 304 || !last["new_payload"].get<bool>()) << last.dump();
      EXPECT_EQ(history["versions"].size(), 1u);
    }
  }
}

TEST_F(CliCrawlTest, SecondCrawlOfTheSameArchiveExitsThreeAndSigtermEndsTheFirstCleanly) {
  const std::string db = dir_.Join("db");
  std::vector<std::string> argv = CrawlArgs(db, {});
  argv.insert(argv.begin(), NewsvaultBinary());
  ChildProcess first(argv);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (site_.Requests().size() < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  ASSERT_GE(site_.Requests().size(), 2u);

  const ProcessResult second = RunNewsvault(CrawlArgs(db, {}));
  EXPECT_EQ(second.exit_code, 3);
  EXPECT_NE(second.err.find("in use"), std::string::npos) << second.err;

  first.Kill(SIGTERM);
  const std::optional<std::string> line = first.ReadLine(std::chrono::seconds(20));
  const int code = first.Wait();
  EXPECT_TRUE(code == 0 || code == 1) << code;
  ASSERT_TRUE(line.has_value());
  const Json summary = Json::parse(*line, nullptr, false);
  ASSERT_FALSE(summary.is_discarded()) << *line;
  EXPECT_EQ(summary["stop_reason"], "signal");
}

TEST_F(CliCrawlTest, JsonLogLinesAndJsonSummaryParseAndSiteSelectsOneSite) {
  const std::string db = dir_.Join("db");
  const ProcessResult r = RunNewsvault(CrawlArgs(db, {"--site", "tribune", "--log-format", "json"}),
                                       std::chrono::seconds(60));
  // The tribune host has no failing page: a clean run exits 0.
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const Json summary = Json::parse(r.out, nullptr, false);
  ASSERT_FALSE(summary.is_discarded()) << r.out;
  for (const char* key :
       {"run_id", "resumed", "pages_fetched", "new_articles", "new_versions", "not_modified",
        "bytes", "errors", "skipped", "frontier_left", "stop_reason", "duration_ms"}) {
    EXPECT_TRUE(summary.contains(key)) << key;
  }
  EXPECT_EQ(summary["new_articles"], site_.hosts()[site_.SitemapHost()].articles.size());

  int fetched = 0;
  for (const Json& j : JsonLinesOf(r.err)) {
    ASSERT_FALSE(j.is_discarded()) << r.err;
    for (const char* key : {"time", "event", "url", "site", "status", "detail", "bytes"}) {
      EXPECT_TRUE(j.contains(key)) << key << " in " << j.dump();
    }
    if (j["event"] == "fetched") ++fetched;
    if (!j["site"].get<std::string>().empty()) {
      EXPECT_EQ(j["site"], "tribune");
    }
  }
  EXPECT_GT(fetched, 0);
  for (const FixtureRequest& req : site_.Requests()) {
    EXPECT_EQ(req.host, site_.SitemapHost()) << req.address << req.target;
  }
  // --db wins over the config's [archive] path.
  EXPECT_FALSE(std::filesystem::exists(dir_.Join("config-db")));
}

TEST_F(CliCrawlTest, TextLogHasOneLinePerEvent) {
  const ProcessResult r =
      RunNewsvault({"--db", dir_.Join("db"), "--config", config_, "crawl", "--site", "tribune"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string sitemap_url = site_.Url(site_.SitemapHost(), "/sitemap_index.xml");
  EXPECT_EQ(CountLinesWith(r.err, " fetched 200 " + sitemap_url + " site=tribune bytes="), 1)
      << r.err;
  EXPECT_NE(r.out.find("pages fetched"), std::string::npos) << r.out;
}

TEST_F(CliCrawlTest, UsageAndConfigErrorsExitTwo) {
  ProcessResult r =
      RunNewsvault({"--db", dir_.Join("db"), "--config", config_, "crawl", "--site", "nosuchsite"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("known sites: gazette, courier, tribune"), std::string::npos) << r.err;

  const std::string bad = dir_.Join("bad.toml");
  std::ofstream(bad) << "[crawl]\nmin_delay = \"fast\"\n";
  r = RunNewsvault({"--db", dir_.Join("db"), "--config", bad, "crawl"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(bad + ":2:"), std::string::npos) << r.err;

  r = RunNewsvault({"--db", dir_.Join("db"), "crawl"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(site_.Requests().empty());
}

TEST_F(CliCrawlTest, ArchivePathComesFromTheConfigUnlessDbIsGiven) {
  const ProcessResult r =
      RunNewsvault({"--config", config_, "crawl", "--site", "tribune", "--max-pages", "1"});
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  // [archive] path of the config.
  EXPECT_EQ(RunNewsvault({"--db", dir_.Join("config-db"), "list"}).exit_code, 0);
  // --max-pages 1: the page, and perhaps robots.txt before it.
  EXPECT_GE(site_.Requests().size(), 1u);
  EXPECT_LE(site_.Requests().size(), 2u);
}

}  // namespace
}  // namespace newsvault::testing
