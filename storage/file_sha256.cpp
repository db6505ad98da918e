#include "storage/file_sha256.h"

#include <openssl/evp.h>

#include <fstream>
#include <memory>
#include <vector>

#include "core/digest.h"

namespace newsvault::storage {

core::Result<FileDigest> Sha256OfFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Status::IoError("cannot open " + path);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
    return core::Status::Internal("cannot start a SHA-256 digest");
  }
  FileDigest digest;
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    std::streamsize n = in.gcount();
    if (n <= 0) break;
    if (EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<size_t>(n)) != 1) {
      return core::Status::Internal("SHA-256 digest update failed");
    }
    digest.bytes += static_cast<uint64_t>(n);
  }
  if (in.bad()) return core::Status::IoError("cannot read " + path);
  unsigned char raw[EVP_MAX_MD_SIZE];
  unsigned int raw_size = 0;
  if (EVP_DigestFinal_ex(ctx.get(), raw, &raw_size) != 1) {
    return core::Status::Internal("SHA-256 digest failed");
  }
  digest.sha256_hex =
      core::HexEncode(std::string_view(reinterpret_cast<const char*>(raw), raw_size));
  return digest;
}

}  // namespace newsvault::storage
