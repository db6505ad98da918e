// Expected values computed with Python's hashlib and base64.b32encode.
#include "core/digest.h"

#include <gtest/gtest.h>

namespace newsvault::core {
namespace {

TEST(Digest, Sha1Base32OfKnownInputs) {
  EXPECT_EQ(Sha1Base32Digest(""), "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
  EXPECT_EQ(Sha1Base32Digest("abc"), "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
  EXPECT_EQ(Sha1Base32Digest("The quick brown fox jumps over the lazy dog"),
            "sha1:F7KODRT2FUUPZ3MET3Q3W5XHHENZH2YS");
}

TEST(Digest, Sha1Base32IsThirtyTwoUppercaseChars) {
  std::string d = Sha1Base32Digest("anything");
  ASSERT_EQ(d.size(), 5u + 32u);
  for (char c : d.substr(5)) EXPECT_TRUE((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7')) << c;
}

TEST(Digest, Base32MatchesRfc4648TestVectorsWithoutPadding) {
  // RFC 4648 §10, padding removed as archives write it.
  EXPECT_EQ(Base32Encode(""), "");
  EXPECT_EQ(Base32Encode("f"), "MY");
  EXPECT_EQ(Base32Encode("fo"), "MZXQ");
  EXPECT_EQ(Base32Encode("foo"), "MZXW6");
  EXPECT_EQ(Base32Encode("foob"), "MZXW6YQ");
  EXPECT_EQ(Base32Encode("fooba"), "MZXW6YTB");
  EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(Base32Encode(std::string("\xff\x00\x80", 3)), "74AIA");
}

TEST(Digest, IncrementalSha1EqualsOneShot) {
  std::string data(100000, '\0');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 7 + 3);
  Sha1 sha;
  for (size_t i = 0; i < data.size(); i += 777) sha.Update(std::string_view(data).substr(i, 777));
  std::string raw = sha.Finish();
  EXPECT_EQ(raw.size(), 20u);
  EXPECT_EQ("sha1:" + Base32Encode(raw), Sha1Base32Digest(data));
}

TEST(Digest, Sha1RawDigestOfAbc) {
  Sha1 sha;
  sha.Update("a");
  sha.Update("bc");
  EXPECT_EQ(HexEncode(sha.Finish()), "a9993e364706816aba3e25717850c26c9cd0d89d");
}

TEST(Digest, Sha256HexOfKnownInputs) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Digest, HexEncodeIsLowercase) {
  EXPECT_EQ(HexEncode(std::string("\x00\x0f\xab\xff", 4)), "000fabff");
  EXPECT_EQ(HexEncode(""), "");
}

}  // namespace
}  // namespace newsvault::core
