// NextRevisit (declared in crawler/crawler.h): when an article is due again,
// by time since its last change (issue 3 item 7).
//
// Thread safety: pure function.
#include "crawler/crawler.h"

namespace newsvault::crawler {

core::Timestamp NextRevisit(const std::vector<RevisitStep>& schedule, core::Timestamp last_change,
                            core::Timestamp now) {
  // A last change in the future (clock skew, a resumed run on another
  // machine) counts as "just changed": the most frequent step applies.
  const auto age = now > last_change ? now - last_change : std::chrono::microseconds{0};
  for (const RevisitStep& step : schedule) {
    if (age < step.age) {
      // Saturate rather than overflow for absurd intervals.
      const auto room =
          std::chrono::duration_cast<std::chrono::milliseconds>(core::Timestamp::max() - now);
      if (step.interval >= room) return core::Timestamp::max();
      return now + step.interval;
    }
  }
  return core::Timestamp::max();
}

}  // namespace newsvault::crawler
