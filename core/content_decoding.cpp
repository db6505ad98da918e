// Adapter over zlib and libbrotlidec for Content-Encoding (RFC 9110 §8.4.1).
#include "core/content_decoding.h"

#define ZLIB_CONST
#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <vector>

#include "core/ascii.h"

namespace newsvault::core {
namespace {

constexpr size_t kStep = 64 * 1024;  // output grows by at most this much at a time

// Grows `out` by up to kStep without passing `cap`; returns the new room.
// Capacity is managed by hand because std::string's own growth may double
// past the cap, and a decompression bomb must not allocate more than it.
size_t Grow(std::string& out, size_t used, size_t cap) {
  size_t room = std::min(kStep, cap - used);
  size_t need = used + room;
  if (need > out.capacity()) {
    std::string bigger;
    bigger.reserve(std::min(cap, std::max(need, out.capacity() * 2)));
    bigger.append(out, 0, used);
    out.swap(bigger);
  }
  out.resize(need);
  return room;
}

// Owns an initialised z_stream (inflateEnd on destruction).
class Inflater {
 public:
  explicit Inflater(int window_bits) : ok_(inflateInit2(&z_, window_bits) == Z_OK) {}
  ~Inflater() {
    if (ok_) inflateEnd(&z_);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  bool ok() const { return ok_; }
  z_stream* get() { return &z_; }

 private:
  z_stream z_{};
  bool ok_;
};

enum class ZlibFormat { kGzip, kZlib, kRaw };

// RFC 1952 (gzip), RFC 1950 (zlib) or RFC 1951 (raw deflate) into `out`.
Status Inflate(std::string_view in, ZlibFormat format, size_t cap, DecodedContent& out) {
  std::string_view label = format == ZlibFormat::kGzip ? "gzip" : "deflate";
  int window = format == ZlibFormat::kGzip   ? 16 + MAX_WBITS
               : format == ZlibFormat::kZlib ? MAX_WBITS
                                             : -MAX_WBITS;
  Inflater inflater(window);
  if (!inflater.ok()) return Status::Internal("zlib inflateInit2 failed");
  z_stream* z = inflater.get();
  std::string& bytes = out.bytes;
  bytes.clear();
  size_t used = 0;
  while (true) {
    if (z->avail_in == 0 && !in.empty()) {
      // avail_in is a uInt: huge bodies are fed in slices.
      auto n = static_cast<uInt>(std::min<size_t>(in.size(), UINT_MAX));
      z->next_in = reinterpret_cast<const Bytef*>(in.data());
      z->avail_in = n;
      in.remove_prefix(n);
    }
    // At the cap, offer one probe byte: if inflate fills it, the output was cut.
    bool at_cap = used == cap;
    Bytef probe = 0;
    size_t room = at_cap ? 1 : Grow(bytes, used, cap);
    z->next_out = at_cap ? &probe : reinterpret_cast<Bytef*>(bytes.data() + used);
    z->avail_out = static_cast<uInt>(room);
    int rc = inflate(z, Z_NO_FLUSH);
    size_t produced = room - z->avail_out;
    if (at_cap && produced > 0) {
      out.truncated = true;
      break;
    }
    used += produced;
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members (RFC 1952 §2.2) decode as one body; other
      // trailing bytes are ignored, as browsers do.
      if (format == ZlibFormat::kGzip && z->avail_in >= 2 && z->next_in[0] == 0x1f &&
          z->next_in[1] == 0x8b) {
        inflateReset(z);
        continue;
      }
      break;
    }
    if (rc == Z_OK) continue;
    if (rc == Z_BUF_ERROR) {
      // No progress: with output room left, the input ended inside the stream.
      if (z->avail_out == 0 && !at_cap) continue;
      out.truncated = true;
      break;
    }
    std::string msg = z->msg != nullptr ? z->msg : "zlib error " + std::to_string(rc);
    return Status::Corruption("broken " + std::string(label) + " data: " + msg);
  }
  bytes.resize(used);
  return Status::Ok();
}

Status InflateDeflate(std::string_view in, size_t cap, DecodedContent& out) {
  // "deflate" means zlib-wrapped (RFC 9110 §8.4.1.2), but some servers send
  // raw deflate; like browsers, look at the RFC 1950 header to tell them apart.
  bool zlib =
      in.size() >= 2 && (static_cast<uint8_t>(in[0]) & 0x0f) == 8 &&
      ((static_cast<unsigned>(static_cast<uint8_t>(in[0])) << 8) | static_cast<uint8_t>(in[1])) %
              31 ==
          0;
  return Inflate(in, zlib ? ZlibFormat::kZlib : ZlibFormat::kRaw, cap, out);
}

struct BrotliDestroy {
  void operator()(BrotliDecoderState* s) const { BrotliDecoderDestroyInstance(s); }
};

// RFC 7932.
Status Unbrotli(std::string_view in, size_t cap, DecodedContent& out) {
  std::unique_ptr<BrotliDecoderState, BrotliDestroy> state(
      BrotliDecoderCreateInstance(nullptr, nullptr, nullptr));
  if (!state) return Status::Internal("BrotliDecoderCreateInstance failed");
  const auto* next_in = reinterpret_cast<const uint8_t*>(in.data());
  size_t avail_in = in.size();
  std::string& bytes = out.bytes;
  bytes.clear();
  size_t used = 0;
  while (true) {
    bool at_cap = used == cap;
    uint8_t probe = 0;
    size_t room = at_cap ? 1 : Grow(bytes, used, cap);
    uint8_t* next_out = at_cap ? &probe : reinterpret_cast<uint8_t*>(bytes.data() + used);
    size_t avail_out = room;
    BrotliDecoderResult rc = BrotliDecoderDecompressStream(state.get(), &avail_in, &next_in,
                                                           &avail_out, &next_out, nullptr);
    size_t produced = room - avail_out;
    if (at_cap && produced > 0) {
      out.truncated = true;
      break;
    }
    used += produced;
    if (rc == BROTLI_DECODER_RESULT_SUCCESS) break;
    if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) continue;
    if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
      out.truncated = true;  // all input was given: it was cut off
      break;
    }
    return Status::Corruption(
        "broken brotli data: " +
        std::string(BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state.get()))));
  }
  bytes.resize(used);
  return Status::Ok();
}

}  // namespace

Result<DecodedContent> DecodeContent(std::string_view body, std::string_view content_encoding,
                                     size_t max_output_bytes) {
  std::vector<std::string> codings;
  std::string_view list = content_encoding;
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string coding = AsciiLowercase(TrimAsciiSpace(list.substr(0, comma)));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (coding.empty() || coding == "identity") continue;
    if (coding != "gzip" && coding != "x-gzip" && coding != "deflate" && coding != "br") {
      return Status::Unsupported("unsupported Content-Encoding '" + coding + "'");
    }
    codings.push_back(std::move(coding));
  }
  DecodedContent result;
  if (codings.empty()) {
    result.truncated = body.size() > max_output_bytes;
    result.bytes.assign(body.substr(0, max_output_bytes));
    return result;
  }
  std::string current(body);
  // RFC 9110 §8.4: codings are listed in the order applied, so undo the last first.
  for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
    DecodedContent step;
    if (!current.empty()) {  // an empty body (e.g. 204, HEAD) decodes to nothing
      Status st = *it == "br"        ? Unbrotli(current, max_output_bytes, step)
                  : *it == "deflate" ? InflateDeflate(current, max_output_bytes, step)
                                     : Inflate(current, ZlibFormat::kGzip, max_output_bytes, step);
      if (!st.ok()) return st;
    }
    result.truncated = result.truncated || step.truncated;
    current = std::move(step.bytes);
  }
  result.bytes = std::move(current);
  return result;
}

}  // namespace newsvault::core
