#include "parser/nesting_limiter.h"

#include <algorithm>
#include <vector>

#include "core/ascii.h"
#include "parser/html_tag_scanner.h"
#include "parser/raw_text_end.h"
#include "parser/text_util.h"

namespace newsvault::parser {
namespace {

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

// The tags that close a select inside a table (§13.2.6.4.17).
bool IsTablePart(std::string_view name) {
  return InList(name, {"caption", "table", "tbody", "tfoot", "thead", "tr", "td", "th"});
}

// JSON-LD is the one script body metadata extraction reads (page_signals).
// A type written with character references is kept too, rather than decoded.
bool IsJsonLd(const ScannedTag& tag) {
  if (!tag.has_type) return false;
  return tag.type.find('&') != std::string_view::npos ||
         EqualsIgnoreCase(TrimSpace(tag.type), "application/ld+json");
}

// End of the comment that starts at `pos` ("<!--"), per the comment states
// of §13.2.5.43–52: "<!-->" and "<!--->" close at once, and "--!>" closes
// like "-->"; at the end of input the comment runs to the end.
size_t CommentEnd(std::string_view html, size_t pos) {
  size_t at = pos + 4;
  if (html.compare(at, 1, ">") == 0) return at + 1;
  if (html.compare(at, 2, "->") == 0) return at + 2;
  while ((at = html.find("--", at)) != std::string_view::npos) {
    at += 2;
    while (at < html.size() && html[at] == '-') ++at;
    if (html.compare(at, 1, ">") == 0) return at + 1;
    if (html.compare(at, 2, "!>") == 0) return at + 2;
  }
  return html.size();
}

size_t EndAfter(std::string_view html, size_t pos, std::string_view marker) {
  const size_t at = html.find(marker, pos);
  return at == std::string_view::npos ? html.size() : at + marker.size();
}

class Limiter {
 public:
  Limiter(std::string_view html, std::string& storage, const PrescanOptions& options,
          std::vector<size_t>* elided_at)
      : html_(html), storage_(storage), options_(options), elided_at_(elided_at) {}

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
    dropped_before_tag_ = dropped_;
    const std::string_view rest = html_.substr(pos);
    if (rest.starts_with("<!--")) return CommentEnd(html_, pos);
    if (foreign_open_ > 0 && rest.starts_with("<![CDATA[")) return EndAfter(html_, pos, "]]>");
    if (rest.size() > 1 && (rest[1] == '!' || rest[1] == '?')) {
      return EndAfter(html_, pos, ">");  // doctype or bogus comment (§13.2.5.41)
    }
    const bool closing = rest.size() > 1 && rest[1] == '/';
    const size_t name_start = pos + (closing ? 2 : 1);
    if (name_start >= html_.size()) return html_.size();
    if (!core::IsAsciiAlpha(html_[name_start])) {
      if (!closing) return pos + 1;  // a plain '<' in text
      // "</>" is dropped; "</" + anything else opens a bogus comment (§13.2.5.7).
      return html_[name_start] == '>' ? name_start + 1 : EndAfter(html_, pos, ">");
    }
    size_t name_end = name_start;
    while (name_end < html_.size() && !IsHtmlSpace(html_[name_end]) && html_[name_end] != '/' &&
           html_[name_end] != '>') {
      ++name_end;
    }
    name_ = ToLowerAscii(html_.substr(name_start, name_end - name_start));
    const ScannedTag tag = ScanTag(html_, name_end, options_.max_attributes);
    if (TrackInsertionMode(closing)) return tag.end;
    if (closing) {
      EndTag(pos, tag.end, tag.closed && tag.end == name_end + 1);
      return tag.end;
    }
    // Inside <select> the tree builder ignores every raw-text start tag but
    // <script> (and <textarea>, which closes the select first): §13.2.6.4.16.
    // A template's contents have modes of their own (in body for these).
    const bool raw = IsRawText(name_) && (!in_select_ || templates_open_ > 0 || name_ == "script");
    // Self-closing syntax only counts in SVG/MathML (HTML 13.2.6.5).
    const bool counted =
        !IsRawText(name_) && !IsUncounted(name_) && !(tag.self_closing && foreign_open_ > 0);
    if (counted && stack_.size() >= options_.max_depth) {
      ++overflow_;
      Drop(pos, tag.end);
      return tag.end;
    }
    if (tag.excess_attributes_begin != std::string_view::npos) {
      // Keep the tag's closing '>' (if it has one).
      Drop(tag.excess_attributes_begin, tag.closed ? tag.end - 1 : tag.end);
    }
    if (raw) return RawTextBody(tag, pos);
    if (!counted) return tag.end;
    stack_.push_back(name_);
    if (IsForeignRoot(name_)) ++foreign_open_;
    return tag.end;
  }

  // Follows, roughly, the tree builder's modes that change how raw-text
  // start tags are treated: "in select" (§13.2.6.4.16), "in select in
  // table" (§13.2.6.4.17), templates and the frameset modes. Elision is off
  // in all of them; the prescan fuzzer checks the rest agrees with Gumbo.
  // Returns true when the tag only closed the select (a <select> inside a
  // select acts as "</select>", §13.2.6.4.16): nothing more to do with it.
  bool TrackInsertionMode(bool closing) {
    if (foreign_open_ > 0) return false;
    if (name_ == "template") {
      if (!closing) {
        ++templates_open_;
      } else if (templates_open_ > 0) {
        --templates_open_;
      }
      return false;
    }
    if (templates_open_ > 0) return false;  // contents with their own modes; nothing elided
    if (!closing && name_ == "frameset") {
      in_frameset_ = true;
      return false;
    }
    if (in_select_) {
      // <select>, </select>, <input>, <keygen>, <textarea> close a select; in
      // a table so do table parts (start or end tags), which then go on to
      // the table. Every other tag inside a select is ignored or inert.
      // (An end tag of a table part only when that element is open: "in
      // table scope", §13.2.6.4.17.)
      const bool closes =
          name_ == "select" ||
          (!closing && (name_ == "input" || name_ == "keygen" || name_ == "textarea")) ||
          (select_in_table_ && IsTablePart(name_) && (!closing || IsOpen(name_)));
      if (!closes) return false;
      in_select_ = false;
      PopThrough("select");
      if (name_ == "select") return true;
    } else if (!closing && name_ == "select") {
      in_select_ = true;
      select_in_table_ = tables_open_ > 0;
      return false;
    }
    if (name_ == "table") {
      if (!closing) {
        ++tables_open_;
      } else if (tables_open_ > 0) {
        --tables_open_;
      }
    }
    return false;
  }

  // Skips (or, for scripts and styles, elides) the text of the raw-text
  // element name_ whose start tag is `tag`; returns where its end tag starts.
  size_t RawTextBody(const ScannedTag& tag, size_t tag_pos) {
    if (!tag.closed) return tag.end;
    size_t end = html_.size();
    if (name_ == "plaintext") return end;  // §13.2.5.5: never leaves PLAINTEXT
    end = name_ == "script" ? FindScriptDataEnd(html_, tag.end)
                            : FindRawTextEnd(html_, tag.end, name_);
    // Only where the tree builder's mode is plain: not in foreign content
    // (where <style> holds markup), a select, a template (whose modes nest
    // and differ) or after a <frameset> (whose modes ignore both tags but
    // not the markup inside).
    const bool plain_mode =
        foreign_open_ == 0 && !in_select_ && templates_open_ == 0 && !in_frameset_;
    const bool elide = options_.elide_scripts_and_styles && plain_mode &&
                       (name_ == "style" || (name_ == "script" && !IsJsonLd(tag)));
    if (elide && end > tag.end) {
      // Where the start tag sits in the output: nothing before it in the
      // tag was dropped (a cut of excess attributes comes after its '<').
      if (elided_at_ != nullptr) elided_at_->push_back(tag_pos - dropped_before_tag_);
      Drop(tag.end, end);
    }
    return end;
  }

  // `bare`: the end tag is exactly "</name>".
  void EndTag(size_t pos, size_t tag_end, bool bare) {
    if (IsUncounted(name_) || IsRawText(name_)) return;
    if (overflow_ > 0) {
      --overflow_;
      Drop(pos, tag_end);
      return;
    }
    // Gumbo (0.10) leaves an <svg> or <math> open on "</svg >" or "</svg/>":
    // stay in foreign content then too, which only means eliding less.
    if (IsForeignRoot(name_) && !bare) return;
    PopThrough(name_);
  }

  bool IsOpen(std::string_view name) const {
    return std::find(stack_.begin(), stack_.end(), name) != stack_.end();
  }

  // Pops the open elements down to and including the innermost `name`, if
  // one is open.
  void PopThrough(std::string_view name) {
    for (size_t i = stack_.size(); i > 0; --i) {
      if (stack_[i - 1] != name) continue;
      while (stack_.size() >= i) {
        if (IsForeignRoot(stack_.back())) --foreign_open_;
        stack_.pop_back();
      }
      return;
    }
  }

  void Drop(size_t begin, size_t end) {
    dropped_ += end - begin;
    if (!dropped_any_) storage_.reserve(html_.size());
    dropped_any_ = true;
    storage_.append(html_.substr(copied_until_, begin - copied_until_));
    copied_until_ = end;
  }

  std::string_view html_;
  std::string& storage_;
  const PrescanOptions& options_;
  std::vector<size_t>* elided_at_;
  size_t dropped_ = 0;             // bytes left out of the output so far
  size_t dropped_before_tag_ = 0;  // ... before the tag being read
  std::vector<std::string> stack_;
  std::string name_;
  size_t overflow_ = 0;
  size_t foreign_open_ = 0;
  bool in_select_ = false;
  bool select_in_table_ = false;
  bool in_frameset_ = false;
  size_t templates_open_ = 0;
  size_t tables_open_ = 0;
  size_t copied_until_ = 0;
  bool dropped_any_ = false;
};

}  // namespace

std::string_view PrescanForGumbo(std::string_view html, std::string& storage,
                                 const PrescanOptions& options, std::vector<size_t>* elided_at) {
  storage.clear();
  if (elided_at != nullptr) elided_at->clear();
  return Limiter(html, storage, options, elided_at).Run();
}

std::string_view LimitNesting(std::string_view html, std::string& storage, size_t max_depth,
                              size_t max_attributes) {
  return PrescanForGumbo(html, storage, {.max_depth = max_depth, .max_attributes = max_attributes});
}

}  // namespace newsvault::parser
