#include "app/byte_size.h"

#include <array>
#include <limits>
#include <string>
#include <utility>

#include "core/ascii.h"

namespace newsvault::app {

core::Result<uint64_t> ParseByteSize(std::string_view text) {
  auto bad = [&] {
    return core::Status::InvalidArgument(
        "\"" + std::string(text) +
        "\" is not a size: use a whole number with an optional unit, e.g. 100MB, 1GiB, 250000");
  };
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0) return bad();
  std::string_view unit = text.substr(digits);
  if (unit.starts_with(' ')) unit.remove_prefix(1);

  static constexpr std::array<std::pair<std::string_view, uint64_t>, 10> kUnits = {{
      {"b", 1},
      {"kb", 1'000},
      {"mb", 1'000'000},
      {"gb", 1'000'000'000},
      {"tb", 1'000'000'000'000},
      {"kib", uint64_t{1} << 10},
      {"mib", uint64_t{1} << 20},
      {"gib", uint64_t{1} << 30},
      {"tib", uint64_t{1} << 40},
      {"", 1},
  }};
  uint64_t multiplier = 0;
  for (const auto& [name, factor] : kUnits) {
    if (core::EqualsIgnoreCase(unit, name)) multiplier = factor;
  }
  if (multiplier == 0) return bad();

  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  uint64_t number = 0;
  for (char c : text.substr(0, digits)) {
    auto digit = static_cast<uint64_t>(c - '0');
    if (number > (kMax - digit) / 10) return bad();
    number = number * 10 + digit;
  }
  if (number > kMax / multiplier) return bad();
  if (number == 0) return core::Status::InvalidArgument("a size of 0 bytes makes no sense here");
  return number * multiplier;
}

}  // namespace newsvault::app
