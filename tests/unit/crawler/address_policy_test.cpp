// Address classification behind FetchOptions::allow_private_addresses (issue 3 item 9):
// one row per special-purpose range, with both edges of each range.
#include "crawler/address_policy.h"

#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace newsvault::crawler {
namespace {

struct Row {
  const char* text;
  AddressKind kind;
};

constexpr Row kRows[] = {
    // RFC 1122 §3.2.1.3 "this network" and RFC 4291 §2.5.2 unspecified.
    {"0.0.0.0", AddressKind::kUnspecified},
    {"0.255.255.255", AddressKind::kUnspecified},
    {"::", AddressKind::kUnspecified},
    // Loopback: 127/8 and ::1.
    {"127.0.0.1", AddressKind::kLoopback},
    {"127.255.255.254", AddressKind::kLoopback},
    {"::1", AddressKind::kLoopback},
    {"126.255.255.255", AddressKind::kPublic},
    {"128.0.0.0", AddressKind::kPublic},
    // RFC 1918 private ranges and their neighbours.
    {"10.0.0.0", AddressKind::kPrivate},
    {"10.255.255.255", AddressKind::kPrivate},
    {"9.255.255.255", AddressKind::kPublic},
    {"11.0.0.0", AddressKind::kPublic},
    {"172.16.0.0", AddressKind::kPrivate},
    {"172.31.255.255", AddressKind::kPrivate},
    {"172.15.255.255", AddressKind::kPublic},
    {"172.32.0.0", AddressKind::kPublic},
    {"192.168.0.1", AddressKind::kPrivate},
    {"192.168.255.255", AddressKind::kPrivate},
    {"192.167.255.255", AddressKind::kPublic},
    {"192.169.0.0", AddressKind::kPublic},
    // RFC 4193 unique local fc00::/7.
    {"fc00::", AddressKind::kPrivate},
    {"fd12:3456::1", AddressKind::kPrivate},
    {"fbff:ffff::1", AddressKind::kPublic},
    {"fe00::1", AddressKind::kPublic},
    // Link-local: 169.254/16 (RFC 3927), fe80::/10.
    {"169.254.0.0", AddressKind::kLinkLocal},
    {"169.254.169.254", AddressKind::kLinkLocal},  // cloud metadata endpoints live here
    {"169.253.255.255", AddressKind::kPublic},
    {"169.255.0.0", AddressKind::kPublic},
    {"fe80::1", AddressKind::kLinkLocal},
    {"febf:ffff::1", AddressKind::kLinkLocal},
    {"fec0::1", AddressKind::kPublic},
    // RFC 6598 shared address space 100.64/10.
    {"100.64.0.0", AddressKind::kSharedCgnat},
    {"100.127.255.255", AddressKind::kSharedCgnat},
    {"100.63.255.255", AddressKind::kPublic},
    {"100.128.0.0", AddressKind::kPublic},
    // IPv4-mapped IPv6 (RFC 4291 §2.5.5.2) is the IPv4 address it carries.
    {"::ffff:127.0.0.1", AddressKind::kLoopback},
    {"::ffff:10.1.2.3", AddressKind::kPrivate},
    {"::ffff:169.254.1.1", AddressKind::kLinkLocal},
    {"::ffff:100.64.0.1", AddressKind::kSharedCgnat},
    {"::ffff:0.0.0.0", AddressKind::kUnspecified},
    {"::ffff:93.184.216.34", AddressKind::kPublic},
    // Ordinary public addresses.
    {"93.184.216.34", AddressKind::kPublic},
    {"8.8.8.8", AddressKind::kPublic},
    {"2606:2800:220:1:248:1893:25c8:1946", AddressKind::kPublic},
    {"::2", AddressKind::kPublic},
};

TEST(AddressPolicy, ClassifiesEverySpecialRangeAndItsEdges) {
  for (const Row& row : kRows) {
    const std::optional<IpAddress> address = IpAddress::Parse(row.text);
    ASSERT_TRUE(address.has_value()) << row.text;
    EXPECT_EQ(ClassifyAddress(*address), row.kind) << row.text;
    EXPECT_EQ(IsPublicAddress(*address), row.kind == AddressKind::kPublic) << row.text;
  }
}

TEST(AddressPolicy, BuildsV4AddressesFromBytes) {
  EXPECT_EQ(ClassifyAddress(IpAddress::V4(192, 168, 1, 1)), AddressKind::kPrivate);
  EXPECT_EQ(IpAddress::V4(192, 168, 1, 1).ToString(), "192.168.1.1");
}

TEST(AddressPolicy, PrintsAddressesInTheirUsualForm) {
  EXPECT_EQ(IpAddress::Parse("::1")->ToString(), "::1");
  EXPECT_EQ(IpAddress::Parse("FE80:0:0:0:0:0:0:1")->ToString(), "fe80::1");
  EXPECT_EQ(IpAddress::Parse("::ffff:10.0.0.1")->ToString(), "::ffff:10.0.0.1");
}

TEST(AddressPolicy, RejectsTextThatIsNotAnAddress) {
  for (const char* text : {"", "localhost", "127.1", "[::1]", "127.0.0.1:80", "fe80::1%eth0",
                           "256.0.0.1", "1.2.3.4 "}) {
    EXPECT_FALSE(IpAddress::Parse(text).has_value()) << '"' << text << '"';
  }
}

TEST(AddressPolicy, NamesEachKindForMessages) {
  EXPECT_EQ(DescribeAddressKind(AddressKind::kLoopback), "loopback address");
  EXPECT_EQ(DescribeAddressKind(AddressKind::kPrivate), "private address");
  EXPECT_EQ(DescribeAddressKind(AddressKind::kLinkLocal), "link-local address");
  EXPECT_EQ(DescribeAddressKind(AddressKind::kUnspecified), "unspecified address");
  EXPECT_EQ(DescribeAddressKind(AddressKind::kSharedCgnat), "carrier-grade NAT address");
}

}  // namespace
}  // namespace newsvault::crawler
