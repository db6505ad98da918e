// Adapter over OpenSSL's EVP digests.
#include "core/digest.h"

#include <openssl/evp.h>

#include <cstdint>
#include <cstdlib>

namespace newsvault::core {
namespace {

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

MdCtxPtr NewContext(const EVP_MD* md) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  // Allocation failure or a digest missing from libcrypto is not recoverable.
  if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1) std::abort();
  return ctx;
}

void Update(EVP_MD_CTX* ctx, std::string_view bytes) {
  if (EVP_DigestUpdate(ctx, bytes.data(), bytes.size()) != 1) std::abort();
}

std::string Final(EVP_MD_CTX* ctx) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx, out, &len) != 1) std::abort();
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::string OneShot(const EVP_MD* md, std::string_view bytes) {
  MdCtxPtr ctx = NewContext(md);
  Update(ctx.get(), bytes);
  return Final(ctx.get());
}

}  // namespace

struct Sha1::Impl {
  MdCtxPtr ctx = NewContext(EVP_sha1());
};

Sha1::Sha1() : impl_(std::make_unique<Impl>()) {}
Sha1::~Sha1() = default;

void Sha1::Update(std::string_view bytes) { core::Update(impl_->ctx.get(), bytes); }

std::string Sha1::Finish() { return Final(impl_->ctx.get()); }

std::string Sha1Base32Digest(std::string_view bytes) {
  return "sha1:" + Base32Encode(OneShot(EVP_sha1(), bytes));
}

std::string Base32Encode(std::string_view raw) {
  // RFC 4648 §6: 5-bit groups, most significant bits first.
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  out.reserve((raw.size() * 8 + 4) / 5);
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : raw) {
    buffer = (buffer << 8) | static_cast<uint8_t>(c);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(kAlphabet[(buffer >> bits) & 0x1f]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 0x1f]);
  return out;
}

std::string Sha256Hex(std::string_view bytes) { return HexEncode(OneShot(EVP_sha256(), bytes)); }

std::string HexEncode(std::string_view raw) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(raw.size() * 2);
  for (char c : raw) {
    auto b = static_cast<uint8_t>(c);
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0x0f]);
  }
  return out;
}

}  // namespace newsvault::core
