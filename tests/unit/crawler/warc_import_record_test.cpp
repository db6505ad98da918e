// Tests for the pure record helpers of `newsvault import`.
#include "crawler/warc_import_record.h"

#include <gtest/gtest.h>

#include "core/digest.h"
#include "core/http_message.h"

namespace newsvault::crawler {
namespace {

// sha1("Hello World\n\n") as wget wrote it in the IIPC hello-world sample.
constexpr std::string_view kHello = "Hello World\n\n";

TEST(ArchiveDigestOf, KeepsUppercaseBase32Sha1) {
  const std::string d = core::Sha1Base32Digest(kHello);
  EXPECT_EQ(ArchiveDigestOf(d), d);
}

TEST(ArchiveDigestOf, UppercasesLowercaseBase32AndLabel) {
  // Given a digest spelled "SHA1:" + lowercase base32 (WARC 1.1 §5.8 leaves it open),
  // we should map it to the archive's key.
  const std::string d = core::Sha1Base32Digest(kHello);
  std::string lower = "SHA1:";
  for (char c : d.substr(5)) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  EXPECT_EQ(ArchiveDigestOf(lower), d);
}

TEST(ArchiveDigestOf, ConvertsHexSha1ToBase32) {
  // sha1("abc") = a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d (FIPS 180 example).
  EXPECT_EQ(ArchiveDigestOf("sha1:a9993e364706816aba3e25717850c26c9cd0d89d"),
            core::Sha1Base32Digest("abc"));
}

TEST(ArchiveDigestOf, RejectsOtherAlgorithmsAndMalformedValues) {
  EXPECT_FALSE(ArchiveDigestOf("sha256:" + core::Sha256Hex("abc")));
  EXPECT_FALSE(ArchiveDigestOf("md5:900150983cd24fb0d6963f7d28e17f72"));
  EXPECT_FALSE(ArchiveDigestOf("sha1:TOOSHORT"));
  EXPECT_FALSE(ArchiveDigestOf("no-label"));
}

TEST(CheckDigest, MatchesAndMismatchesSha1) {
  EXPECT_EQ(CheckDigest(core::Sha1Base32Digest("abc"), "abc"), DigestCheck::kMatch);
  EXPECT_EQ(CheckDigest(core::Sha1Base32Digest("abc"), "abd"), DigestCheck::kMismatch);
  EXPECT_EQ(CheckDigest("sha1:a9993e364706816aba3e25717850c26c9cd0d89d", "abc"),
            DigestCheck::kMatch);
}

TEST(CheckDigest, ChecksSha256InHex) {
  EXPECT_EQ(CheckDigest("sha256:" + core::Sha256Hex("abc"), "abc"), DigestCheck::kMatch);
  EXPECT_EQ(CheckDigest("sha256:" + core::Sha256Hex("abc"), "abcd"), DigestCheck::kMismatch);
}

TEST(CheckDigest, LeavesUnknownAlgorithmsUnchecked) {
  EXPECT_EQ(CheckDigest("md5:900150983cd24fb0d6963f7d28e17f72", "abc"), DigestCheck::kUnsupported);
}

TEST(SplitHttpBlock, CutsAfterTheBlankLine) {
  HttpBlockParts p = SplitHttpBlock("HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody\r\n\r\nmore");
  EXPECT_TRUE(p.head_complete);
  EXPECT_EQ(p.head, "HTTP/1.1 200 OK\r\nA: b\r\n\r\n");
  EXPECT_EQ(p.body, "body\r\n\r\nmore");
}

TEST(SplitHttpBlock, AcceptsBareLineFeeds) {
  HttpBlockParts p = SplitHttpBlock("HTTP/1.0 200 OK\nA: b\n\nbody");
  EXPECT_TRUE(p.head_complete);
  EXPECT_EQ(p.body, "body");
}

TEST(SplitHttpBlock, TakesAHeadWithoutBlankLineWhole) {
  HttpBlockParts p = SplitHttpBlock("HTTP/1.1 200 OK\r\nA: b\r\n");
  EXPECT_FALSE(p.head_complete);
  EXPECT_EQ(p.head, "HTTP/1.1 200 OK\r\nA: b\r\n");
  EXPECT_TRUE(p.body.empty());
}

TEST(SingleChunkBody, DechunksBackToTheEntity) {
  // RFC 9112 §7.1: one chunk then the last chunk.
  const std::string entity(300, 'x');
  const std::string body = SingleChunkBody(entity);
  EXPECT_TRUE(body.starts_with("12c\r\n"));
  core::DechunkResult d = core::Dechunk(body);
  EXPECT_TRUE(d.complete);
  EXPECT_FALSE(d.framing_error);
  EXPECT_EQ(d.entity, entity);
  EXPECT_EQ(SingleChunkBody(""), "0\r\n\r\n");
}

TEST(SyntheticHeads, ResourceHeadParsesAsA200WithItsType) {
  auto head = core::ParseResponseHead(SyntheticResourceHead("image/png", 42));
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->status_code, 200);
  EXPECT_EQ(core::FindHeader(head->headers, "Content-Type"), "image/png");
  EXPECT_EQ(core::FindHeader(head->headers, "Content-Length"), "42");
}

TEST(SyntheticHeads, NotModifiedHeadCarriesTheEtag) {
  auto head = core::ParseResponseHead(SyntheticNotModifiedHead("\"abc\""));
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->status_code, 304);
  EXPECT_EQ(core::FindHeader(head->headers, "ETag"), "\"abc\"");
  EXPECT_EQ(SyntheticNotModifiedHead(""), "HTTP/1.1 304 Not Modified\r\n\r\n");
}

TEST(RevisitProfileOf, KnowsBothProfilesInWarc10And11) {
  // WARC 1.1 §6.7.2 and §6.7.3; Heritrix writes the 1.0 URIs.
  EXPECT_EQ(RevisitProfileOf("http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"),
            RevisitProfile::kIdenticalPayloadDigest);
  EXPECT_EQ(RevisitProfileOf("http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"),
            RevisitProfile::kIdenticalPayloadDigest);
  EXPECT_EQ(RevisitProfileOf("http://netpreserve.org/warc/1.0/revisit/server-not-modified"),
            RevisitProfile::kServerNotModified);
  EXPECT_EQ(RevisitProfileOf("urn:something-else"), RevisitProfile::kUnknown);
}

TEST(TargetUriOf, StripsAngleBracketsAndSpaces) {
  EXPECT_EQ(TargetUriOf(" <http://example.com/> "), "http://example.com/");
  EXPECT_EQ(TargetUriOf("http://example.com/"), "http://example.com/");
}

TEST(LooksLikeHttpResponse, TellsStatusLinesFromOtherBytes) {
  EXPECT_TRUE(LooksLikeHttpResponse("HTTP/1.1 200 OK\r\n"));
  EXPECT_FALSE(LooksLikeHttpResponse("20141129091839\nbl.uk. 300 IN A 194.66.233.215\n"));
  EXPECT_FALSE(LooksLikeHttpResponse(""));
}

TEST(ArePartners, LinkedByConcurrentToInEitherDirection) {
  // WARC 1.1 §5.7: wget names the request from the response, Heritrix and
  // newsvault the response from the request.
  RecordInfo request{"f", 0, "request", "<urn:uuid:1>", {}, "http://a/", "2025-01-01T00:00:00Z"};
  RecordInfo response{
      "f", 9, "response", "<urn:uuid:2>", {"<urn:uuid:1>"}, "http://a/", "2025-01-01T00:00:00Z"};
  EXPECT_TRUE(ArePartners(response, request));
  EXPECT_TRUE(ArePartners(request, response));
  request.concurrent_to = {"<urn:uuid:2>"};
  response.concurrent_to.clear();
  EXPECT_TRUE(ArePartners(response, request));
}

TEST(ArePartners, FallsBackToUriAndDateOnlyWithoutLinks) {
  RecordInfo request{"f", 0, "request", "<urn:uuid:1>", {}, "http://a/", "2025-01-01T00:00:00Z"};
  RecordInfo response{"f", 9, "response", "<urn:uuid:2>", {}, "http://a/", "2025-01-01T00:00:00Z"};
  EXPECT_TRUE(ArePartners(response, request));
  response.date_text = "2025-01-01T00:00:01Z";
  EXPECT_FALSE(ArePartners(response, request));
  // Links that name another record win over a shared URI and date.
  response.date_text = request.date_text;
  response.concurrent_to = {"<urn:uuid:7>"};
  EXPECT_FALSE(ArePartners(response, request));
}

}  // namespace
}  // namespace newsvault::crawler
