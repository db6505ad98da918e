#include "parser/nesting_limiter.h"

#include <vector>

#include "parser/text_util.h"

namespace newsvault::parser {
namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsTagSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool InList(std::string_view name, std::initializer_list<std::string_view> list) {
  for (const std::string_view item : list) {
    if (item == name) return true;
  }
  return false;
}

// Elements that cannot hold children, or that a start tag of the same kind
// implicitly closes (HTML 13.2.6.4.7), so repeating them never deepens the tree.
bool IsUncounted(std::string_view name) {
  return InList(name,
                {"area",     "base",  "br",    "col",    "embed",  "hr",    "img",    "input",
                 "link",     "meta",  "param", "source", "track",  "wbr",   "keygen", "basefont",
                 "bgsound",  "frame", "image", "p",      "li",     "dt",    "dd",     "option",
                 "optgroup", "tr",    "td",    "th",     "thead",  "tbody", "tfoot",  "caption",
                 "colgroup", "rb",    "rt",    "rp",     "rtc",    "a",     "h1",     "h2",
                 "h3",       "h4",    "h5",    "h6",     "button", "html",  "head",   "body"});
}

// Elements whose content is raw text: no tags inside until their end tag.
bool IsRawText(std::string_view name) {
  return InList(name, {"script", "style", "title", "textarea", "xmp", "iframe", "noembed",
                       "noframes", "plaintext"});
}

bool IsForeignRoot(std::string_view name) { return name == "svg" || name == "math"; }

// End of a tag that starts at `pos` (just after its name): skips quoted
// attribute values so a '>' inside them does not end the tag.
size_t FindTagEnd(std::string_view html, size_t pos) {
  while (pos < html.size()) {
    const char c = html[pos];
    if (c == '>') return pos + 1;
    if (c == '=') {
      ++pos;
      while (pos < html.size() && IsTagSpace(html[pos])) ++pos;
      if (pos < html.size() && (html[pos] == '"' || html[pos] == '\'')) {
        const size_t close = html.find(html[pos], pos + 1);
        if (close == std::string_view::npos) return html.size();
        pos = close + 1;
      }
      continue;
    }
    ++pos;
  }
  return html.size();
}

// Where the (max + 1)-th attribute of a start tag begins, or npos when the
// tag has at most `max`. `pos` is just after the tag name, `end` the tag's end.
size_t AttributeCut(std::string_view html, size_t pos, size_t end, size_t max) {
  size_t count = 0;
  while (pos < end) {
    while (pos < end && (IsTagSpace(html[pos]) || html[pos] == '/')) ++pos;
    if (pos >= end || html[pos] == '>') return std::string_view::npos;
    if (count == max) return pos;
    ++count;
    while (pos < end && !IsTagSpace(html[pos]) && html[pos] != '=' && html[pos] != '>' &&
           html[pos] != '/') {
      ++pos;
    }
    while (pos < end && IsTagSpace(html[pos])) ++pos;
    if (pos >= end || html[pos] != '=') continue;
    ++pos;
    while (pos < end && IsTagSpace(html[pos])) ++pos;
    if (pos < end && (html[pos] == '"' || html[pos] == '\'')) {
      const size_t close = html.find(html[pos], pos + 1);
      pos = close == std::string_view::npos ? end : close + 1;
    } else {
      while (pos < end && !IsTagSpace(html[pos]) && html[pos] != '>') ++pos;
    }
  }
  return std::string_view::npos;
}

class Limiter {
 public:
  Limiter(std::string_view html, std::string& storage, size_t max_depth, size_t max_attributes)
      : html_(html), storage_(storage), max_depth_(max_depth), max_attributes_(max_attributes) {}

  std::string_view Run() {
    size_t pos = 0;
    while ((pos = html_.find('<', pos)) != std::string_view::npos) pos = Token(pos);
    if (!dropped_any_) return html_;
    storage_.append(html_.substr(copied_until_));
    return storage_;
  }

 private:
  // Handles the markup starting at `pos` ('<') and returns where to go on.
  size_t Token(size_t pos) {
    const std::string_view rest = html_.substr(pos);
    if (rest.starts_with("<!--")) {
      const size_t end = html_.find("-->", pos + 4);
      return end == std::string_view::npos ? html_.size() : end + 3;
    }
    if (rest.size() > 1 && (rest[1] == '!' || rest[1] == '?')) {
      const size_t end = html_.find('>', pos);
      return end == std::string_view::npos ? html_.size() : end + 1;
    }
    const bool closing = rest.size() > 1 && rest[1] == '/';
    const size_t name_start = pos + (closing ? 2 : 1);
    if (name_start >= html_.size() || !IsAsciiAlpha(html_[name_start])) return pos + 1;
    size_t name_end = name_start;
    while (name_end < html_.size() && !IsTagSpace(html_[name_end]) && html_[name_end] != '/' &&
           html_[name_end] != '>') {
      ++name_end;
    }
    name_ = ToLowerAscii(html_.substr(name_start, name_end - name_start));
    const size_t tag_end = FindTagEnd(html_, name_end);
    if (closing) {
      EndTag(pos, tag_end);
      return tag_end;
    }
    const bool self_closing = tag_end >= 2 && html_[tag_end - 2] == '/';
    // Self-closing syntax only counts in SVG/MathML (HTML 13.2.6.5).
    const bool counted =
        !IsRawText(name_) && !IsUncounted(name_) && !(self_closing && foreign_open_ > 0);
    if (counted && stack_.size() >= max_depth_) {
      ++overflow_;
      Drop(pos, tag_end);
      return tag_end;
    }
    CapAttributes(name_end, tag_end);
    if (IsRawText(name_)) {
      const std::string close = "</" + name_;
      const size_t end = FindIgnoreCase(html_.substr(tag_end), close);
      return end == std::string_view::npos ? html_.size() : tag_end + end;
    }
    if (!counted) return tag_end;
    stack_.push_back(name_);
    if (IsForeignRoot(name_)) ++foreign_open_;
    return tag_end;
  }

  // Drops the attributes of the start tag [name_end, tag_end) past the cap,
  // keeping its closing '>' (if it has one).
  void CapAttributes(size_t name_end, size_t tag_end) {
    // Each attribute takes at least two bytes: shorter tags cannot exceed the cap.
    if (tag_end - name_end <= max_attributes_ * 2) return;
    const size_t cut = AttributeCut(html_, name_end, tag_end, max_attributes_);
    if (cut == std::string_view::npos) return;
    Drop(cut, html_[tag_end - 1] == '>' ? tag_end - 1 : tag_end);
  }

  void EndTag(size_t pos, size_t tag_end) {
    if (IsUncounted(name_)) return;
    if (overflow_ > 0) {
      --overflow_;
      Drop(pos, tag_end);
      return;
    }
    for (size_t i = stack_.size(); i > 0; --i) {
      if (stack_[i - 1] != name_) continue;
      while (stack_.size() >= i) {
        if (IsForeignRoot(stack_.back())) --foreign_open_;
        stack_.pop_back();
      }
      return;
    }
  }

  void Drop(size_t begin, size_t end) {
    if (!dropped_any_) storage_.reserve(html_.size());
    dropped_any_ = true;
    storage_.append(html_.substr(copied_until_, begin - copied_until_));
    copied_until_ = end;
  }

  std::string_view html_;
  std::string& storage_;
  size_t max_depth_;
  size_t max_attributes_;
  std::vector<std::string> stack_;
  std::string name_;
  size_t overflow_ = 0;
  size_t foreign_open_ = 0;
  size_t copied_until_ = 0;
  bool dropped_any_ = false;
};

}  // namespace

std::string_view LimitNesting(std::string_view html, std::string& storage, size_t max_depth,
                              size_t max_attributes) {
  storage.clear();
  return Limiter(html, storage, max_depth, max_attributes).Run();
}

}  // namespace newsvault::parser
