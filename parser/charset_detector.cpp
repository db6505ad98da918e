#include "parser/charset_detector.h"

#include <uchardet/uchardet.h>

#include <memory>
#include <type_traits>

namespace newsvault::parser {
namespace {

struct UchardetDeleter {
  void operator()(std::remove_pointer_t<uchardet_t>* handle) const { uchardet_delete(handle); }
};
using UchardetHandle = std::unique_ptr<std::remove_pointer_t<uchardet_t>, UchardetDeleter>;

}  // namespace

std::string DetectCharset(std::string_view bytes) {
  UchardetHandle detector(uchardet_new());
  if (!detector) return {};
  const std::string_view sample = bytes.substr(0, kMaxDetectionBytes);
  if (uchardet_handle_data(detector.get(), sample.data(), sample.size()) != 0) return {};
  uchardet_data_end(detector.get());
  const char* name = uchardet_get_charset(detector.get());
  return name != nullptr ? std::string(name) : std::string();
}

}  // namespace newsvault::parser
