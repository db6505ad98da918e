// ParseByteSize: `export --max-size` values.
#include "app/byte_size.h"

#include <gtest/gtest.h>

namespace newsvault::app {
namespace {

uint64_t Parsed(std::string_view text) {
  auto size = ParseByteSize(text);
  EXPECT_TRUE(size.ok()) << text << ": " << size.status().ToString();
  return size.ok() ? *size : 0;
}

TEST(ParseByteSize, PlainNumbersAreBytes) {
  EXPECT_EQ(Parsed("250000"), 250000u);
  EXPECT_EQ(Parsed("1"), 1u);
  EXPECT_EQ(Parsed("512B"), 512u);
}

TEST(ParseByteSize, SiUnitsArePowersOfAThousand) {
  // WARC 1.1 Annex C's "1 gigabyte" is 10^9 bytes.
  EXPECT_EQ(Parsed("100MB"), 100'000'000u);
  EXPECT_EQ(Parsed("1GB"), 1'000'000'000u);
  EXPECT_EQ(Parsed("4kB"), 4'000u);
  EXPECT_EQ(Parsed("2TB"), 2'000'000'000'000u);
}

TEST(ParseByteSize, IecUnitsArePowersOfTwo) {
  EXPECT_EQ(Parsed("1GiB"), 1073741824u);
  EXPECT_EQ(Parsed("3KiB"), 3072u);
  EXPECT_EQ(Parsed("5MiB"), 5u * 1024 * 1024);
}

TEST(ParseByteSize, UnitsIgnoreCaseAndMayFollowASpace) {
  EXPECT_EQ(Parsed("10 mb"), 10'000'000u);
  EXPECT_EQ(Parsed("1gib"), 1073741824u);
}

TEST(ParseByteSize, RejectsWhatIsNotASize) {
  for (const char* bad : {"", "MB", "1.5GB", "-1", "10 XB", "10  MB", "1G", " 10", "10MB ", "0",
                          "0GB", "18446744073709551616", "20000000TB"}) {
    auto size = ParseByteSize(bad);
    EXPECT_FALSE(size.ok()) << "\"" << bad << "\" parsed as " << (size.ok() ? *size : 0);
    if (!size.ok()) {
      EXPECT_EQ(size.status().code(), core::StatusCode::kInvalidArgument) << bad;
    }
  }
}

TEST(ParseByteSize, AcceptsTheLargestSize) {
  EXPECT_EQ(Parsed("18446744073709551615"), 18446744073709551615u);
}

}  // namespace
}  // namespace newsvault::app
