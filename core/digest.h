// Digests in the forms web archives write them.
//
// The archive's payload key and WARC-Payload-Digest / WARC-Block-Digest use
// "sha1:" + RFC 4648 base32 (uppercase, 32 chars, no padding), the convention of
// wget, Heritrix and CDX (WARC writer checklist, "Digests"). WACZ uses
// "sha256:" + lowercase hex.
//
// Thread safety: a Sha1 object is not shared; the free functions are pure.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace newsvault::core {

// Incremental SHA-1 for streaming large blocks.
class Sha1 {
 public:
  Sha1();
  ~Sha1();
  Sha1(const Sha1&) = delete;
  Sha1& operator=(const Sha1&) = delete;
  void Update(std::string_view bytes);
  // The raw 20-byte digest; the object must not be updated afterwards.
  std::string Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "sha1:UHNGRPF3A2HJ5MQL7XEJS4ROSHEQKGWS"
std::string Sha1Base32Digest(std::string_view bytes);
// Base32 (RFC 4648, uppercase, no padding) of raw bytes.
std::string Base32Encode(std::string_view raw);
// Lowercase hex of sha256 (64 chars), without a label.
std::string Sha256Hex(std::string_view bytes);
// Lowercase hex of raw bytes.
std::string HexEncode(std::string_view raw);

}  // namespace newsvault::core
