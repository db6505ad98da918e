#include "parser/language_detector.h"

#include <array>
#include <cstdint>

#include "parser/text_util.h"
#include "parser/utf8.h"

namespace newsvault::parser {
namespace {

enum class Script : uint8_t {
  kLatin,
  kCyrillic,
  kGreek,
  kArabic,
  kHebrew,
  kHan,
  kKana,
  kHangul,
  kThai,
  kDevanagari,
  kGeorgian,
  kArmenian,
  kOther,
  kCount
};

Script ScriptOf(char32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F) ||
      (cp >= 0x1E00 && cp <= 0x1EFF)) {
    return Script::kLatin;
  }
  if (cp >= 0x400 && cp <= 0x52F) return Script::kCyrillic;
  if (cp >= 0x370 && cp <= 0x3FF) return Script::kGreek;
  if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F)) return Script::kArabic;
  if (cp >= 0x590 && cp <= 0x5FF) return Script::kHebrew;
  if (cp >= 0x3040 && cp <= 0x30FF) return Script::kKana;
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)) return Script::kHan;
  if ((cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF)) return Script::kHangul;
  if (cp >= 0xE00 && cp <= 0xE7F) return Script::kThai;
  if (cp >= 0x900 && cp <= 0x97F) return Script::kDevanagari;
  if (cp >= 0x10A0 && cp <= 0x10FF) return Script::kGeorgian;
  if (cp >= 0x530 && cp <= 0x58F) return Script::kArmenian;
  return Script::kOther;
}

// The script a language is written in. Languages not listed use Latin.
struct LanguageScript {
  std::string_view language;
  Script script;
};
constexpr LanguageScript kLanguageScripts[] = {
    {"ru", Script::kCyrillic},   {"uk", Script::kCyrillic},   {"be", Script::kCyrillic},
    {"bg", Script::kCyrillic},   {"sr", Script::kCyrillic},   {"mk", Script::kCyrillic},
    {"kk", Script::kCyrillic},   {"ky", Script::kCyrillic},   {"mn", Script::kCyrillic},
    {"tg", Script::kCyrillic},   {"el", Script::kGreek},      {"ar", Script::kArabic},
    {"fa", Script::kArabic},     {"ur", Script::kArabic},     {"ps", Script::kArabic},
    {"he", Script::kHebrew},     {"yi", Script::kHebrew},     {"zh", Script::kHan},
    {"ja", Script::kKana},       {"ko", Script::kHangul},     {"th", Script::kThai},
    {"hi", Script::kDevanagari}, {"mr", Script::kDevanagari}, {"ne", Script::kDevanagari},
    {"ka", Script::kGeorgian},   {"hy", Script::kArmenian}};

Script ScriptOfLanguage(std::string_view language) {
  for (const LanguageScript& entry : kLanguageScripts) {
    if (entry.language == language) return entry.script;
  }
  return Script::kLatin;
}

// Frequent short words of Latin-script languages: enough for a vote on a
// paragraph or more of text.
struct StopWords {
  std::string_view language;
  std::array<std::string_view, 10> words;
};
constexpr StopWords kStopWords[] = {
    {"en", {"the", "and", "of", "to", "is", "that", "with", "was", "for", "said"}},
    {"de", {"der", "die", "und", "das", "ist", "nicht", "mit", "sich", "auch", "den"}},
    {"fr", {"le", "les", "et", "des", "est", "une", "dans", "pour", "qui", "pas"}},
    {"es", {"el", "los", "las", "que", "del", "por", "una", "con", "para", "fue"}},
    {"it", {"il", "che", "della", "per", "una", "non", "sono", "gli", "alla", "anche"}},
    {"pt", {"os", "que", "não", "uma", "com", "para", "foi", "dos", "das", "mais"}},
    {"nl", {"het", "een", "van", "niet", "dat", "zijn", "voor", "met", "ook", "wordt"}},
    {"pl", {"się", "nie", "jest", "na", "że", "do", "to", "jak", "ale", "przez"}},
    {"vi", {"của", "và", "các", "là", "những", "được", "trong", "không", "có", "người"}},
};
constexpr int kMinStopWordHits = 5;

std::string VoteLatin(std::string_view text) {
  int best_hits = 0;
  std::string_view best;
  std::vector<std::string> words;
  for (std::string& w : SplitAndTrim(text.substr(0, 20000), " \n\t.,;:!?\"()")) {
    words.push_back(ToLowerAscii(w));
  }
  for (const StopWords& list : kStopWords) {
    int hits = 0;
    for (const std::string& w : words) {
      for (const std::string_view stop : list.words) hits += w == stop ? 1 : 0;
    }
    if (hits > best_hits) {
      best_hits = hits;
      best = list.language;
    }
  }
  return best_hits >= kMinStopWordHits ? std::string(best) : std::string();
}

std::string FromCyrillicLetters(std::string_view text) {
  // Letters only Ukrainian (є ї ґ), Belarusian (ў) or Serbian (ђ ћ џ) use.
  if (text.find("ї") != std::string_view::npos || text.find("є") != std::string_view::npos ||
      text.find("ґ") != std::string_view::npos) {
    return "uk";
  }
  if (text.find("ў") != std::string_view::npos) return "be";
  if (text.find("ђ") != std::string_view::npos || text.find("ћ") != std::string_view::npos ||
      text.find("џ") != std::string_view::npos) {
    return "sr";
  }
  return "ru";
}

struct ScriptProfile {
  std::array<size_t, static_cast<size_t>(Script::kCount)> counts{};
  size_t letters = 0;
  Script dominant = Script::kOther;
  double share = 0;
};

ScriptProfile Profile(std::string_view text) {
  ScriptProfile p;
  size_t pos = 0;
  const std::string_view sample = text.substr(0, 64 * 1024);
  while (pos < sample.size()) {
    const char32_t cp = DecodeUtf8(sample, pos);
    const Script s = ScriptOf(cp);
    if (s == Script::kOther) continue;
    ++p.counts[static_cast<size_t>(s)];
    ++p.letters;
  }
  size_t best = 0;
  for (size_t i = 0; i < p.counts.size(); ++i) {
    if (p.counts[i] > best) {
      best = p.counts[i];
      p.dominant = static_cast<Script>(i);
    }
  }
  // Japanese mixes kana with Han: any real share of kana makes it Japanese.
  const size_t kana = p.counts[static_cast<size_t>(Script::kKana)];
  const size_t han = p.counts[static_cast<size_t>(Script::kHan)];
  if (kana * 10 >= p.letters && kana + han >= best) {
    p.dominant = Script::kKana;
    best = kana + han;
  }
  p.share = p.letters == 0 ? 0 : static_cast<double>(best) / static_cast<double>(p.letters);
  return p;
}

// Han, kana and hangul carry about a word per character, so fewer letters
// tell the language as surely as kMinLettersForDetection alphabetic ones.
size_t MinLetters(Script script) {
  const bool syllabic =
      script == Script::kHan || script == Script::kKana || script == Script::kHangul;
  return syllabic ? kMinSyllabicLettersForDetection : kMinLettersForDetection;
}

bool ScriptFits(std::string_view language, Script script) {
  if (ScriptOfLanguage(language) == script) return true;
  // Serbian is written in both scripts; Japanese text may be mostly kanji.
  return (language == "sr" && script == Script::kLatin) ||
         (language == "ja" && script == Script::kHan);
}

}  // namespace

std::string PrimaryLanguageSubtag(std::string_view tag) {
  const std::string_view trimmed = TrimSpace(tag);
  const size_t end = trimmed.find_first_of("-_");
  const std::string primary = ToLowerAscii(trimmed.substr(0, end));
  if (primary.size() < 2 || primary.size() > 3) return {};
  for (const char c : primary) {
    if (c < 'a' || c > 'z') return {};
  }
  return primary;
}

std::string DetectLanguageFromText(std::string_view text) {
  const ScriptProfile p = Profile(text);
  if (p.letters < MinLetters(p.dominant) || p.share < kDominantScriptShare) return {};
  switch (p.dominant) {
    case Script::kLatin:
      return VoteLatin(text);
    case Script::kCyrillic:
      return FromCyrillicLetters(text);
    case Script::kGreek:
      return "el";
    case Script::kArabic:
      return "ar";
    case Script::kHebrew:
      return "he";
    case Script::kHan:
      return "zh";
    case Script::kKana:
      return "ja";
    case Script::kHangul:
      return "ko";
    case Script::kThai:
      return "th";
    case Script::kDevanagari:
      return "hi";
    case Script::kGeorgian:
      return "ka";
    case Script::kArmenian:
      return "hy";
    default:
      return {};
  }
}

std::string ChooseLanguage(const std::vector<std::string>& declared, std::string_view body_text) {
  std::string language;
  for (const std::string& tag : declared) {
    language = PrimaryLanguageSubtag(tag);
    if (!language.empty()) break;
  }
  const ScriptProfile p = Profile(body_text);
  const bool text_is_clear = p.letters >= MinLetters(p.dominant) && p.share >= kDominantScriptShare;
  if (!language.empty() && (!text_is_clear || ScriptFits(language, p.dominant))) return language;
  std::string detected = DetectLanguageFromText(body_text);
  return detected.empty() ? language : detected;
}

}  // namespace newsvault::parser
