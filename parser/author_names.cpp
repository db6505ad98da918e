#include "parser/author_names.h"

#include "parser/text_util.h"
#include "parser/utf8.h"

namespace newsvault::parser {
namespace {

// Lead-ins before the names, compared case-insensitively with a following
// space or colon.
constexpr std::string_view kPrefixes[] = {
    "written by",  "reported by",   "posted by", "story by", "words by", "text by",  "text:",
    "by",          "von",           "par",       "por",      "door",     "av",       "af",
    "från",        "text von",      "autor:",    "autorin:", "author:",  "authors:", "auteur:",
    "tác giả:",    "автор:",        "авторы:",   "автор",    "текст:",   "от",       "bởi",
    "analysis by", "commentary by", "autor",     "penulis:", "penulis",  "بقلم:",    "بقلم",
    "作者：",      "作者:",         "记者：",    "記者：",   "글:"};

// Italian "di" ("di Marco Rossi") only as written, lowercase: capitalised it
// starts surnames ("Di Stefano").
constexpr std::string_view kCaseSensitivePrefixes[] = {"di"};

// Separators between names. Spaces around words matter: "Anderson" keeps its "and".
constexpr std::string_view kWordSeparators[] = {" and ", " und ", " et ",  " y ",  " e ",
                                                " и ",   " en ",  " och ", " og ", " và ",
                                                " & ",   " | ",   " / ",   " · "};

// Role words written after a name with no separator in CJK bylines
// ("김민수 기자": reporter Kim Min-su); stripped, the name is kept.
constexpr std::string_view kTrailingRoles[] = {"기자", "특파원", "记者", "記者", "特派员"};

// Agency and desk abbreviations are written in capitals ("PAP", "TT", "CNN");
// a lone capitalised word this short is one, not a person's name.
constexpr size_t kMaxAcronymBytes = 6;

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
// More desks and agencies, in the languages of the labelled set.
constexpr std::string_view kMoreDesks[] = {
    "redação",        "redazione",      "haber merkezi", "agencia efe", "europa press",
    "agência brasil", "anadolu ajansı", "共同",          "新华社",      "中新社"};
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

bool EndsWithColon(std::string_view prefix) {
  return prefix.ends_with(":") || prefix.ends_with("\uFF1A");  // ASCII or full-width colon
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
      if (!EndsWithColon(prefix) && next != ' ' && next != ':') continue;
      text.remove_prefix(prefix.size());
      while (!text.empty() && (text[0] == ':' || text[0] == ' ')) text.remove_prefix(1);
      changed = true;
      break;
    }
    for (const std::string_view prefix : kCaseSensitivePrefixes) {
      if (text.size() > prefix.size() + 1 && text.starts_with(prefix) &&
          text[prefix.size()] == ' ') {
        text.remove_prefix(prefix.size() + 1);
        changed = true;
      }
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

bool IsAcronym(std::string_view piece) {
  if (piece.size() < 2 || piece.size() > kMaxAcronymBytes) return false;
  for (const char c : piece) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

bool IsCjkCodePoint(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x3040 && cp <= 0x30FF);
}

// True when every word of `piece` is written in CJK characters and there are
// several: Chinese, Japanese and Korean names hold no spaces, so
// "李华 张伟" is two people.
bool IsListOfCjkNames(std::string_view piece) {
  const std::vector<std::string> words = SplitAndTrim(piece, " ");
  if (words.size() < 2) return false;
  for (const std::string& word : words) {
    size_t pos = 0;
    while (pos < word.size()) {
      if (!IsCjkCodePoint(DecodeUtf8(word, pos))) return false;
    }
  }
  return true;
}

// "김민수 기자" -> "김민수".
std::string_view StripTrailingRole(std::string_view piece) {
  for (const std::string_view role : kTrailingRoles) {
    if (piece.size() > role.size() && piece.ends_with(role)) {
      return TrimSpace(piece.substr(0, piece.size() - role.size()));
    }
  }
  return piece;
}

// The pieces a raw list item stands for: "Sara Holm/TT" is a name and an
// agency; "李华 张伟" two names. Links keep their slashes (and are rejected later).
std::vector<std::string> SplitPiece(const std::string& raw) {
  const size_t slash = raw.find('/');
  const size_t word_start = slash == std::string::npos ? 0 : raw.rfind(' ', slash);
  const bool keep_whole = slash == std::string::npos || raw.find("://") != std::string::npos ||
                          raw.find("www.") != std::string::npos ||
                          raw.find('.', word_start == std::string::npos ? 0 : word_start) < slash;
  std::vector<std::string> out;
  for (const std::string& part :
       keep_whole ? std::vector<std::string>{raw} : SplitAndTrim(raw, "/")) {
    const std::string_view name = StripTrailingRole(part);
    if (IsListOfCjkNames(name)) {
      for (const std::string& n : SplitAndTrim(name, " ")) out.push_back(n);
    } else {
      out.emplace_back(name);
    }
  }
  return out;
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
  if (IsAcronym(piece)) return false;
  const std::string lower = NormalizeForCompare(piece);
  for (const std::string_view word : kNotNames) {
    if (lower == word) return false;
  }
  for (const std::string_view word : kMoreDesks) {
    if (lower == word) return false;
  }
  for (const std::string_view word : kRoleWords) {
    if (ContainsWord(lower, word)) return false;
  }
  return true;
}

void AddName(std::vector<std::string>& names, std::string_view piece) {
  while (!piece.empty() && (piece.back() == '.' || piece.back() == ':' || piece.back() == '-')) {
    piece.remove_suffix(1);
  }
  piece = StripTrailingRole(TrimSpace(piece));
  if (LooksLikeName(piece)) MergeNames(names, {std::string(piece)});
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
  for (const std::string& item : SplitAndTrim(text, ",;\n")) {
    for (const std::string& raw : SplitPiece(std::string(StripPrefixes(item)))) {
      AddName(names, raw);
    }
  }
  return names;
}

void DropOrganizationNames(std::vector<std::string>& names,
                           const std::vector<std::string_view>& organizations) {
  std::erase_if(names, [&organizations](const std::string& name) {
    const std::string n = NormalizeForCompare(name);
    for (const std::string_view org : organizations) {
      const std::string o = NormalizeForCompare(org);
      if (!o.empty() && ContainsWord(n, o)) return true;
    }
    return false;
  });
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
