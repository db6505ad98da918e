#include "parser/author_names.h"

#include "parser/text_util.h"

namespace newsvault::parser {
namespace {

// Lead-ins before the names, compared case-insensitively with a following
// space or colon.
constexpr std::string_view kPrefixes[] = {
    "written by", "reported by", "posted by", "story by", "words by", "text by",  "text:",
    "by",         "von",         "par",       "por",      "door",     "av",       "af",
    "från",       "text von",    "autor:",    "autorin:", "author:",  "authors:", "auteur:",
    "tác giả:",   "автор:",      "авторы:",   "автор",    "текст:",   "от",       "bởi"};

// Separators between names. Spaces around words matter: "Anderson" keeps its "and".
constexpr std::string_view kWordSeparators[] = {" and ", " und ", " et ",  " y ",  " e ",
                                                " и ",   " en ",  " och ", " og ", " và ",
                                                " & ",   " | ",   " / ",   " · "};

// Pieces that are agencies, desks or roles rather than people. Compared as
// whole lowercase pieces or as a word inside them.
constexpr std::string_view kNotNames[] = {
    "reuters",   "ap",          "afp",          "dpa",       "associated press",
    "bloomberg", "ani",         "pti",          "ians",      "xinhua",
    "tass",      "ria novosti", "интерфакс",    "efe",       "ansa",
    "kyodo",     "yonhap",      "apa",          "sda",       "kna",
    "epd",       "staff",       "staff writer", "editorial", "editors",
    "redaktion", "redacción",   "rédaction",    "редакция",  "newsroom",
    "news desk", "admin",       "guest"};
constexpr std::string_view kRoleWords[] = {
    "reporter",  "correspondent", "editor",       "writer",    "contributor",
    "columnist", "journalist",    "photographer", "analyst",   "корреспондент",
    "редактор",  "обозреватель",  "journalistin", "redakteur", "redakteurin"};
// Words after which a byline goes on with something else ("By Jane Doe
// Updated 5 minutes ago"): the text is cut there.
constexpr std::string_view kCutWords[] = {"updated",    "published",    "aktualisiert",
                                          "обновлено",  "опубликовано", "cập nhật",
                                          "mis à jour", "actualizado"};

bool IsNameChar(char c) { return c != '(' && c != ')' && c != '[' && c != ']'; }

// Removes "( ... )" and "[ ... ]" asides, nested or not.
std::string DropBracketed(std::string_view text) {
  std::string out;
  int depth = 0;
  for (const char c : text) {
    if (c == '(' || c == '[') {
      ++depth;
      continue;
    }
    if ((c == ')' || c == ']') && depth > 0) {
      --depth;
      continue;
    }
    if (depth == 0 && IsNameChar(c)) out.push_back(c);
  }
  return out;
}

std::string_view StripPrefixes(std::string_view text) {
  for (bool changed = true; changed;) {
    changed = false;
    text = TrimSpace(text);
    // Prefixes are lowercase; the cased letters of the text keep their byte
    // length when lowercased in the scripts ToLowerSimple handles.
    const std::string lower = ToLowerSimple(text.substr(0, 32));
    for (const std::string_view prefix : kPrefixes) {
      if (!lower.starts_with(prefix) || text.size() == prefix.size()) continue;
      const char next = text[prefix.size()];
      if (prefix.back() != ':' && next != ' ' && next != ':') continue;
      text.remove_prefix(prefix.size());
      while (!text.empty() && (text[0] == ':' || text[0] == ' ')) text.remove_prefix(1);
      changed = true;
      break;
    }
  }
  return text;
}

bool ContainsWord(const std::string& lower, std::string_view word) {
  size_t pos = 0;
  while ((pos = lower.find(word, pos)) != std::string::npos) {
    const bool start_ok = pos == 0 || lower[pos - 1] == ' ';
    const size_t end = pos + word.size();
    const bool end_ok = end == lower.size() || lower[end] == ' ';
    if (start_ok && end_ok) return true;
    ++pos;
  }
  return false;
}

bool LooksLikeName(std::string_view piece) {
  if (piece.empty() || piece.size() > kMaxNameBytes) return false;
  if (piece.find("://") != std::string_view::npos || StartsWithIgnoreCase(piece, "www.") ||
      piece.find('@') != std::string_view::npos || piece.find('/') != std::string_view::npos) {
    return false;
  }
  bool has_letter = false;
  for (const char c : piece) {
    if (c >= '0' && c <= '9') return false;
    has_letter = has_letter || (c & 0x80) != 0 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
  if (!has_letter || CountWords(piece) > kMaxNameWords) return false;
  const std::string lower = NormalizeForCompare(piece);
  for (const std::string_view word : kNotNames) {
    if (lower == word) return false;
  }
  for (const std::string_view word : kRoleWords) {
    if (ContainsWord(lower, word)) return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> ParseAuthorNames(std::string_view byline) {
  std::string text = CollapseWhitespace(DropBracketed(byline));
  for (const std::string_view word : kCutWords) {
    const size_t pos = FindIgnoreCase(text, word);
    if (pos != std::string::npos && (pos == 0 || text[pos - 1] == ' ')) text.resize(pos);
  }
  // Separators become commas, so one split handles every list form.
  for (const std::string_view sep : kWordSeparators) {
    for (size_t pos = 0; (pos = FindIgnoreCase(text, sep)) != std::string::npos;) {
      text.replace(pos, sep.size(), ",");
    }
  }
  std::vector<std::string> names;
  for (const std::string& raw : SplitAndTrim(text, ",;\n")) {
    std::string_view piece = StripPrefixes(raw);
    while (!piece.empty() && (piece.back() == '.' || piece.back() == ':' || piece.back() == '-')) {
      piece.remove_suffix(1);
    }
    piece = TrimSpace(piece);
    if (LooksLikeName(piece)) MergeNames(names, {std::string(piece)});
  }
  return names;
}

void MergeNames(std::vector<std::string>& out, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    bool present = false;
    for (const std::string& existing : out) {
      present = present || NormalizeForCompare(existing) == NormalizeForCompare(name);
    }
    if (!present && !name.empty()) out.push_back(name);
  }
}

}  // namespace newsvault::parser
