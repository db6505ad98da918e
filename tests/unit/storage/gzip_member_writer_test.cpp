// Tests of GzipMember: one self-contained gzip member (RFC 1952) per call.
#include "storage/gzip_member_writer.h"

#include <libdeflate.h>
#include <zlib.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

namespace newsvault::storage {
namespace {

// Inflates one gzip member with zlib; `rest` gets the bytes after it.
std::string Gunzip(const std::string& data, size_t* used) {
  z_stream s{};
  EXPECT_EQ(inflateInit2(&s, 15 + 16), Z_OK);
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  s.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buf[4096];
  int rc = Z_OK;
  while (rc == Z_OK) {
    s.next_out = reinterpret_cast<Bytef*>(buf);
    s.avail_out = sizeof buf;
    rc = inflate(&s, Z_NO_FLUSH);
    out.append(buf, sizeof buf - s.avail_out);
  }
  EXPECT_EQ(rc, Z_STREAM_END);
  *used = s.total_in;
  inflateEnd(&s);
  return out;
}

TEST(GzipMember, CompressesAllPartsIntoOneMember) {
  // Given several parts, we should get one gzip member (magic 1f 8b, deflate)
  // that inflates to their concatenation with nothing after it.
  auto member = GzipMember({"WARC/1.1\r\n", std::string(10000, 'x'), "\r\n\r\n"});
  ASSERT_TRUE(member.ok());
  ASSERT_GE(member->size(), 18u);
  EXPECT_EQ(static_cast<unsigned char>((*member)[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>((*member)[1]), 0x8b);
  EXPECT_EQ((*member)[2], 8);
  size_t used = 0;
  EXPECT_EQ(Gunzip(*member, &used), "WARC/1.1\r\n" + std::string(10000, 'x') + "\r\n\r\n");
  EXPECT_EQ(used, member->size());
  EXPECT_LT(member->size(), 200u);  // it really compressed
}

TEST(GzipMember, ConcatenatedMembersStaySeparable) {
  // Two calls give two members; inflating the first stops exactly at the second.
  auto a = GzipMember({"first"});
  auto b = GzipMember({"second"});
  ASSERT_TRUE(a.ok() && b.ok());
  std::string both = *a + *b;
  size_t used = 0;
  EXPECT_EQ(Gunzip(both, &used), "first");
  ASSERT_EQ(used, a->size());
  EXPECT_EQ(Gunzip(both.substr(used), &used), "second");
}

TEST(GzipMember, EmptyInputIsStillAValidMember) {
  auto member = GzipMember({});
  ASSERT_TRUE(member.ok());
  size_t used = 0;
  EXPECT_EQ(Gunzip(*member, &used), "");
  EXPECT_EQ(used, member->size());
}

TEST(GzipMember, IncompressibleInputGrowsTheBuffer) {
  std::string noise(1 << 20, '\0');
  uint32_t x = 7;
  for (char& c : noise) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  auto member = GzipMember({noise.substr(0, 1000), noise.substr(1000)}, 9);
  ASSERT_TRUE(member.ok());
  size_t used = 0;
  EXPECT_EQ(Gunzip(*member, &used), noise);
}

// Both engines must write the same kind of member; each test below runs on both.
class GzipMemberEngine : public ::testing::TestWithParam<GzipEngine> {};

INSTANTIATE_TEST_SUITE_P(Engines, GzipMemberEngine,
                         ::testing::Values(GzipEngine::kZlib, GzipEngine::kLibdeflate),
                         [](const ::testing::TestParamInfo<GzipEngine>& param_info) {
                           return param_info.param == GzipEngine::kZlib ? "Zlib" : "Libdeflate";
                         });

// A page-like body: repetitive markup with varying text, so it compresses as HTML does.
std::string HtmlLike(size_t bytes) {
  std::string s;
  s.reserve(bytes + 100);
  uint32_t x = 11;
  while (s.size() < bytes) {
    x = x * 1664525u + 1013904223u;
    s += "<p class=\"story\">Paragraph " + std::to_string(x % 100000) +
         " of the article, with words.</p>\n";
  }
  s.resize(bytes);
  return s;
}

uint32_t LittleEndian32(const std::string& s, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v |= uint32_t{static_cast<unsigned char>(s[at + i])} << (8 * i);
  return v;
}

struct DecompressorFree {
  void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
};

// Decodes exactly one gzip member at the start of `data` with libdeflate, an
// implementation independent of zlib; `used` gets the member's length.
std::string LibdeflateGunzip(const std::string& data, size_t expected_size, size_t* used) {
  std::unique_ptr<libdeflate_decompressor, DecompressorFree> d(libdeflate_alloc_decompressor());
  std::string out(expected_size, '\0');
  size_t in_used = 0, out_size = 0;
  EXPECT_EQ(libdeflate_gzip_decompress_ex(d.get(), data.data(), data.size(), out.data(), out.size(),
                                          &in_used, &out_size),
            LIBDEFLATE_SUCCESS);
  out.resize(out_size);
  *used = in_used;
  return out;
}

TEST_P(GzipMemberEngine, WritesAMemberThatZlibAndLibdeflateBothDecode) {
  // Given a WARC-record-shaped input, we should get one RFC 1952 member with
  // the gzip magic, CM=8, and a trailer holding the CRC32 and ISIZE of the input.
  std::string head = "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 200000\r\n\r\n";
  std::string body = HtmlLike(200000);
  std::string whole = head + body + "\r\n\r\n";
  auto member = GzipMember({head, body, "\r\n\r\n"}, kWarcGzipLevel, GetParam());
  ASSERT_TRUE(member.ok()) << member.status().ToString();
  ASSERT_GE(member->size(), 18u);
  EXPECT_EQ(static_cast<unsigned char>((*member)[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>((*member)[1]), 0x8b);
  EXPECT_EQ((*member)[2], 8);
  uint32_t crc = static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(whole.data()), static_cast<uInt>(whole.size())));
  EXPECT_EQ(LittleEndian32(*member, member->size() - 8), crc);
  EXPECT_EQ(LittleEndian32(*member, member->size() - 4), static_cast<uint32_t>(whole.size()));

  size_t used = 0;
  EXPECT_EQ(Gunzip(*member, &used), whole);
  EXPECT_EQ(used, member->size());
  EXPECT_EQ(LibdeflateGunzip(*member, whole.size(), &used), whole);
  EXPECT_EQ(used, member->size());
  EXPECT_LT(member->size(), whole.size() / 3);  // it really compressed
}

TEST_P(GzipMemberEngine, EmptyInputGivesAMemberWithZeroCrcAndSize) {
  auto member = GzipMember({}, kWarcGzipLevel, GetParam());
  ASSERT_TRUE(member.ok());
  ASSERT_GE(member->size(), 18u);
  EXPECT_EQ(LittleEndian32(*member, member->size() - 8), 0u);
  EXPECT_EQ(LittleEndian32(*member, member->size() - 4), 0u);
  size_t used = 0;
  EXPECT_EQ(Gunzip(*member, &used), "");
  EXPECT_EQ(used, member->size());
  EXPECT_EQ(LibdeflateGunzip(*member, 0, &used), "");
  EXPECT_EQ(used, member->size());
}

TEST_P(GzipMemberEngine, CompressesAMultiMegabyteBodyInOneMember) {
  std::string body = HtmlLike(6 << 20);
  auto member = GzipMember({"head\r\n", body, "\r\n\r\n"}, kWarcGzipLevel, GetParam());
  ASSERT_TRUE(member.ok());
  std::string whole = "head\r\n" + body + "\r\n\r\n";
  size_t used = 0;
  EXPECT_EQ(Gunzip(*member, &used), whole);
  EXPECT_EQ(used, member->size());
  EXPECT_EQ(LibdeflateGunzip(*member, whole.size(), &used), whole);
  EXPECT_EQ(used, member->size());
  EXPECT_EQ(LittleEndian32(*member, member->size() - 4), static_cast<uint32_t>(whole.size()));
}

TEST_P(GzipMemberEngine, ConcatenatedMembersDecodeOneAtATime) {
  // Given three members back to back, each decoder should stop exactly at the
  // end of each member (the CDX offset/length contract), with either decoder.
  std::vector<std::string> inputs = {"first record", HtmlLike(50000), ""};
  std::string file;
  std::vector<size_t> sizes;
  for (const std::string& in : inputs) {
    auto m = GzipMember({in}, kWarcGzipLevel, GetParam());
    ASSERT_TRUE(m.ok());
    sizes.push_back(m->size());
    file += *m;
  }
  size_t offset = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    size_t zlib_used = 0, libdeflate_used = 0;
    EXPECT_EQ(Gunzip(file.substr(offset), &zlib_used), inputs[i]);
    EXPECT_EQ(LibdeflateGunzip(file.substr(offset), inputs[i].size(), &libdeflate_used), inputs[i]);
    EXPECT_EQ(zlib_used, sizes[i]);
    EXPECT_EQ(libdeflate_used, sizes[i]);
    offset += sizes[i];
  }
  EXPECT_EQ(offset, file.size());
}

TEST_P(GzipMemberEngine, RefusesALevelTheEngineDoesNotHave) {
  auto member = GzipMember({"x"}, 13, GetParam());
  ASSERT_FALSE(member.ok());
  EXPECT_EQ(member.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_FALSE(GzipMember({"x"}, -2, GetParam()).ok());
}

TEST(GzipMember, LibdeflateHasLevelsBeyondZlibs) {
  // Level 12 exists only in libdeflate: zlib refuses it, libdeflate writes a
  // member zlib can read.
  std::string body = HtmlLike(100000);
  EXPECT_FALSE(GzipMember({body}, 12, GzipEngine::kZlib).ok());
  auto member = GzipMember({body}, 12, GzipEngine::kLibdeflate);
  ASSERT_TRUE(member.ok());
  size_t used = 0;
  EXPECT_EQ(Gunzip(*member, &used), body);
}

TEST(GzipMember, ExportUsesLibdeflateByDefault) {
  // The default engine is the one bench/export measured faster; a member from
  // the default call is byte-identical to libdeflate's, not zlib's.
  std::string body = HtmlLike(100000);
  auto by_default = GzipMember({body});
  auto libdeflate = GzipMember({body}, kWarcGzipLevel, GzipEngine::kLibdeflate);
  auto zlib = GzipMember({body}, kWarcGzipLevel, GzipEngine::kZlib);
  ASSERT_TRUE(by_default.ok() && libdeflate.ok() && zlib.ok());
  EXPECT_EQ(*by_default, *libdeflate);
  EXPECT_NE(*by_default, *zlib);
}

TEST(GzipMember, ThreadsCompressAtOnceWithTheirOwnCompressors) {
  // Each thread keeps its own libdeflate compressor: members written at the
  // same time from several threads must all decode to their own input.
  std::vector<std::string> inputs;
  for (int i = 0; i < 4; ++i) inputs.push_back(HtmlLike(80000 + 1000 * i));
  std::vector<std::string> members(inputs.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < inputs.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int round = 0; round < 5; ++round) {
        auto m = GzipMember({inputs[i]}, kWarcGzipLevel, GzipEngine::kLibdeflate);
        if (m.ok()) members[i] = *m;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (size_t i = 0; i < inputs.size(); ++i) {
    size_t used = 0;
    EXPECT_EQ(Gunzip(members[i], &used), inputs[i]);
  }
}

}  // namespace
}  // namespace newsvault::storage
