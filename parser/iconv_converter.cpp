#include "parser/iconv_converter.h"

#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <memory>
#include <type_traits>

#include "parser/utf8.h"

namespace newsvault::parser {
namespace {

struct IconvCloser {
  void operator()(std::remove_pointer_t<iconv_t>* cd) const { iconv_close(cd); }
};
using IconvHandle = std::unique_ptr<std::remove_pointer_t<iconv_t>, IconvCloser>;

const iconv_t kIconvError = reinterpret_cast<iconv_t>(static_cast<intptr_t>(-1));
constexpr size_t kIconvFailure = static_cast<size_t>(-1);

}  // namespace

std::optional<ConvertedText> ConvertToUtf8(std::string_view bytes, std::string_view iconv_name) {
  const std::string from(iconv_name);
  const iconv_t raw = iconv_open("UTF-8", from.c_str());
  if (raw == kIconvError) return std::nullopt;
  IconvHandle cd(raw);

  ConvertedText result;
  std::string& out = result.utf8;
  // Legacy encodings grow by at most 3x (one byte to a 3-byte BMP character).
  out.resize(bytes.size() * 3 + 16);
  size_t used = 0;
  // iconv's prototype takes char** but never writes through the input.
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  while (in_left > 0) {
    char* out_ptr = out.data() + used;
    size_t out_left = out.size() - used;
    const size_t rc = iconv(cd.get(), &in, &in_left, &out_ptr, &out_left);
    used = out.size() - out_left;
    if (rc != kIconvFailure) break;
    const int error = errno;
    if (error == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    // EILSEQ (invalid sequence) or EINVAL (truncated at the end): replace one
    // byte and resynchronise; reset the shift state of stateful encodings.
    out.resize(used);
    AppendUtf8(out, kReplacementChar);
    ++result.replaced;
    used = out.size();
    out.resize(used + in_left * 3 + 16);
    iconv(cd.get(), nullptr, nullptr, nullptr, nullptr);
    if (error == EINVAL) break;
    ++in;
    --in_left;
  }
  // Flush any pending shift sequence (ISO-2022-JP).
  out.resize(used + 16);
  char* out_ptr = out.data() + used;
  size_t out_left = out.size() - used;
  iconv(cd.get(), nullptr, nullptr, &out_ptr, &out_left);
  used = out.size() - out_left;
  out.resize(used);
  return result;
}

}  // namespace newsvault::parser
