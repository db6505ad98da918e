#include "core/content_decoding.h"

#include <brotli/encode.h>
#include <gtest/gtest.h>
#include <zlib.h>

namespace newsvault::core {
namespace {

// Compresses with zlib: window_bits 16+15 gzip, 15 zlib, -15 raw deflate.
std::string Zip(std::string_view in, int window_bits) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, in.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}
std::string Gzip(std::string_view in) { return Zip(in, 16 + 15); }

std::string Brotli(std::string_view in) {
  std::string out(BrotliEncoderMaxCompressedSize(in.size()) + 64, '\0');
  size_t size = out.size();
  EXPECT_TRUE(BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                                    in.size(), reinterpret_cast<const uint8_t*>(in.data()), &size,
                                    reinterpret_cast<uint8_t*>(out.data())));
  out.resize(size);
  return out;
}

// Text that compresses but not trivially.
std::string Text(size_t n) {
  std::string s;
  for (size_t i = 0; s.size() < n; ++i)
    s += "paragraph " + std::to_string(i * 7919 % 10007) + " of the story. ";
  s.resize(n);
  return s;
}

DecodedContent MustDecode(std::string_view body, std::string_view coding, size_t cap = 64u << 20) {
  Result<DecodedContent> r = DecodeContent(body, coding, cap);
  EXPECT_TRUE(r.ok()) << coding << ": " << r.status().ToString();
  return r.ok() ? *r : DecodedContent{};
}

TEST(DecodeContent, IdentityAndEmptyReturnTheBody) {
  EXPECT_EQ(MustDecode("plain", "").bytes, "plain");
  EXPECT_EQ(MustDecode("plain", "identity").bytes, "plain");
  EXPECT_FALSE(MustDecode("plain", "").truncated);
}

TEST(DecodeContent, DecodesGzipAndXGzipInAnyCase) {
  std::string text = Text(50000);
  EXPECT_EQ(MustDecode(Gzip(text), "gzip").bytes, text);
  EXPECT_EQ(MustDecode(Gzip(text), "x-gzip").bytes, text);
  EXPECT_EQ(MustDecode(Gzip(text), " GZip ").bytes, text);
  EXPECT_FALSE(MustDecode(Gzip(text), "gzip").truncated);
}

TEST(DecodeContent, DecodesConcatenatedGzipMembersAsOneBody) {
  // RFC 1952 §2.2: a gzip file is a series of members.
  DecodedContent d = MustDecode(Gzip("first half, ") + Gzip("second half"), "gzip");
  EXPECT_EQ(d.bytes, "first half, second half");
  EXPECT_FALSE(d.truncated);
}

TEST(DecodeContent, IgnoresTrailingBytesAfterGzip) {
  EXPECT_EQ(MustDecode(Gzip("body") + std::string("\0\0\0\n", 4), "gzip").bytes, "body");
}

TEST(DecodeContent, DecodesZlibWrappedAndRawDeflate) {
  // RFC 9110 §8.4.1.2 says zlib-wrapped; browsers also accept raw deflate.
  std::string text = Text(20000);
  EXPECT_EQ(MustDecode(Zip(text, 15), "deflate").bytes, text);
  EXPECT_EQ(MustDecode(Zip(text, -15), "deflate").bytes, text);
}

TEST(DecodeContent, DecodesBrotli) {
  std::string text = Text(70000);
  DecodedContent d = MustDecode(Brotli(text), "br");
  EXPECT_EQ(d.bytes, text);
  EXPECT_FALSE(d.truncated);
}

TEST(DecodeContent, UndoesAListOfCodingsInReverseOrder) {
  // "br, gzip": brotli was applied first, then gzip.
  std::string text = Text(3000);
  EXPECT_EQ(MustDecode(Gzip(Brotli(text)), "br, gzip").bytes, text);
  EXPECT_EQ(MustDecode(Brotli(Gzip(text)), "gzip,br").bytes, text);
  EXPECT_EQ(MustDecode(Gzip(text), "identity, gzip").bytes, text);
}

TEST(DecodeContent, EmptyEncodedBodyDecodesToNothing) {
  DecodedContent d = MustDecode("", "gzip");
  EXPECT_EQ(d.bytes, "");
  EXPECT_FALSE(d.truncated);
}

TEST(DecodeContent, CapsAGzipBombWithoutAllocatingPastTheCap) {
  std::string zeros(20u << 20, '\0');  // 20 MiB of zeros is ~20 KiB gzipped
  std::string bomb = Gzip(zeros);
  ASSERT_LT(bomb.size(), 100000u);
  const size_t cap = 1u << 20;
  DecodedContent d = MustDecode(bomb, "gzip", cap);
  EXPECT_TRUE(d.truncated);
  EXPECT_EQ(d.bytes.size(), cap);
  EXPECT_LE(d.bytes.capacity(), cap);
  EXPECT_EQ(d.bytes, zeros.substr(0, cap));
}

TEST(DecodeContent, CapsABrotliBomb) {
  std::string zeros(20u << 20, '\0');
  const size_t cap = 1u << 20;
  DecodedContent d = MustDecode(Brotli(zeros), "br", cap);
  EXPECT_TRUE(d.truncated);
  EXPECT_EQ(d.bytes.size(), cap);
  EXPECT_LE(d.bytes.capacity(), cap);
}

TEST(DecodeContent, OutputExactlyAtTheCapIsNotTruncated) {
  std::string text = Text(1000);
  for (std::string_view coding : {"gzip", "deflate", "br", ""}) {
    std::string body = coding == "gzip"      ? Gzip(text)
                       : coding == "deflate" ? Zip(text, 15)
                       : coding == "br"      ? Brotli(text)
                                             : std::string(text);
    DecodedContent exact = MustDecode(body, coding, 1000);
    EXPECT_EQ(exact.bytes, text) << coding;
    EXPECT_FALSE(exact.truncated) << coding;
    DecodedContent under = MustDecode(body, coding, 999);
    EXPECT_EQ(under.bytes, text.substr(0, 999)) << coding;
    EXPECT_TRUE(under.truncated) << coding;
  }
}

TEST(DecodeContent, CutOffInputYieldsThePrefixMarkedTruncated) {
  std::string text = Text(200000);
  for (std::string_view coding : {"gzip", "deflate", "br"}) {
    std::string body = coding == "gzip" ? Gzip(text)
                       : coding == "br" ? Brotli(text)
                                        : Zip(text, 15);
    DecodedContent d = MustDecode(std::string_view(body).substr(0, body.size() / 2), coding);
    EXPECT_TRUE(d.truncated) << coding;
    EXPECT_FALSE(d.bytes.empty()) << coding;
    EXPECT_LT(d.bytes.size(), text.size()) << coding;
    EXPECT_EQ(d.bytes, text.substr(0, d.bytes.size())) << coding;
  }
  // Missing only the 8-byte gzip trailer (CRC32 + ISIZE) still counts as cut off.
  std::string gz = Gzip(text);
  DecodedContent no_trailer = MustDecode(std::string_view(gz).substr(0, gz.size() - 4), "gzip");
  EXPECT_TRUE(no_trailer.truncated);
}

TEST(DecodeContent, GarbageIsCorruptionWithZlibsReason) {
  Result<DecodedContent> r = DecodeContent("this is not gzip at all", "gzip");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), StatusCode::kCorruption);
  EXPECT_EQ(r.error().message().rfind("broken gzip data: ", 0), 0u) << r.error().message();
  EXPECT_GT(r.error().message().size(), std::string("broken gzip data: ").size());
}

TEST(DecodeContent, CorruptedStreamsAreCorruption) {
  std::string gz = Gzip(Text(5000));
  gz[gz.size() / 2] ^= 0x55;
  gz[gz.size() / 2 + 1] ^= 0x55;
  EXPECT_EQ(DecodeContent(gz, "gzip").status().code(), StatusCode::kCorruption);
  Result<DecodedContent> br = DecodeContent(std::string(64, '\xff'), "br");
  ASSERT_FALSE(br.ok());
  EXPECT_EQ(br.error().message().rfind("broken brotli data: ", 0), 0u) << br.error().message();
  EXPECT_EQ(DecodeContent("\x78\x9c garbage!", "deflate").status().code(), StatusCode::kCorruption);
}

TEST(DecodeContent, UnknownCodingIsUnsupported) {
  Result<DecodedContent> r = DecodeContent("x", "zstd");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), StatusCode::kUnsupported);
  EXPECT_NE(r.error().message().find("zstd"), std::string::npos);
  EXPECT_EQ(DecodeContent(Gzip("x"), "gzip, compress").status().code(), StatusCode::kUnsupported);
}

}  // namespace
}  // namespace newsvault::core
