#include "parser/meta_prescan.h"

#include <optional>
#include <string>
#include <vector>

#include "parser/encoding_labels.h"
#include "parser/text_util.h"

namespace newsvault::parser {
namespace {

bool IsPrescanSpace(char c) { return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

struct Attribute {
  std::string name;
  std::string value;
};

// HTML 13.2.3.2 "get an attribute". nullopt when there is none (or the input ends).
std::optional<Attribute> GetAttribute(std::string_view data, size_t& pos) {
  while (pos < data.size() && (IsPrescanSpace(data[pos]) || data[pos] == '/')) ++pos;
  if (pos >= data.size() || data[pos] == '>') return std::nullopt;
  Attribute attr;
  // Name.
  for (;;) {
    if (pos >= data.size()) return std::nullopt;
    const char c = data[pos];
    if (c == '=' && !attr.name.empty()) {
      ++pos;
      break;
    }
    if (IsPrescanSpace(c)) {
      while (pos < data.size() && IsPrescanSpace(data[pos])) ++pos;
      if (pos >= data.size()) return std::nullopt;
      if (data[pos] != '=') return attr;
      ++pos;
      break;
    }
    if (c == '/' || c == '>') return attr;
    attr.name.push_back(Lower(c));
    ++pos;
  }
  // Value.
  while (pos < data.size() && IsPrescanSpace(data[pos])) ++pos;
  if (pos >= data.size()) return std::nullopt;
  const char first = data[pos];
  if (first == '"' || first == '\'') {
    ++pos;
    while (pos < data.size() && data[pos] != first) attr.value.push_back(Lower(data[pos++]));
    if (pos >= data.size()) return std::nullopt;
    ++pos;
    return attr;
  }
  if (first == '>') return attr;
  while (pos < data.size() && !IsPrescanSpace(data[pos]) && data[pos] != '>') {
    attr.value.push_back(Lower(data[pos++]));
  }
  if (pos >= data.size()) return std::nullopt;
  return attr;
}

// Handles one <meta ...> whose attributes start at `pos`; returns the
// declared encoding, or empty.
std::string_view ProcessMeta(std::string_view data, size_t& pos) {
  std::vector<std::string> seen;
  bool got_pragma = false;
  std::optional<bool> need_pragma;
  std::string charset;
  while (auto attr = GetAttribute(data, pos)) {
    bool duplicate = false;
    for (const std::string& name : seen) duplicate = duplicate || name == attr->name;
    if (duplicate) continue;
    seen.push_back(attr->name);
    if (attr->name == "http-equiv") {
      got_pragma = got_pragma || attr->value == "content-type";
    } else if (attr->name == "content" && charset.empty()) {
      const std::string_view found = ExtractCharsetParameter(attr->value);
      if (!found.empty()) {
        charset = std::string(found);
        need_pragma = true;
      }
    } else if (attr->name == "charset") {
      charset = attr->value;
      need_pragma = false;
    }
  }
  if (!need_pragma.has_value() || (*need_pragma && !got_pragma) || charset.empty()) return {};
  const std::string_view encoding = CanonicalEncoding(charset);
  if (encoding == "UTF-16LE" || encoding == "UTF-16BE") return "UTF-8";
  if (encoding == "x-user-defined") return "windows-1252";
  return encoding;
}

}  // namespace

std::string_view ExtractCharsetParameter(std::string_view content) {
  size_t pos = 0;
  for (;;) {
    const size_t found = FindIgnoreCase(content.substr(pos), "charset");
    if (found == std::string_view::npos) return {};
    pos += found + 7;
    while (pos < content.size() && IsPrescanSpace(content[pos])) ++pos;
    if (pos >= content.size() || content[pos] != '=') continue;
    ++pos;
    while (pos < content.size() && IsPrescanSpace(content[pos])) ++pos;
    if (pos >= content.size()) return {};
    const char quote = content[pos];
    if (quote == '"' || quote == '\'') {
      const size_t close = content.find(quote, pos + 1);
      if (close == std::string_view::npos) return {};
      return content.substr(pos + 1, close - pos - 1);
    }
    size_t end = pos;
    while (end < content.size() && !IsPrescanSpace(content[end]) && content[end] != ';') ++end;
    return content.substr(pos, end - pos);
  }
}

std::string_view PrescanForCharset(std::string_view bytes) {
  const std::string_view data = bytes.substr(0, kPrescanBytes);
  size_t pos = 0;
  while (pos < data.size()) {
    const std::string_view rest = data.substr(pos);
    if (rest.starts_with("<!--")) {
      const size_t end = data.find("-->", pos + 2);
      if (end == std::string_view::npos) return {};
      pos = end + 3;
      continue;
    }
    if (StartsWithIgnoreCase(rest, "<meta") && rest.size() > 5 &&
        (IsPrescanSpace(rest[5]) || rest[5] == '/')) {
      pos += 6;
      const std::string_view encoding = ProcessMeta(data, pos);
      if (!encoding.empty()) return encoding;
      ++pos;
      continue;
    }
    if (rest.size() > 1 && rest[0] == '<' &&
        (IsAsciiAlpha(rest[1]) || (rest[1] == '/' && rest.size() > 2 && IsAsciiAlpha(rest[2])))) {
      // Another tag: skip its name, then its attributes (a '>' inside a
      // quoted value must not end it).
      while (pos < data.size() && !IsPrescanSpace(data[pos]) && data[pos] != '>') ++pos;
      while (GetAttribute(data, pos)) {
      }
      ++pos;
      continue;
    }
    if (rest.size() > 1 && rest[0] == '<' && (rest[1] == '!' || rest[1] == '/' || rest[1] == '?')) {
      const size_t end = data.find('>', pos);
      if (end == std::string_view::npos) return {};
      pos = end + 1;
      continue;
    }
    ++pos;
  }
  return {};
}

}  // namespace newsvault::parser
