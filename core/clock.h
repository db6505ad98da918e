// Clock: the one way code asks for the current time, so tests can fake it.
//
// Thread safety: SystemClock is thread-safe; FakeClock is safe to read from many
// threads while one thread advances it.
#pragma once

#include <atomic>

#include "core/timestamp.h"

namespace newsvault::core {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
  // A process-wide instance.
  static const SystemClock& Default();
};

// A clock that only moves when told to; for deterministic tests.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp start) : micros_(ToMicros(start)) {}
  Timestamp Now() const override { return FromMicros(micros_.load()); }
  void Advance(std::chrono::microseconds d) { micros_ += d.count(); }
  void Set(Timestamp t) { micros_ = ToMicros(t); }

 private:
  std::atomic<int64_t> micros_;
};

}  // namespace newsvault::core
