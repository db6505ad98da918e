// Tests of GzipMember: one self-contained gzip member (RFC 1952) per call.
#include "storage/gzip_member_writer.h"

#include <zlib.h>

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace newsvault::storage
