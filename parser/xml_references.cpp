#include "parser/xml_references.h"

#include <algorithm>
#include <utility>

namespace newsvault::parser {
namespace {

struct NamedReference {
  std::string_view name;
  unsigned code_point;
};

// XML 1.0 §4.6 predefined entities, then the HTML entities feeds use most.
constexpr NamedReference kPredefined[] = {
    {"amp", 38}, {"lt", 60}, {"gt", 62}, {"quot", 34}, {"apos", 39}};
constexpr NamedReference kHtml[] = {
    {"nbsp", 160},   {"mdash", 8212}, {"ndash", 8211}, {"hellip", 8230}, {"lsquo", 8216},
    {"rsquo", 8217}, {"ldquo", 8220}, {"rdquo", 8221}, {"laquo", 171},   {"raquo", 187},
    {"bdquo", 8222}, {"sbquo", 8218}, {"copy", 169},   {"reg", 174},     {"trade", 8482},
    {"euro", 8364},  {"pound", 163},  {"yen", 165},    {"deg", 176},     {"middot", 183},
    {"bull", 8226},  {"times", 215},  {"shy", 173},    {"eacute", 233},  {"egrave", 232},
    {"ecirc", 234},  {"aacute", 225}, {"agrave", 224}, {"acirc", 226},   {"oacute", 243},
    {"ograve", 242}, {"ocirc", 244},  {"uacute", 250}, {"ugrave", 249},  {"iacute", 237},
    {"ntilde", 241}, {"ccedil", 231}, {"auml", 228},   {"ouml", 246},    {"uuml", 252},
    {"Auml", 196},   {"Ouml", 214},   {"Uuml", 220},   {"szlig", 223},   {"Eacute", 201},
    {"aring", 229},  {"oslash", 248}, {"aelig", 230},  {"iexcl", 161},   {"iquest", 191}};

// References longer than this are not references: the '&' is stray.
constexpr size_t kMaxReferenceName = 32;

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == ':';
}
bool IsHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

std::string CharRef(unsigned code_point) { return "&#" + std::to_string(code_point) + ";"; }

class Repairer {
 public:
  Repairer(std::string_view in, size_t max_notes, size_t max_output_bytes)
      : in_(in), max_notes_(max_notes), max_output_bytes_(max_output_bytes) {
    out_.xml.reserve(std::min(max_output_bytes, in.size() + in.size() / 64));
  }

  RepairedXml Run() {
    // Escaping can grow the text (a stray '&' becomes five bytes): stop at
    // the cap, and cut a last copy that went past it.
    while (pos_ < in_.size() && out_.xml.size() < max_output_bytes_) {
      const char c = in_[pos_];
      if (c == '<') {
        CopyMarkup();
      } else if (c == '&') {
        Reference();
      } else {
        // Plain text up to the next markup or reference, in one copy.
        const size_t next = in_.find_first_of("<&", pos_);
        Copy(next == std::string_view::npos ? in_.size() : next);
      }
    }
    if (pos_ < in_.size() || out_.xml.size() > max_output_bytes_) {
      out_.xml.resize(std::min(out_.xml.size(), max_output_bytes_));
      out_.truncated = true;
    }
    return std::move(out_);
  }

 private:
  // Copies a construct whose content is not parsed for references, through
  // its terminator (or to the end when unterminated).
  void CopyThrough(std::string_view terminator) {
    const size_t end = in_.find(terminator, pos_);
    const size_t stop = end == std::string_view::npos ? in_.size() : end + terminator.size();
    Copy(stop);
  }

  void Copy(size_t stop) {
    line_ += static_cast<size_t>(std::count(in_.begin() + static_cast<std::ptrdiff_t>(pos_),
                                            in_.begin() + static_cast<std::ptrdiff_t>(stop), '\n'));
    out_.xml.append(in_.substr(pos_, stop - pos_));
    pos_ = stop;
  }

  void CopyMarkup() {
    const std::string_view rest = in_.substr(pos_);
    if (rest.starts_with("<![CDATA[")) return CopyThrough("]]>");
    if (rest.starts_with("<!--")) return CopyThrough("-->");
    if (rest.starts_with("<?")) return CopyThrough("?>");
    if (rest.starts_with("<!DOCTYPE")) {
      // An internal subset ends with "]" then '>'; otherwise the first '>'.
      const size_t bracket = in_.find('[', pos_);
      const size_t close = in_.find('>', pos_);
      if (bracket != std::string_view::npos && bracket < close) {
        const size_t end = in_.find("]>", bracket);
        return Copy(end == std::string_view::npos ? in_.size() : end + 2);
      }
      return Copy(close == std::string_view::npos ? in_.size() : close + 1);
    }
    out_.xml += '<';
    ++pos_;
  }

  void Reference() {
    size_t i = pos_ + 1;
    if (i < in_.size() && in_[i] == '#') {
      // A well-formed character reference stays as it is.
      ++i;
      const bool hex = i < in_.size() && in_[i] == 'x';
      if (hex) ++i;
      const size_t digits_start = i;
      while (i < in_.size() && i - digits_start <= kMaxReferenceName &&
             (hex ? IsHexDigit(in_[i]) : (in_[i] >= '0' && in_[i] <= '9'))) {
        ++i;
      }
      if (i > digits_start && i < in_.size() && in_[i] == ';') return Copy(i + 1);
      return Stray();
    }
    while (i < in_.size() && i - pos_ <= kMaxReferenceName && IsNameChar(in_[i])) ++i;
    if (i == pos_ + 1 || i >= in_.size() || in_[i] != ';') return Stray();
    const std::string_view name = in_.substr(pos_ + 1, i - pos_ - 1);
    pos_ = i + 1;
    for (const NamedReference& ref : kPredefined) {
      if (ref.name == name) {
        out_.xml += CharRef(ref.code_point);
        return;
      }
    }
    for (const NamedReference& ref : kHtml) {
      if (ref.name == name) {
        out_.xml += CharRef(ref.code_point);
        Note("HTML entity '&" + std::string(name) + ";' read as its character");
        return;
      }
    }
    Note("undeclared entity '&" + std::string(name) + ";' dropped");
  }

  void Stray() {
    out_.xml += "&#38;";
    ++pos_;
    Note("stray '&' escaped");
  }

  void Note(std::string note) {
    ++out_.changes;
    if (out_.notes.size() < max_notes_) {
      out_.notes.push_back("line " + std::to_string(line_) + ": " + std::move(note));
    }
  }

  std::string_view in_;
  size_t max_notes_;
  size_t max_output_bytes_;
  size_t pos_ = 0;
  size_t line_ = 1;
  RepairedXml out_;
};

}  // namespace

RepairedXml RepairXmlReferences(std::string_view xml, size_t max_notes, size_t max_output_bytes) {
  return Repairer(xml, max_notes, max_output_bytes).Run();
}

}  // namespace newsvault::parser
