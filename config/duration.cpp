#include "config/duration.h"

#include <array>
#include <cassert>
#include <cstdint>
#include <limits>

namespace newsvault::config {
namespace {

struct Unit {
  std::string_view name;
  int64_t millis;
};

// Largest first: parts must appear in this order, and FormatDuration walks it.
constexpr std::array<Unit, 5> kUnits = {{
    {"d", 86'400'000},
    {"h", 3'600'000},
    {"m", 60'000},
    {"s", 1'000},
    {"ms", 1},
}};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

core::Status Bad(std::string_view why) { return core::Status::InvalidArgument(std::string(why)); }

}  // namespace

core::Result<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  if (text.empty()) return Bad("empty duration");
  if (text == "0") return std::chrono::milliseconds{0};
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t total = 0;
  size_t next_unit = 0;  // index into kUnits of the smallest unit still allowed
  size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i])) return Bad("expected a number at '" + std::string(text.substr(i)) + "'");
    int64_t number = 0;
    for (; i < text.size() && IsDigit(text[i]); ++i) {
      const int digit = text[i] - '0';
      if (number > (kMax - digit) / 10) return Bad("duration too large");
      number = number * 10 + digit;
    }
    const size_t unit_start = i;
    while (i < text.size() && IsLetter(text[i])) ++i;
    const std::string_view unit = text.substr(unit_start, i - unit_start);
    if (unit.empty()) return Bad("missing unit after " + std::to_string(number));
    size_t index = 0;
    while (index < kUnits.size() && kUnits[index].name != unit) ++index;
    if (index == kUnits.size()) return Bad("unknown unit '" + std::string(unit) + "'");
    if (index < next_unit) return Bad("units must go from largest to smallest, each once");
    next_unit = index + 1;
    if (number > (kMax - total) / kUnits[index].millis) return Bad("duration too large");
    total += number * kUnits[index].millis;
  }
  return std::chrono::milliseconds{total};
}

std::string FormatDuration(std::chrono::milliseconds value) {
  assert(value.count() >= 0);
  int64_t rest = value.count();
  if (rest <= 0) return "0s";
  std::string out;
  for (const Unit& unit : kUnits) {
    if (rest >= unit.millis) {
      out += std::to_string(rest / unit.millis);
      out += unit.name;
      rest %= unit.millis;
    }
  }
  return out;
}

}  // namespace newsvault::config
