// Language of a page: the declared tag, checked against the text itself.
//
// Declarations come first (html lang, Content-Language, og:locale, JSON-LD),
// reduced to the primary subtag. Templates often keep the site's language
// while the article is in another (a Vietnamese site serving a Russian
// translation), so a declaration is kept only when the body's dominant
// script fits it; otherwise, or with no declaration, the language is read
// from the text: its script, and for Latin-script text a small stop-word vote.
//
// Thread safety: pure functions over constant tables.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsvault::parser {

// The text must have at least this many letters before it may overrule a
// declaration or stand in for one.
inline constexpr size_t kMinLettersForDetection = 200;
// The same for text in Han, kana or hangul, where a character is about a word.
inline constexpr size_t kMinSyllabicLettersForDetection = 60;
// Share of letters the dominant script needs to count as "the" script.
inline constexpr double kDominantScriptShare = 0.6;

// "en-US" -> "en", "pt_BR" -> "pt", "x-default"/garbage -> "".
std::string PrimaryLanguageSubtag(std::string_view tag);

// A language read from the text alone ("ru", "ja", "en"...), or "" when unsure.
std::string DetectLanguageFromText(std::string_view text);

// The first usable declaration in `declared` (in priority order), unless the
// text's script contradicts it; then (or with none) the detected language.
std::string ChooseLanguage(const std::vector<std::string>& declared, std::string_view body_text);

}  // namespace newsvault::parser
