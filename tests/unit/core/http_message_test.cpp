#include "core/http_message.h"

#include <gtest/gtest.h>

#include <random>

namespace newsvault::core {
namespace {

// --- ParseResponseHead (RFC 9112 §4, §5) ---------------------------------

TEST(ParseResponseHead, ParsesStatusLineAndHeadersInOrder) {
  Result<ResponseHead> h = ParseResponseHead(
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nX-Thing:   spaced  \r\n"
      "Set-Cookie: a=1\r\nset-cookie: b=2\r\n\r\n");
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(h->http_version, "HTTP/1.1");
  EXPECT_EQ(h->status_code, 200);
  EXPECT_EQ(h->reason, "OK");
  ASSERT_EQ(h->headers.size(), 4u);
  EXPECT_EQ(h->headers[0].name, "Content-Type");
  EXPECT_EQ(h->headers[0].value, "text/html; charset=utf-8");
  EXPECT_EQ(h->headers[1].value, "spaced");
  EXPECT_EQ(h->headers[3].name, "set-cookie");  // case kept as received
}

TEST(ParseResponseHead, ToleratesBareLfAndMissingBlankLine) {
  Result<ResponseHead> h = ParseResponseHead("HTTP/1.0 404 Not Found\nServer: x\nA: b");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->status_code, 404);
  EXPECT_EQ(h->reason, "Not Found");
  ASSERT_EQ(h->headers.size(), 2u);
  EXPECT_EQ(h->headers[1].value, "b");
}

TEST(ParseResponseHead, JoinsObsoleteLineFoldingWithASpace) {
  // RFC 9112 §5.2: obs-fold is replaced by SP.
  Result<ResponseHead> h =
      ParseResponseHead("HTTP/1.1 200 OK\r\nX-Long: first\r\n   second\r\n\tthird\r\nY: 1\r\n\r\n");
  ASSERT_TRUE(h.ok());
  ASSERT_EQ(h->headers.size(), 2u);
  EXPECT_EQ(h->headers[0].value, "first second third");
}

TEST(ParseResponseHead, AcceptsEmptyReasonAndSkipsJunkLines) {
  Result<ResponseHead> h =
      ParseResponseHead("\r\nHTTP/1.1 204\r\nnot a header\r\n: novalue\r\nA: 1\r\n\r\n");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->status_code, 204);
  EXPECT_EQ(h->reason, "");
  ASSERT_EQ(h->headers.size(), 1u);
  EXPECT_EQ(h->headers[0].name, "A");
}

TEST(ParseResponseHead, StopsAtTheBlankLine) {
  Result<ResponseHead> h = ParseResponseHead("HTTP/1.1 200 OK\r\nA: 1\r\n\r\nB: 2\r\n");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->headers.size(), 1u);
}

TEST(ParseResponseHead, FailsWithoutAStatusLine) {
  for (const char* bad : {"", "\r\n\r\n", "<html>", "HTTP/1.1\r\n", "HTTP/1.1 2000 OK\r\n",
                          "HTTP/1.1 abc OK\r\n", "ICY 200 OK\r\n"}) {
    Result<ResponseHead> h = ParseResponseHead(bad);
    EXPECT_FALSE(h.ok()) << bad;
    EXPECT_EQ(h.status().code(), StatusCode::kCorruption) << bad;
  }
}

TEST(FindHeader, IgnoresCase) {
  std::vector<HttpHeader> headers = {{"Content-Encoding", "gzip"}, {"content-encoding", "br"}};
  EXPECT_EQ(FindHeader(headers, "CONTENT-ENCODING"), "gzip");
  EXPECT_FALSE(FindHeader(headers, "Content-Type").has_value());
}

TEST(IsChunked, TrueOnlyWhenChunkedIsTheLastCoding) {
  // RFC 9112 §6.1/§6.3: chunked must be the final transfer coding.
  EXPECT_TRUE(IsChunked({{"Transfer-Encoding", "chunked"}}));
  EXPECT_TRUE(IsChunked({{"transfer-encoding", "Chunked"}}));
  EXPECT_TRUE(IsChunked({{"Transfer-Encoding", "gzip, chunked"}}));
  EXPECT_TRUE(IsChunked({{"Transfer-Encoding", "gzip"}, {"Transfer-Encoding", "chunked"}}));
  EXPECT_TRUE(IsChunked({{"Transfer-Encoding", " chunked , "}}));
  EXPECT_FALSE(IsChunked({{"Transfer-Encoding", "chunked, gzip"}}));
  EXPECT_FALSE(IsChunked({{"Transfer-Encoding", "identity"}}));
  EXPECT_FALSE(IsChunked({{"Content-Length", "5"}}));
  EXPECT_FALSE(IsChunked({}));
}

// --- Dechunk / Rechunk (RFC 9112 §7.1) -------------------------------------

// Dechunks and checks the round trip every caller relies on.
DechunkResult DechunkChecked(std::string_view raw) {
  DechunkResult d = Dechunk(raw);
  Result<std::string> back = Rechunk(d.entity, d.framing);
  EXPECT_TRUE(back.ok()) << back.status().ToString();
  if (back.ok()) {
    EXPECT_EQ(*back, raw);
  }
  return d;
}

TEST(Dechunk, ConcatenatesChunkDataOfACompleteBody) {
  DechunkResult d = DechunkChecked("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  EXPECT_EQ(d.entity, "hello world");
  EXPECT_TRUE(d.complete);
  EXPECT_FALSE(d.framing_error);
}

TEST(Dechunk, SkipsChunkExtensions) {
  DechunkResult d = DechunkChecked("5;ext=1\r\nhello\r\n1 ; name=\"q;v\"\r\n!\r\n0;last\r\n\r\n");
  EXPECT_EQ(d.entity, "hello!");
  EXPECT_TRUE(d.complete);
}

TEST(Dechunk, KeepsTrailersInTheFraming) {
  DechunkResult d = DechunkChecked("5\r\nhello\r\n0\r\nX-Checksum: abc\r\nY: 2\r\n\r\n");
  EXPECT_EQ(d.entity, "hello");
  EXPECT_TRUE(d.complete);
  EXPECT_NE(d.framing.find("X-Checksum: abc"), std::string::npos);
}

TEST(Dechunk, ReadsHexSizesInAnyCaseWithLeadingZeros) {
  std::string ten = "0123456789";
  EXPECT_EQ(DechunkChecked("A\r\n" + ten + "\r\n0\r\n\r\n").entity, ten);
  EXPECT_EQ(DechunkChecked("a\r\n" + ten + "\r\n0\r\n\r\n").entity, ten);
  EXPECT_EQ(DechunkChecked("000a\r\n" + ten + "\r\n000\r\n\r\n").entity, ten);
  std::string big(0x1F, 'x');
  EXPECT_EQ(DechunkChecked("1F\r\n" + big + "\r\n0\r\n\r\n").entity, big);
}

TEST(Dechunk, AcceptsBareLfLineEnds) {
  DechunkResult d = DechunkChecked("5\nhello\n0\n\n");
  EXPECT_EQ(d.entity, "hello");
  EXPECT_TRUE(d.complete);
  EXPECT_FALSE(d.framing_error);
}

TEST(Dechunk, ChunkDataMayContainCrlf) {
  DechunkResult d = DechunkChecked("4\r\n\r\n\r\n\r\n0\r\n\r\n");
  EXPECT_EQ(d.entity, "\r\n\r\n");
  EXPECT_TRUE(d.complete);
}

TEST(Dechunk, KeepsWhatArrivedWhenCutInsideASizeLine) {
  DechunkResult d = DechunkChecked("5\r\nhello\r\n1");
  EXPECT_EQ(d.entity, "hello");
  EXPECT_FALSE(d.complete);
  EXPECT_FALSE(d.framing_error);
  EXPECT_EQ(DechunkChecked("5\r\nhello\r\n10;ext\r").entity, "hello");
}

TEST(Dechunk, KeepsWhatArrivedWhenCutInsideData) {
  DechunkResult d = DechunkChecked("5\r\nhello\r\n10\r\nworld");
  EXPECT_EQ(d.entity, "helloworld");
  EXPECT_FALSE(d.complete);
  EXPECT_FALSE(d.framing_error);
  EXPECT_EQ(DechunkChecked("5\r\nhello").entity, "hello");
  EXPECT_EQ(DechunkChecked("5\r\nhello\r").entity, "hello");
}

TEST(Dechunk, IsIncompleteWhenCutInsideTrailers) {
  DechunkResult d = DechunkChecked("5\r\nhello\r\n0\r\nX-A: 1");
  EXPECT_EQ(d.entity, "hello");
  EXPECT_FALSE(d.complete);
  EXPECT_FALSE(DechunkChecked("5\r\nhello\r\n0\r\n").complete);
}

TEST(Dechunk, KeepsGarbageAsEntityData) {
  // Given a body that is not chunked at all, nothing may be lost.
  DechunkResult d = DechunkChecked("<html>not chunked</html>");
  EXPECT_EQ(d.entity, "<html>not chunked</html>");
  EXPECT_TRUE(d.framing_error);
  EXPECT_FALSE(d.complete);
}

TEST(Dechunk, KeepsBytesAfterAFramingErrorAsEntityData) {
  // The size says 3 but the chunk runs on: the rest is kept, in order.
  DechunkResult d = DechunkChecked("3\r\nhello\r\n0\r\n\r\n");
  EXPECT_EQ(d.entity, "hello\r\n0\r\n\r\n");
  EXPECT_TRUE(d.framing_error);
  DechunkResult bad_size = DechunkChecked("5\r\nhello\r\nzz\r\nmore");
  EXPECT_EQ(bad_size.entity, "hellozz\r\nmore");
  EXPECT_TRUE(bad_size.framing_error);
}

TEST(Dechunk, KeepsBytesAfterACompleteBodyOutOfTheEntity) {
  DechunkResult d = DechunkChecked("5\r\nhello\r\n0\r\n\r\nHTTP/1.1 200 OK\r\n");
  EXPECT_EQ(d.entity, "hello");
  EXPECT_TRUE(d.complete);
}

TEST(Dechunk, EmptyInputRoundTrips) {
  DechunkResult d = DechunkChecked("");
  EXPECT_EQ(d.entity, "");
  EXPECT_FALSE(d.complete);
}

TEST(Dechunk, FramingIsSmallNextToLargeChunks) {
  std::string raw, data;
  for (int i = 0; i < 3; ++i) {
    std::string chunk(10000, static_cast<char>('a' + i));
    raw += "2710\r\n" + chunk + "\r\n";
    data += chunk;
  }
  raw += "0\r\n\r\n";
  DechunkResult d = DechunkChecked(raw);
  EXPECT_EQ(d.entity, data);
  EXPECT_LT(d.framing.size(), 48u);
}

TEST(Rechunk, RejectsFramingThatDoesNotFitTheEntity) {
  DechunkResult d = Dechunk("5\r\nhello\r\n0\r\n\r\n");
  EXPECT_EQ(Rechunk("hell", d.framing).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(Rechunk("hello!", d.framing).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(Rechunk("hello", "").status().code(), StatusCode::kCorruption);
  EXPECT_EQ(Rechunk("hello", "\x07" + d.framing.substr(1)).status().code(),
            StatusCode::kCorruption);
  EXPECT_EQ(Rechunk("hello", d.framing.substr(0, d.framing.size() - 3)).status().code(),
            StatusCode::kCorruption);
  EXPECT_EQ(Rechunk("hello", d.framing + "\xff").status().code(), StatusCode::kCorruption);
}

// --- Property: Rechunk(Dechunk(x)) == x for generated and mutated inputs ----

class ChunkedGenerator {
 public:
  explicit ChunkedGenerator(uint32_t seed) : rng_(seed) {}

  // A well-formed chunked body in one of the many legal spellings.
  std::string Body(std::string* data_out) {
    std::string raw;
    int chunks = Uniform(0, 6);
    bool bare_lf = Uniform(0, 9) == 0;
    std::string eol = bare_lf ? "\n" : "\r\n";
    for (int i = 0; i < chunks; ++i) {
      int size = Uniform(1, 300);
      std::string data = Bytes(static_cast<size_t>(size));
      raw += SizeLine(static_cast<unsigned>(size)) + eol + data + eol;
      *data_out += data;
    }
    raw += std::string(static_cast<size_t>(Uniform(1, 3)), '0') + Extension() + eol;
    for (int t = Uniform(0, 2); t > 0; --t) raw += "X-T" + std::to_string(t) + ": v" + eol;
    raw += eol;
    return raw;
  }

  std::string Mutate(std::string raw) {
    switch (Uniform(0, 5)) {
      case 0:  // cut off anywhere
        raw.resize(static_cast<size_t>(Uniform(0, static_cast<int>(raw.size()))));
        break;
      case 1:  // flip one byte
        if (!raw.empty()) raw[Index(raw)] = static_cast<char>(Uniform(0, 255));
        break;
      case 2:  // insert bytes, often framing-like ones
        raw.insert(raw.empty() ? 0 : Index(raw), Framingish(static_cast<size_t>(Uniform(1, 8))));
        break;
      case 3:  // delete a range
        if (!raw.empty()) {
          size_t at = Index(raw);
          raw.erase(at, static_cast<size_t>(Uniform(1, 10)));
        }
        break;
      case 4:  // append trailing junk
        raw += Bytes(static_cast<size_t>(Uniform(1, 20)));
        break;
      default:  // replace with framing-flavoured noise
        raw = Framingish(static_cast<size_t>(Uniform(0, 60)));
        break;
    }
    return raw;
  }

  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

 private:
  size_t Index(const std::string& s) {
    return static_cast<size_t>(Uniform(0, static_cast<int>(s.size()) - 1));
  }

  std::string SizeLine(unsigned size) {
    static const char* kLower = "0123456789abcdef";
    static const char* kUpper = "0123456789ABCDEF";
    const char* digits = Uniform(0, 1) ? kUpper : kLower;
    std::string hex;
    for (unsigned v = size; v > 0; v >>= 4) hex.insert(hex.begin(), digits[v & 0xf]);
    return std::string(static_cast<size_t>(Uniform(0, 2)), '0') + hex + Extension();
  }

  std::string Extension() {
    switch (Uniform(0, 3)) {
      case 0:
        return ";ext=1";
      case 1:
        return " ; a=\"b;c\"";
      default:
        return "";
    }
  }

  std::string Bytes(size_t n) {
    std::string s(n, '\0');
    for (char& c : s) c = static_cast<char>(Uniform(0, 255));
    return s;
  }

  std::string Framingish(size_t n) {
    static const std::string kAlphabet = "0123456789aAfF\r\n\r\n;= x";
    std::string s(n, '\0');
    for (char& c : s)
      c = kAlphabet[static_cast<size_t>(Uniform(0, static_cast<int>(kAlphabet.size()) - 1))];
    return s;
  }

  std::mt19937 rng_;
};

TEST(DechunkProperty, WellFormedBodiesYieldTheirDataAndRoundTrip) {
  ChunkedGenerator gen(20250204);
  for (int i = 0; i < 2000; ++i) {
    std::string data;
    std::string raw = gen.Body(&data);
    DechunkResult d = Dechunk(raw);
    ASSERT_EQ(d.entity, data) << "case " << i;
    ASSERT_TRUE(d.complete) << "case " << i;
    ASSERT_FALSE(d.framing_error) << "case " << i;
    Result<std::string> back = Rechunk(d.entity, d.framing);
    ASSERT_TRUE(back.ok()) << "case " << i;
    ASSERT_EQ(*back, raw) << "case " << i;
  }
}

TEST(DechunkProperty, EveryMutatedInputRoundTripsExactly) {
  ChunkedGenerator gen(7);
  for (int i = 0; i < 20000; ++i) {
    std::string data;
    std::string raw = gen.Body(&data);
    for (int m = gen.Uniform(1, 3); m > 0; --m) raw = gen.Mutate(std::move(raw));
    DechunkResult d = Dechunk(raw);
    ASSERT_LE(d.entity.size(), raw.size());
    Result<std::string> back = Rechunk(d.entity, d.framing);
    ASSERT_TRUE(back.ok()) << "case " << i << ": " << back.status().ToString();
    ASSERT_EQ(*back, raw) << "case " << i;
  }
}

TEST(DechunkProperty, EveryPrefixOfABodyRoundTrips) {
  ChunkedGenerator gen(99);
  std::string data;
  std::string raw = gen.Body(&data);
  for (size_t n = 0; n <= raw.size(); ++n) {
    std::string_view prefix = std::string_view(raw).substr(0, n);
    DechunkResult d = Dechunk(prefix);
    ASSERT_FALSE(d.framing_error) << "prefix " << n;  // a cut is not a framing error
    ASSERT_EQ(d.entity, data.substr(0, d.entity.size())) << "prefix " << n;
    Result<std::string> back = Rechunk(d.entity, d.framing);
    ASSERT_TRUE(back.ok());
    ASSERT_EQ(*back, prefix) << "prefix " << n;
  }
}

}  // namespace
}  // namespace newsvault::core
