#include "storage/libdeflate_gzip.h"

#include <libdeflate.h>

#include <array>
#include <memory>

namespace newsvault::storage {
namespace {

constexpr int kMinLevel = 0;
constexpr int kMaxLevel = 12;  // libdeflate's slowest, smallest level

struct CompressorFree {
  void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};
using Compressor = std::unique_ptr<libdeflate_compressor, CompressorFree>;

// A compressor holds its hash tables (hundreds of KiB): allocating one per
// record would cost more than compressing a small record, so each thread
// keeps one per level it has used.
core::Result<libdeflate_compressor*> CompressorFor(int level) {
  thread_local std::array<Compressor, kMaxLevel + 1> compressors;
  Compressor& c = compressors[static_cast<size_t>(level)];
  if (!c) {
    c.reset(libdeflate_alloc_compressor(level));
    if (!c) {
      return core::Status::Internal("cannot allocate a libdeflate compressor (level " +
                                    std::to_string(level) + ")");
    }
  }
  return c.get();
}

}  // namespace

core::Result<std::string> LibdeflateGzipMember(const std::vector<std::string_view>& parts,
                                               int level) {
  if (level < kMinLevel || level > kMaxLevel) {
    return core::Status::InvalidArgument("libdeflate has no compression level " +
                                         std::to_string(level) + " (0..12)");
  }
  ASSIGN_OR_RETURN(libdeflate_compressor * compressor, CompressorFor(level));

  std::string joined;
  std::string_view in;
  if (parts.size() == 1) {
    in = parts.front();
  } else {
    size_t total = 0;
    for (std::string_view p : parts) total += p.size();
    joined.reserve(total);
    for (std::string_view p : parts) joined.append(p);
    in = joined;
  }

  // The bound covers the worst case (stored blocks plus header and trailer),
  // so a zero return below can only mean a library fault.
  std::string out(libdeflate_gzip_compress_bound(compressor, in.size()), '\0');
  size_t n = libdeflate_gzip_compress(compressor, in.data(), in.size(), out.data(), out.size());
  if (n == 0) {
    return core::Status::Internal("libdeflate could not compress " + std::to_string(in.size()) +
                                  " bytes into its own bound");
  }
  out.resize(n);
  return out;
}

}  // namespace newsvault::storage
