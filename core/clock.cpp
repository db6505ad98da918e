#include "core/clock.h"

namespace newsvault::core {

Timestamp SystemClock::Now() const {
  return std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
}

const SystemClock& SystemClock::Default() {
  static const SystemClock kClock;
  return kClock;
}

}  // namespace newsvault::core
