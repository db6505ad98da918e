// ExportWarc over a real RocksDB archive: rotated WARC sets (checklist file
// names, each file standing alone and strictly valid, together equal to the
// one-file export, one CDXJ index over the set) and the export filters
// (--site, --url-prefix, --articles-only with --since/--until). Issue 5 item 2.
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/article.h"
#include "core/http_exchange.h"
#include "core/http_message.h"
#include "core/timestamp.h"
#include "storage/archive.h"
#include "storage/warc_export.h"
#include "tests/support/process.h"
#include "tests/support/warc_test_reader.h"
#include "tests/support/warc_validator.h"

namespace newsvault {
namespace {

using testing::ParsedWarcFile;
using testing::ParsedWarcRecord;
using testing::TempDir;

core::Timestamp At(int h, int mi) {
  using namespace std::chrono;
  return sys_days{year{2025} / month{2} / day{4}} + hours{h} + minutes{mi} + microseconds{42};
}

// ~1.5 KB of text that gzip cannot shrink much, different per seed, so a
// few captures fill a small file.
std::string Body(uint32_t seed) {
  std::string body = "<html><body><article><p>";
  uint32_t state = seed;
  for (int i = 0; i < 1500; ++i) {
    state = state * 1664525u + 1013904223u;
    body.push_back(static_cast<char>('a' + (state >> 24) % 26));
  }
  return body + "</p></article></body></html>";
}

struct Page {
  std::string url;
  core::Timestamp time;
  uint32_t body_seed;
  std::optional<std::string> article_title;  // extracted article, if any
};

// Captures 1-9 referred to by the filter tests below.
std::vector<Page> Pages() {
  return {
      {"https://www.example.com/2025/02/a.html", At(10, 0), 1, "A"},       // 1
      {"https://www.example.com/2025/02/a.html", At(11, 0), 1, "A"},       // 2 revisit of 1
      {"https://www.example.com/2025/03/b.html", At(10, 5), 2, "B"},       // 3
      {"https://www.example.com/style.css", At(10, 6), 3, std::nullopt},   // 4
      {"https://news.example.com/2025/02/c.html", At(10, 10), 4, "C"},     // 5
      {"https://news.example.com/2025/02/c.html", At(12, 0), 5, "C v2"},   // 6 new version
      {"https://example.org/x.html", At(10, 20), 1, std::nullopt},         // 7 cross-URL revisit
      {"https://examplefoo.com/y.html", At(10, 30), 6, "Y"},               // 8 not example.com
      {"https://www.example.com/2025/02/a-copy.html", At(10, 40), 1, {}},  // 9 revisit
  };
}

core::HttpExchange ToExchange(const Page& p) {
  core::HttpExchange e;
  e.url = p.url;
  auto host_end = p.url.find('/', 8);
  e.request_bytes = "GET " + p.url.substr(host_end) +
                    " HTTP/1.1\r\nHost: " + p.url.substr(8, host_end - 8) + "\r\n\r\n";
  e.response_body = Body(p.body_seed);
  e.response_head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
                    std::to_string(e.response_body.size()) + "\r\n\r\n";
  auto head = core::ParseResponseHead(e.response_head);
  EXPECT_TRUE(head.ok());
  if (head.ok()) {
    e.status_code = head->status_code;
    e.reason = head->reason;
    e.headers = head->headers;
  }
  e.remote_ip = "203.0.113.9";
  e.started = p.time;
  return e;
}

// "URI WARC-Date" of every response or revisit record: one per capture.
std::set<std::string> CaptureKeys(const std::vector<ParsedWarcRecord>& records) {
  std::set<std::string> keys;
  for (const auto& r : records) {
    if (r.Type() == "response" || r.Type() == "revisit") {
      keys.insert(*r.Field("WARC-Target-URI") + " " + *r.Field("WARC-Date"));
    }
  }
  return keys;
}

std::string Key(const Page& p) { return p.url + " " + core::FormatWarcDate(p.time); }

class WarcExportRotation : public ::testing::Test {
 protected:
  void SetUp() override {
    auto archive = storage::OpenArchive(dir_.Join("db"));
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    archive_ = std::move(*archive);
    pages_ = Pages();
    for (const Page& p : pages_) {
      std::optional<core::Article> article;
      if (p.article_title) {
        article.emplace();
        article->url = p.url;
        article->title = *p.article_title;
        article->body_text = "Text of " + *p.article_title;
      }
      auto stored = archive_->StoreCapture(ToExchange(p), article ? &*article : nullptr);
      ASSERT_TRUE(stored.ok()) << stored.status().ToString();
    }
  }

  storage::ExportReport Export(storage::ExportOptions options) {
    options.hostname = "test.host";
    auto report = storage::ExportWarc(*archive_, options);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : storage::ExportReport{};
  }

  // The captures a filtered one-file export selects, as Key()s.
  std::set<std::string> Selected(storage::ExportOptions options) {
    options.path = dir_.Join("filtered-" + std::to_string(++exports_) + ".warc.gz");
    storage::ExportReport report = Export(options);
    ParsedWarcFile file = testing::ReadWarcFile(options.path);
    EXPECT_EQ(file.error, "");
    std::set<std::string> keys = CaptureKeys(file.records);
    EXPECT_EQ(report.captures, keys.size());
    return keys;
  }

  std::set<std::string> KeysOf(std::initializer_list<int> numbers) {
    std::set<std::string> keys;
    for (int n : numbers) keys.insert(Key(pages_[static_cast<size_t>(n - 1)]));
    return keys;
  }

  TempDir dir_;
  std::unique_ptr<storage::Archive> archive_;
  std::vector<Page> pages_;
  int exports_ = 0;
};

TEST_F(WarcExportRotation, EachFileOfARotatedSetStandsAloneAndIsStrictlyValid) {
  // Given a 4000-byte limit and ~1.5 KB per capture, the set has several
  // files; each must be named per the checklist, start with its own
  // warcinfo, hold whole captures only, refer to nothing outside itself and
  // pass warc-validate --strict with 0 errors and 0 warnings.
  std::filesystem::create_directories(dir_.Join("set"));
  storage::ExportOptions options;
  options.directory = dir_.Join("set");
  options.prefix = "news";
  options.max_size = 4000;
  storage::ExportReport report = Export(options);
  ASSERT_GE(report.paths.size(), 3u);
  EXPECT_EQ(report.path, report.paths.front());
  EXPECT_EQ(report.captures, pages_.size());

  std::regex name(R"(news-(\d{14})-(\d{5})-test\.host\.warc\.gz)");
  std::set<std::string> on_disk;
  for (const auto& e : std::filesystem::directory_iterator(dir_.Join("set"))) {
    on_disk.insert(e.path().string());
  }
  EXPECT_EQ(on_disk, std::set<std::string>(report.paths.begin(), report.paths.end()));
  uint64_t total = 0;
  std::string previous_time;
  for (size_t i = 0; i < report.paths.size(); ++i) {
    const std::string& path = report.paths[i];
    std::string base = std::filesystem::path(path).filename().string();
    std::smatch m;
    ASSERT_TRUE(std::regex_match(base, m, name)) << base;
    EXPECT_EQ(std::stoi(m[2]), static_cast<int>(i)) << base;
    EXPECT_GE(m[1].str(), previous_time);
    previous_time = m[1];
    total += std::filesystem::file_size(path);

    ParsedWarcFile file = testing::ReadWarcFile(path);
    ASSERT_EQ(file.error, "") << path;
    ASSERT_FALSE(file.records.empty());
    EXPECT_EQ(file.records[0].Type(), "warcinfo") << path;
    EXPECT_EQ(file.records[0].Field("WARC-Filename"), base);
    std::map<std::string, const ParsedWarcRecord*> by_id;
    for (const auto& r : file.records) by_id[*r.Field("WARC-Record-ID")] = &r;
    int warcinfos = 0;
    uint64_t last_capture_offset = 0;
    for (const auto& r : file.records) {
      if (r.Type() == "warcinfo") ++warcinfos;
      if (r.Type() == "response" || r.Type() == "revisit") last_capture_offset = r.offset;
      for (const char* link : {"WARC-Refers-To", "WARC-Concurrent-To"}) {
        if (auto id = r.Field(link)) {
          EXPECT_EQ(by_id.count(*id), 1u) << link << " in " << base;
        }
      }
    }
    EXPECT_EQ(warcinfos, 1) << base;
    // Rotation happens between captures once a file has reached the limit:
    // every file but the last reached it, and none started its last capture
    // after reaching it.
    if (i + 1 < report.paths.size()) {
      EXPECT_GE(std::filesystem::file_size(path), 4000u) << base;
    }
    EXPECT_LT(last_capture_offset, 4000u) << base;

    testing::ValidatorResult v = testing::RunWarcValidate({path}, /*strict=*/true);
    EXPECT_EQ(v.exit_code, 0) << v.output;
    EXPECT_EQ(v.errors, 0) << v.output;
    EXPECT_EQ(v.output.find("warning"), std::string::npos) << v.output;
  }
  EXPECT_EQ(report.bytes_written, total);
  EXPECT_EQ(report.records_by_type["warcinfo"], report.paths.size());
}

TEST_F(WarcExportRotation, RotatedSetHoldsTheSameCapturesAsOneFile) {
  // Given the same archive exported as one file and as a rotated set, the set
  // has every capture exactly once with the same payload digest, the same
  // requests and the same article versions; only a revisit whose original
  // went to an earlier file becomes a response again.
  storage::ExportOptions one;
  one.path = dir_.Join("one.warc.gz");
  Export(one);
  std::filesystem::create_directories(dir_.Join("set"));
  storage::ExportOptions rotated;
  rotated.directory = dir_.Join("set");
  rotated.max_size = 4000;
  storage::ExportReport report = Export(rotated);
  ASSERT_GE(report.paths.size(), 3u);

  auto summarize = [](const std::vector<std::string>& paths) {
    std::map<std::string, std::string> digests;  // capture key -> payload digest
    std::multiset<std::string> requests;
    std::set<std::string> versions;  // "URI version title"
    int revisits = 0;
    for (const std::string& path : paths) {
      ParsedWarcFile file = testing::ReadWarcFile(path);
      EXPECT_EQ(file.error, "") << path;
      for (const auto& r : file.records) {
        std::string key = r.Field("WARC-Target-URI").value_or("") + " " + *r.Field("WARC-Date");
        if (r.Type() == "response" || r.Type() == "revisit") {
          EXPECT_TRUE(digests.emplace(key, *r.Field("WARC-Payload-Digest")).second) << key;
          revisits += r.Type() == "revisit";
        } else if (r.Type() == "request") {
          requests.insert(key + " " + r.block);
        } else if (r.Type() == "metadata") {
          auto j = nlohmann::json::parse(r.block);
          versions.insert(*r.Field("WARC-Target-URI") + " " + j["version"].dump() + " " +
                          j["title"].get<std::string>());
        }
      }
    }
    return std::make_tuple(digests, requests, versions, revisits);
  };
  auto [one_digests, one_requests, one_versions, one_revisits] = summarize({one.path});
  auto [set_digests, set_requests, set_versions, set_revisits] = summarize(report.paths);
  EXPECT_EQ(set_digests, one_digests);
  EXPECT_EQ(set_requests, one_requests);
  EXPECT_EQ(set_versions, one_versions);
  EXPECT_EQ(one_digests.size(), pages_.size());
  EXPECT_EQ(one_revisits, 3);  // captures 2, 7 and 9
  EXPECT_LE(set_revisits, one_revisits);
}

TEST_F(WarcExportRotation, CdxjIndexCoversEveryFileOfTheSet) {
  std::filesystem::create_directories(dir_.Join("set"));
  storage::ExportOptions options;
  options.directory = dir_.Join("set");
  options.max_size = 4000;
  options.cdxj_beside = true;
  storage::ExportReport report = Export(options);
  ASSERT_GE(report.paths.size(), 3u);
  EXPECT_EQ(report.cdxj_path, storage::CdxjPathFor(report.paths.front()));
  std::string text = testing::ReadFileBytes(report.cdxj_path);
  ASSERT_FALSE(text.empty());

  // Every indexed record of every file, by "filename offset length".
  std::map<std::string, std::string> records;  // -> target URI
  for (const std::string& path : report.paths) {
    std::string base = std::filesystem::path(path).filename().string();
    for (const auto& r : testing::ReadWarcFile(path).records) {
      if (r.Type() == "warcinfo" || r.Type() == "request") continue;
      records[base + " " + std::to_string(r.offset) + " " + std::to_string(r.length)] =
          *r.Field("WARC-Target-URI");
    }
  }
  std::istringstream in(text);
  std::vector<std::string> lines;
  std::set<std::string> filenames;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
    auto j = nlohmann::json::parse(line.substr(line.find('{')));
    std::string where = j["filename"].get<std::string>() + " " + j["offset"].get<std::string>() +
                        " " + j["length"].get<std::string>();
    ASSERT_EQ(records.count(where), 1u) << line;
    EXPECT_EQ(records[where], j["url"]) << line;
    filenames.insert(j["filename"]);
  }
  EXPECT_EQ(lines.size(), records.size());
  EXPECT_EQ(report.cdxj_lines, lines.size());
  EXPECT_TRUE(std::is_sorted(lines.begin(), lines.end()));
  EXPECT_EQ(filenames.size(), report.paths.size());
}

TEST_F(WarcExportRotation, SiteSelectsTheHostAndItsSubdomainsOnly) {
  storage::ExportOptions options;
  options.site = "example.com";
  EXPECT_EQ(Selected(options), KeysOf({1, 2, 3, 4, 5, 6, 9}));
  options.site = "news.example.com";
  EXPECT_EQ(Selected(options), KeysOf({5, 6}));
  options.site = "examplefoo.com";
  EXPECT_EQ(Selected(options), KeysOf({8}));
}

TEST_F(WarcExportRotation, UrlPrefixSelectsByUrlkeyPrefix) {
  storage::ExportOptions options;
  options.url_prefix = "http://example.com/2025/02/";  // scheme and www. do not matter
  EXPECT_EQ(Selected(options), KeysOf({1, 2, 9}));
  options.url_prefix = "https://www.example.com/2025/";
  EXPECT_EQ(Selected(options), KeysOf({1, 2, 3, 9}));
}

TEST_F(WarcExportRotation, ArticlesOnlySelectsCapturesWithAnArticleVersion) {
  storage::ExportOptions options;
  options.articles_only = true;
  EXPECT_EQ(Selected(options), KeysOf({1, 2, 3, 5, 6, 8}));
}

TEST_F(WarcExportRotation, FiltersCombineWithTheTimeWindow) {
  // example.com articles captured in [10:05, 12:00).
  storage::ExportOptions options;
  options.site = "example.com";
  options.articles_only = true;
  options.since = At(10, 5);
  options.until = At(12, 0);
  EXPECT_EQ(Selected(options), KeysOf({2, 3, 5}));
}

TEST_F(WarcExportRotation, FilteredExportIsStrictlyValid) {
  // Capture 2 alone: its original (capture 1) is not selected, so it must be
  // written as a response, and the file must still validate.
  storage::ExportOptions options;
  options.url_prefix = "https://www.example.com/2025/02/a.html";
  options.since = At(10, 30);
  options.path = dir_.Join("one-capture.warc.gz");
  storage::ExportReport report = Export(options);
  EXPECT_EQ(report.captures, 1u);
  EXPECT_EQ(report.records_by_type,
            (std::map<std::string, uint64_t>{
                {"warcinfo", 1}, {"response", 1}, {"request", 1}, {"metadata", 1}}));
  testing::ValidatorResult v = testing::RunWarcValidate({options.path}, /*strict=*/true);
  EXPECT_EQ(v.exit_code, 0) << v.output;
  EXPECT_EQ(v.errors, 0) << v.output;
}

TEST_F(WarcExportRotation, BadFilterIsAnInvalidArgumentAndWritesNothing) {
  storage::ExportOptions options;
  options.path = dir_.Join("bad.warc.gz");
  options.site = "https://example.com/";
  auto report = storage::ExportWarc(*archive_, options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_FALSE(std::filesystem::exists(options.path));
  EXPECT_FALSE(std::filesystem::exists(options.path + ".open"));
}

}  // namespace
}  // namespace newsvault
