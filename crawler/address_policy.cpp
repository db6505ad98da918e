// Address classification for FetchOptions::allow_private_addresses; see address_policy.h.
#include "crawler/address_policy.h"

#include <arpa/inet.h>

#include <string>

namespace newsvault::crawler {
namespace {

AddressKind ClassifyV4(const uint8_t* b) {
  if (b[0] == 0) return AddressKind::kUnspecified;
  if (b[0] == 127) return AddressKind::kLoopback;
  if (b[0] == 10) return AddressKind::kPrivate;
  if (b[0] == 172 && (b[1] & 0xF0) == 16) return AddressKind::kPrivate;
  if (b[0] == 192 && b[1] == 168) return AddressKind::kPrivate;
  if (b[0] == 169 && b[1] == 254) return AddressKind::kLinkLocal;
  if (b[0] == 100 && (b[1] & 0xC0) == 64) return AddressKind::kSharedCgnat;
  return AddressKind::kPublic;
}

bool AllZero(const uint8_t* b, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (b[i] != 0) return false;
  }
  return true;
}

AddressKind ClassifyV6(const std::array<uint8_t, 16>& b) {
  // ::ffff:a.b.c.d reaches the IPv4 host a.b.c.d (RFC 4291 §2.5.5.2).
  if (AllZero(b.data(), 10) && b[10] == 0xFF && b[11] == 0xFF) return ClassifyV4(b.data() + 12);
  if (AllZero(b.data(), 15)) {
    if (b[15] == 0) return AddressKind::kUnspecified;
    if (b[15] == 1) return AddressKind::kLoopback;
  }
  if ((b[0] & 0xFE) == 0xFC) return AddressKind::kPrivate;
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return AddressKind::kLinkLocal;
  return AddressKind::kPublic;
}

}  // namespace

IpAddress IpAddress::V4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  IpAddress address;
  address.bytes[0] = a;
  address.bytes[1] = b;
  address.bytes[2] = c;
  address.bytes[3] = d;
  return address;
}

IpAddress IpAddress::V6(const std::array<uint8_t, 16>& bytes) {
  IpAddress address;
  address.is_v6 = true;
  address.bytes = bytes;
  return address;
}

std::optional<IpAddress> IpAddress::Parse(std::string_view text) {
  // inet_pton needs a terminated string; the longest IPv6 text form is 45 characters.
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string terminated(text);
  IpAddress address;
  if (inet_pton(AF_INET, terminated.c_str(), address.bytes.data()) == 1) return address;
  if (inet_pton(AF_INET6, terminated.c_str(), address.bytes.data()) == 1) {
    address.is_v6 = true;
    return address;
  }
  return std::nullopt;
}

std::string IpAddress::ToString() const {
  char text[INET6_ADDRSTRLEN] = {};
  if (inet_ntop(is_v6 ? AF_INET6 : AF_INET, bytes.data(), text, sizeof text) == nullptr) {
    return "?";
  }
  return text;
}

AddressKind ClassifyAddress(const IpAddress& address) {
  return address.is_v6 ? ClassifyV6(address.bytes) : ClassifyV4(address.bytes.data());
}

std::string_view DescribeAddressKind(AddressKind kind) {
  switch (kind) {
    case AddressKind::kPublic:
      return "public address";
    case AddressKind::kUnspecified:
      return "unspecified address";
    case AddressKind::kLoopback:
      return "loopback address";
    case AddressKind::kPrivate:
      return "private address";
    case AddressKind::kLinkLocal:
      return "link-local address";
    case AddressKind::kSharedCgnat:
      return "carrier-grade NAT address";
  }
  return "special address";
}

}  // namespace newsvault::crawler
