// Byte codec: the big-endian numbers, varints and length-prefixed strings
// every binary key and value of the archive is built from (record_codec.cpp,
// crawl_state_codec.cpp; docs/storage.md describes the forms).
//
// Thread safety: pure functions; a ByteReader is used by one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsvault::storage {

inline void PutBigEndian(std::string* out, uint64_t value, size_t bytes) {
  for (size_t i = bytes; i > 0; --i) {
    out->push_back(static_cast<char>((value >> (8 * (i - 1))) & 0xFF));
  }
}

inline uint64_t GetBigEndian(std::string_view in) {
  uint64_t value = 0;
  for (char c : in) value = (value << 8) | static_cast<uint8_t>(c);
  return value;
}

// LEB128-style varint, as protobuf and RocksDB write them.
inline void PutVarint(std::string* out, uint64_t value) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

// Zigzag keeps small negative numbers small.
inline void PutSignedVarint(std::string* out, int64_t value) {
  PutVarint(out, (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63));
}

inline void PutString(std::string* out, std::string_view s) {
  PutVarint(out, s.size());
  out->append(s);
}

// Reads what the Put* functions wrote; every getter fails on short input
// instead of reading past the end.
class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}

  bool Byte(uint8_t* out) {
    if (in_.empty()) return false;
    *out = static_cast<uint8_t>(in_.front());
    in_.remove_prefix(1);
    return true;
  }
  bool Varint(uint64_t* out) {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t b = 0;
      if (!Byte(&b)) return false;
      value |= uint64_t{b & 0x7Fu} << shift;
      if ((b & 0x80) == 0) {
        *out = value;
        return true;
      }
    }
    return false;  // more than 10 bytes: not a varint we wrote
  }
  bool SignedVarint(int64_t* out) {
    uint64_t raw = 0;
    if (!Varint(&raw)) return false;
    *out = static_cast<int64_t>(raw >> 1) ^ -static_cast<int64_t>(raw & 1);
    return true;
  }
  bool String(std::string* out) {
    uint64_t size = 0;
    if (!Varint(&size) || size > in_.size()) return false;
    out->assign(in_.substr(0, static_cast<size_t>(size)));
    in_.remove_prefix(static_cast<size_t>(size));
    return true;
  }
  bool Done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

}  // namespace newsvault::storage
