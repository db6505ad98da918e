// Words of written dates: month names in the languages we read, and the
// small words that sit between a date's parts ("4 de febrero de 2025",
// "4th of February", "4 февраля 2025 г.").
//
// Thread safety: pure functions over constant tables.
#pragma once

#include <string_view>

namespace newsvault::parser {

// The month (1..12) a lowercase word names, or 0.
int MonthFromWord(std::string_view lowercase_word);
// Words that may stand between the parts of a date or before its time.
bool IsDateFillerWord(std::string_view lowercase_word);
// "st", "nd", "rd", "th" after a day number (and French "er").
bool IsOrdinalSuffix(std::string_view lowercase_word);

}  // namespace newsvault::parser
