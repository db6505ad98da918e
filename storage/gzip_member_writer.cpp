#include "storage/gzip_member_writer.h"

#include <zlib.h>

#include <algorithm>
#include <memory>

#include "storage/libdeflate_gzip.h"

namespace newsvault::storage {
namespace {

// windowBits 15 (32 KiB window) + 16 asks zlib for a gzip wrapper rather than zlib's own.
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kMemLevel = 8;  // zlib's default
// zlib counts in uInt; feed big blocks in slices it can take.
constexpr size_t kMaxSlice = 1u << 30;

struct DeflateEnd {
  void operator()(z_stream* s) const {
    deflateEnd(s);
    delete s;
  }
};
using DeflateStream = std::unique_ptr<z_stream, DeflateEnd>;

std::string ZlibError(const z_stream& s, int rc) {
  return std::string("zlib error ") + std::to_string(rc) +
         (s.msg != nullptr ? std::string(": ") + s.msg : "");
}

core::Result<std::string> ZlibGzipMember(const std::vector<std::string_view>& parts, int level) {
  if (level < Z_NO_COMPRESSION || level > Z_BEST_COMPRESSION) {
    return core::Status::InvalidArgument("zlib has no compression level " + std::to_string(level) +
                                         " (0..9)");
  }
  auto raw = std::make_unique<z_stream>();
  int rc =
      deflateInit2(raw.get(), level, Z_DEFLATED, kGzipWindowBits, kMemLevel, Z_DEFAULT_STRATEGY);
  if (rc != Z_OK)
    return core::Status::Internal("cannot start gzip compression: " + ZlibError(*raw, rc));
  DeflateStream stream(raw.release());

  size_t total_in = 0;
  for (std::string_view p : parts) total_in += p.size();
  std::string out;
  // deflateBound is exact for the worst case of one call; reserve it so the
  // common case needs no reallocation.
  out.resize(deflateBound(stream.get(), static_cast<uLong>(std::min(total_in, kMaxSlice))) + 64);
  size_t produced = 0;

  auto pump = [&](int flush) -> core::Status {
    for (;;) {
      if (produced == out.size()) out.resize(out.size() * 2);
      size_t room = std::min(out.size() - produced, kMaxSlice);
      stream->next_out = reinterpret_cast<Bytef*>(out.data() + produced);
      stream->avail_out = static_cast<uInt>(room);
      int r = deflate(stream.get(), flush);
      produced += room - stream->avail_out;
      if (r == Z_STREAM_END) return core::Status::Ok();
      if (r != Z_OK && r != Z_BUF_ERROR) {
        return core::Status::Internal("gzip compression failed: " + ZlibError(*stream, r));
      }
      // Input consumed and output not full: this flush step is done.
      if (flush == Z_NO_FLUSH && stream->avail_in == 0 && stream->avail_out != 0) {
        return core::Status::Ok();
      }
    }
  };

  for (std::string_view p : parts) {
    while (!p.empty()) {
      size_t n = std::min(p.size(), kMaxSlice);
      // zlib's API is not const-correct; it never writes through next_in.
      stream->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(p.data()));
      stream->avail_in = static_cast<uInt>(n);
      RETURN_IF_ERROR(pump(Z_NO_FLUSH));
      p.remove_prefix(n);
    }
  }
  stream->next_in = nullptr;
  stream->avail_in = 0;
  RETURN_IF_ERROR(pump(Z_FINISH));
  out.resize(produced);
  return out;
}

}  // namespace

core::Result<std::string> GzipMember(const std::vector<std::string_view>& parts, int level,
                                     GzipEngine engine) {
  switch (engine) {
    case GzipEngine::kZlib:
      return ZlibGzipMember(parts, level);
    case GzipEngine::kLibdeflate:
      return LibdeflateGzipMember(parts, level);
  }
  return core::Status::InvalidArgument("unknown gzip engine");
}

}  // namespace newsvault::storage
