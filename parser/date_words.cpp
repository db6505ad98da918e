#include "parser/date_words.h"

#include <string_view>

namespace newsvault::parser {
namespace {

// clang-format off
struct MonthName {
  std::string_view name;  // lowercase
  int month;
};

// Full names, genitive forms and common abbreviations.
constexpr MonthName kMonths[] = {
    // English
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
    {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
    {"december", 12}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7},
    {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
    // German
    {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"mai", 5}, {"juni", 6},
    {"juli", 7}, {"oktober", 10}, {"dezember", 12}, {"okt", 10}, {"dez", 12},
    // French
    {"janvier", 1}, {"février", 2}, {"mars", 3}, {"avril", 4}, {"juin", 6}, {"juillet", 7},
    {"août", 8}, {"septembre", 9}, {"octobre", 10}, {"novembre", 11}, {"décembre", 12},
    // Spanish, Italian, Portuguese
    {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6},
    {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
    {"noviembre", 11}, {"diciembre", 12}, {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4},
    {"maggio", 5}, {"giugno", 6}, {"luglio", 7}, {"settembre", 9}, {"ottobre", 10},
    {"dicembre", 12}, {"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"maio", 5}, {"junho", 6},
    {"julho", 7}, {"setembro", 9}, {"outubro", 10}, {"dezembro", 12},
    // Dutch
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5}, {"augustus", 8},
    // Russian (genitive, nominative, abbreviations)
    {"января", 1}, {"февраля", 2}, {"марта", 3}, {"апреля", 4}, {"мая", 5}, {"июня", 6},
    {"июля", 7}, {"августа", 8}, {"сентября", 9}, {"октября", 10}, {"ноября", 11}, {"декабря", 12},
    {"январь", 1}, {"февраль", 2}, {"март", 3}, {"апрель", 4}, {"май", 5}, {"июнь", 6},
    {"июль", 7}, {"август", 8}, {"сентябрь", 9}, {"октябрь", 10}, {"ноябрь", 11}, {"декабрь", 12},
    {"янв", 1}, {"фев", 2}, {"мар", 3}, {"апр", 4}, {"авг", 8}, {"сен", 9}, {"сент", 9},
    {"окт", 10}, {"ноя", 11}, {"нояб", 11}, {"дек", 12},
    // Ukrainian (genitive)
    {"січня", 1}, {"лютого", 2}, {"березня", 3}, {"квітня", 4}, {"травня", 5}, {"червня", 6},
    {"липня", 7}, {"серпня", 8}, {"вересня", 9}, {"жовтня", 10}, {"листопада", 11}, {"грудня", 12},
    // Polish (genitive)
    {"stycznia", 1}, {"lutego", 2}, {"marca", 3}, {"kwietnia", 4}, {"maja", 5}, {"czerwca", 6},
    {"lipca", 7}, {"sierpnia", 8}, {"września", 9}, {"października", 10}, {"listopada", 11},
    {"grudnia", 12},
};

// Words that may sit between the parts of a date or before its time.
constexpr std::string_view kFillerWords[] = {
    "de",  "del", "of",  "the", "at", "um",  "à", "a", "las", "в",   "lúc", "klo", "kl", "năm", "г"};
constexpr std::string_view kOrdinalSuffixes[] = {"st", "nd", "rd", "th", "er", "e"};
// clang-format on

}  // namespace

int MonthFromWord(std::string_view lowercase_word) {
  for (const MonthName& m : kMonths) {
    if (m.name == lowercase_word) return m.month;
  }
  return 0;
}

bool IsDateFillerWord(std::string_view lowercase_word) {
  for (const std::string_view w : kFillerWords) {
    if (w == lowercase_word) return true;
  }
  return false;
}

bool IsOrdinalSuffix(std::string_view lowercase_word) {
  for (const std::string_view w : kOrdinalSuffixes) {
    if (w == lowercase_word) return true;
  }
  return false;
}

}  // namespace newsvault::parser
