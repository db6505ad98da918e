// End to end: bad input to `newsvault archive` gets a clear one-line message,
// the right exit code (DESIGN §1), and never loses what was already stored.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include <gtest/gtest.h>

#include "tests/integration/cli_test_util.h"
#include "tests/support/test_server.h"

namespace newsvault::testing {
namespace {

class CliBadInputTest : public CliTest {
 protected:
  void SetUp() override {
    // Every test starts with one good capture that must survive what follows.
    ProcessResult r = Nv({"archive", server_.Url("/story.html")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  void TearDown() override {
    nlohmann::json h = Json(Nv({"history", server_.Url("/story.html"), "--json"}));
    EXPECT_EQ(h["captures"].size(), 1u) << "the earlier capture was lost or duplicated";
    EXPECT_EQ(h["versions"].size(), 1u);
  }
  // The error line newsvault printed: exactly one line starting "newsvault: error:".
  static void ExpectOneErrorLine(const ProcessResult& r, const std::string& needle) {
    EXPECT_EQ(CountLinesWith(r.err, "newsvault: error:"), 1) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
  }
  nlohmann::json ArchiveJson(const std::string& url, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"archive", "--json", url};
    args.insert(args.end(), extra.begin(), extra.end());
    last_ = Nv(args);
    std::vector<nlohmann::json> lines = JsonLines(last_);
    EXPECT_EQ(lines.size(), 1u) << last_.out << last_.err;
    return lines.empty() ? nlohmann::json() : lines[0];
  }

  TestServer server_;
  ProcessResult last_;
};

TEST_F(CliBadInputTest, UnknownSchemeIsAUsageError) {
  ProcessResult r = Nv({"archive", "ftp://example.com/file"});
  EXPECT_EQ(r.exit_code, 2);
  ExpectOneErrorLine(r, "unsupported URL scheme");
}

TEST_F(CliBadInputTest, MalformedUrlIsAUsageError) {
  ProcessResult r = Nv({"archive", "http://"});
  EXPECT_EQ(r.exit_code, 2);
  ExpectOneErrorLine(r, "http://");
}

TEST_F(CliBadInputTest, UnresolvableHostIsAFailedFetch) {
  ProcessResult r = Nv({"archive", "http://no-such-host.invalid/story.html"});
  EXPECT_EQ(r.exit_code, 1);
  ExpectOneErrorLine(r, "no-such-host.invalid");
}

TEST_F(CliBadInputTest, RefusedConnectionIsAFailedFetch) {
  // A port that was just free: bind, read the port, close.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const int port = ntohs(addr.sin_port);
  close(fd);
  ProcessResult r = Nv({"archive", "http://127.0.0.1:" + std::to_string(port) + "/"});
  EXPECT_EQ(r.exit_code, 1);
  ExpectOneErrorLine(r, "refused");
}

TEST_F(CliBadInputTest, RedirectLoopStoresHopsAndFails) {
  nlohmann::json j = ArchiveJson(server_.Url("/loop/a"));
  EXPECT_EQ(last_.exit_code, 1);
  ExpectOneErrorLine(last_, "redirect loop");
  EXPECT_GE(j["captures"].size(), 2u) << "each hop is stored as its own capture";
}

TEST_F(CliBadInputTest, NotFoundIsStoredWithoutArticle) {
  nlohmann::json j = ArchiveJson(server_.Url("/missing"));
  EXPECT_EQ(last_.exit_code, 1);
  ExpectOneErrorLine(last_, "HTTP 404");
  EXPECT_EQ(j["status"], 404);
  EXPECT_FALSE(j["article"].get<bool>());
  nlohmann::json h = Json(Nv({"history", server_.Url("/missing"), "--json"}));
  EXPECT_EQ(h["captures"].size(), 1u);
  EXPECT_EQ(h["versions"].size(), 0u);
}

TEST_F(CliBadInputTest, ServiceUnavailableIsAFailedFetch) {
  nlohmann::json j = ArchiveJson(server_.Url("/unavailable"));
  EXPECT_EQ(last_.exit_code, 1);
  ExpectOneErrorLine(last_, "HTTP 503");
  EXPECT_EQ(j["status"], 503);
}

TEST_F(CliBadInputTest, BodyOverTheLimitIsStoredTruncated) {
  nlohmann::json j = ArchiveJson(server_.Url("/huge"), {"--max-body-bytes", "100000"});
  EXPECT_EQ(last_.exit_code, 0) << last_.err;
  ASSERT_EQ(j["captures"].size(), 1u);
  EXPECT_EQ(j["captures"][0]["truncated"], "length");
  EXPECT_NE(last_.err.find("truncated"), std::string::npos) << last_.err;
  nlohmann::json h = Json(Nv({"history", server_.Url("/huge"), "--json"}));
  ASSERT_EQ(h["captures"].size(), 1u);
  EXPECT_EQ(h["captures"][0]["payload_size"], 100000);
  EXPECT_EQ(h["captures"][0]["truncated"], "length");
}

TEST_F(CliBadInputTest, SlowEndlessBodyIsCutByTheTimeLimit) {
  nlohmann::json j = ArchiveJson(server_.Url("/slow-endless"), {"--timeout", "1"});
  EXPECT_EQ(last_.exit_code, 0) << last_.err;
  ASSERT_EQ(j["captures"].size(), 1u);
  EXPECT_EQ(j["captures"][0]["truncated"], "time");
}

TEST_F(CliBadInputTest, BrokenGzipIsStoredUndecodedWithAWarning) {
  nlohmann::json j = ArchiveJson(server_.Url("/broken-gzip.html"));
  EXPECT_EQ(last_.exit_code, 0) << last_.err;
  EXPECT_FALSE(j["article"].get<bool>());
  EXPECT_EQ(CountLinesWith(last_.err, "broken gzip data"), 1) << last_.err;
  nlohmann::json h = Json(Nv({"history", server_.Url("/broken-gzip.html"), "--json"}));
  EXPECT_EQ(h["captures"].size(), 1u);
}

TEST_F(CliBadInputTest, UndeclaredWindows1251IsDecoded) {
  nlohmann::json j = ArchiveJson(server_.Url("/cp1251.html"));
  EXPECT_EQ(last_.exit_code, 0) << last_.err;
  ASSERT_TRUE(j["article"].get<bool>()) << last_.err;
  nlohmann::json a = Json(Nv({"show", server_.Url("/cp1251.html"), "--json"}));
  // Cyrillic text came through as UTF-8, not as mojibake or U+FFFD.
  const std::string body = a["body_text"].get<std::string>();
  EXPECT_EQ(body.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_NE(body.find("\xD0"), std::string::npos) << body.substr(0, 200);
}

TEST_F(CliBadInputTest, InvalidUtf8IsRepairedNotFatal) {
  nlohmann::json j = ArchiveJson(server_.Url("/invalid-utf8.html"));
  EXPECT_EQ(last_.exit_code, 0) << last_.err;
  EXPECT_EQ(j["captures"].size(), 1u);
  // Whatever was extracted is valid JSON (i.e. valid UTF-8) — JsonLines parsed it.
}

TEST_F(CliBadInputTest, MalformedHtmlStillYieldsTheArticle) {
  nlohmann::json j = ArchiveJson(server_.Url("/malformed.html"));
  EXPECT_EQ(last_.exit_code, 0) << last_.err;
  EXPECT_TRUE(j["article"].get<bool>()) << last_.err;
}

TEST_F(CliBadInputTest, EmptyBodyIsStoredWithoutArticle) {
  nlohmann::json j = ArchiveJson(server_.Url("/empty"));
  EXPECT_EQ(last_.exit_code, 0) << last_.err;
  EXPECT_EQ(j["status"], 200);
  EXPECT_FALSE(j["article"].get<bool>());
  EXPECT_EQ(j["captures"].size(), 1u);
}

TEST_F(CliBadInputTest, ImageIsStoredWithoutArticle) {
  nlohmann::json j = ArchiveJson(server_.Url("/image.png"));
  EXPECT_EQ(last_.exit_code, 0) << last_.err;
  EXPECT_FALSE(j["article"].get<bool>());
  EXPECT_NE(last_.err.find("not HTML"), std::string::npos) << last_.err;
  nlohmann::json h = Json(Nv({"history", server_.Url("/image.png"), "--json"}));
  ASSERT_EQ(h["captures"].size(), 1u);
  EXPECT_GT(h["captures"][0]["payload_size"].get<int>(), 0);
}

}  // namespace
}  // namespace newsvault::testing
