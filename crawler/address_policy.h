// Address policy: which IP addresses a crawler reaching out from discovered URLs may
// connect to (issue 3 item 9, "Safety").
//
// A link on a public page can point at http://127.0.0.1:8080/admin, at a router on
// 192.168.0.1, or at a name whose DNS record resolves to 10.0.0.5. Fetching those would
// turn the crawler into a probe of the machine's own network, so unless the user allows
// it (FetchOptions::allow_private_addresses) such addresses are refused. The check is
// made on the resolved address libcurl is about to connect to, never on URL text.
//
// Pure functions over address bytes: no I/O, no global state.
//
// Thread safety: all functions are safe to call from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsvault::crawler {

// Where an address leads, by the special-purpose ranges of RFC 6890 and friends.
enum class AddressKind {
  kPublic,       // anything not below: allowed
  kUnspecified,  // 0.0.0.0/8 ("this network", RFC 1122 §3.2.1.3), :: (RFC 4291 §2.5.2)
  kLoopback,     // 127.0.0.0/8 (RFC 1122 §3.2.1.3), ::1 (RFC 4291 §2.5.3)
  kPrivate,      // 10/8, 172.16/12, 192.168/16 (RFC 1918); fc00::/7 unique local (RFC 4193)
  kLinkLocal,    // 169.254/16 (RFC 3927); fe80::/10 (RFC 4291 §2.5.6)
  kSharedCgnat,  // 100.64/10 carrier-grade NAT shared space (RFC 6598)
};

// An IPv4 or IPv6 address in network byte order; IPv4 uses the first 4 bytes.
struct IpAddress {
  bool is_v6 = false;
  std::array<uint8_t, 16> bytes{};

  static IpAddress V4(uint8_t a, uint8_t b, uint8_t c, uint8_t d);
  static IpAddress V6(const std::array<uint8_t, 16>& bytes);
  // Dotted quad ("10.0.0.1") or RFC 4291 §2.2 text ("::ffff:10.0.0.1", "fe80::1"); no
  // brackets, ports or zone ids. nullopt for anything else.
  static std::optional<IpAddress> Parse(std::string_view text);

  // "10.0.0.1", "::1": the usual text form.
  std::string ToString() const;
};

// The kind of `address`. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d, RFC 4291 §2.5.5.2)
// are classified as the IPv4 address they carry: connecting to one reaches that address.
AddressKind ClassifyAddress(const IpAddress& address);

// "loopback address", "private address", ...: for messages.
std::string_view DescribeAddressKind(AddressKind kind);

// True when a crawl that does not allow private addresses may connect to `address`.
inline bool IsPublicAddress(const IpAddress& address) {
  return ClassifyAddress(address) == AddressKind::kPublic;
}

}  // namespace newsvault::crawler
