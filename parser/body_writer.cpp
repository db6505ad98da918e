#include "parser/body_writer.h"

#include <algorithm>

#include "parser/images.h"
#include "parser/text_util.h"
#include "parser/url_util.h"

namespace newsvault::parser {
namespace {

enum class Role : uint8_t {
  kTextBlock,  // holds inline text: p, h2-h6, li, figcaption
  kContainer,  // holds blocks: ul, ol, blockquote, figure
  kInline,     // a
};

struct OpenElement {
  NodeId id;
  std::string_view tag;  // the tag written (h1 is written as h2)
  Role role;
  size_t html_start;     // where its start tag begins in the html
  size_t content_start;  // where its content begins
};

bool HasVisibleText(std::string_view text) { return CountTextChars(text) > 0; }

class Writer {
 public:
  Writer(const Document& doc, const BodyCleaner& cleaner, const std::optional<core::Url>& base)
      : doc_(doc), cleaner_(cleaner), base_(base) {}

  void WritePart(NodeId part) {
    part_ = part;
    doc_.Walk(
        part, [this](NodeId id) { return Enter(id); }, [this](NodeId id) { Leave(id); });
    BlockBoundary();
  }

  BodyOutput Finish() && {
    BodyOutput out;
    for (const std::string& block : blocks_) {
      if (!out.text.empty()) out.text += "\n\n";
      out.text += block;
    }
    out.html = std::move(html_);
    out.blocks = std::move(blocks_);
    return out;
  }

 private:
  bool Enter(NodeId id) {
    if (doc_.IsText(id)) {
      Text(doc_.TextOf(id));
      return false;
    }
    if (!doc_.IsElement(id)) return true;
    const std::string_view tag = doc_.Tag(id);
    const bool is_block = doc_.IsBlock(id);
    if (id != part_ ? cleaner_.ShouldDrop(id) : doc_.IsNonRendering(id)) {
      if (is_block) BlockBoundary();
      return false;
    }
    if (tag == "br") {
      if (text_blocks_ > 0) {
        pending_space_ = true;
      } else {
        BlockBoundary();
      }
      return false;
    }
    if (tag == "img") {
      Image(id);
      return false;
    }
    if (is_block) BlockBoundary();
    if (id != part_ && cleaner_.IsCaption(id)) {
      // Written like a <figcaption>: into body_html, out of body_text.
      caption_scopes_.push_back({id, current_.size(), pending_space_});
      ++captions_;
    }
    if (tag == "p" || tag == "pre") {
      Open(id, "p", Role::kTextBlock);
    } else if (tag == "h1") {
      Open(id, "h2", Role::kTextBlock);
    } else if (tag.size() == 2 && tag[0] == 'h' && tag[1] >= '2' && tag[1] <= '6') {
      Open(id, tag, Role::kTextBlock);
    } else if (tag == "li") {
      Open(id, "li", Role::kTextBlock);
    } else if (tag == "ul" || tag == "ol" || tag == "blockquote") {
      Open(id, tag, Role::kContainer);
    } else if (tag == "figure") {
      Open(id, "figure", Role::kContainer);
      ++figures_;
    } else if (tag == "figcaption") {
      Open(id, "figcaption", Role::kTextBlock);
      ++captions_;
    } else if (tag == "a") {
      const std::string href = ResolveUrl(base_, doc_.Attr(id, "href"));
      if (!href.empty() && (figures_ == 0 || captions_ > 0)) {
        EnsureTextContext();
        SpaceBeforeInline();
        const size_t start = html_.size();
        html_ += "<a href=\"";
        AppendHtmlEscaped(html_, href, true);
        html_ += "\">";
        open_.push_back({id, "a", Role::kInline, start, html_.size()});
      }
    }
    return true;
  }

  void Leave(NodeId id) {
    if (!open_.empty() && open_.back().id == id) {
      const OpenElement element = open_.back();
      open_.pop_back();
      if (element.role == Role::kTextBlock) {
        --text_blocks_;
        if (element.tag == "figcaption") {
          --captions_;
          current_.clear();  // captions stay out of body_text
          pending_space_ = false;
        } else {
          FlushText();
        }
      }
      if (element.tag == "figure") --figures_;
      Close(element);
    }
    if (doc_.IsBlock(id)) BlockBoundary();
    if (!caption_scopes_.empty() && caption_scopes_.back().id == id) {
      // An inline caption (a credit <span> in a paragraph) leaves the
      // paragraph's own text as it found it.
      const CaptionScope& scope = caption_scopes_.back();
      if (current_.size() > scope.text_size) {
        current_.resize(scope.text_size);
        pending_space_ = pending_space_ || scope.pending_space;
      }
      caption_scopes_.pop_back();
      --captions_;
    }
  }

  void Open(NodeId id, std::string_view tag, Role role) {
    const size_t start = html_.size();
    html_ += '<';
    html_ += tag;
    html_ += '>';
    open_.push_back({id, tag, role, start, html_.size()});
    if (role == Role::kTextBlock) ++text_blocks_;
  }

  void Close(const OpenElement& element) {
    if (html_.size() == element.content_start) {
      html_.resize(element.html_start);  // nothing inside: leave no empty tag behind
      return;
    }
    html_ += "</";
    html_ += element.tag;
    html_ += '>';
  }

  // Loose text (or a link) straight inside a container gets a <p> of its own.
  void EnsureTextContext() {
    if (text_blocks_ > 0 || implicit_p_) return;
    implicit_start_ = html_.size();
    html_ += "<p>";
    implicit_p_ = true;
  }

  void BlockBoundary() {
    if (implicit_p_) {
      // Close links opened inside the implicit paragraph first.
      while (!open_.empty() && open_.back().role == Role::kInline &&
             open_.back().html_start >= implicit_start_) {
        Close(open_.back());
        open_.pop_back();
      }
      FlushText();
      if (html_.size() == implicit_start_ + 3) {
        html_.resize(implicit_start_);
      } else {
        html_ += "</p>";
      }
      implicit_p_ = false;
    }
    FlushText();
  }

  void FlushText() {
    if (captions_ == 0 && !current_.empty()) blocks_.push_back(current_);
    current_.clear();
    pending_space_ = false;
  }

  void SpaceBeforeInline() {
    if (pending_space_ && !current_.empty()) {
      current_ += ' ';
      html_ += ' ';
    }
    pending_space_ = false;
  }

  void Text(std::string_view text) {
    if (figures_ > 0 && captions_ == 0) return;  // credits and stray text in figures
    if (!HasVisibleText(text)) {
      pending_space_ = pending_space_ || !text.empty();
      return;
    }
    EnsureTextContext();
    const size_t before = current_.size();
    AppendCollapsed(current_, text, pending_space_);
    AppendHtmlEscaped(html_, std::string_view(current_).substr(before), false);
  }

  void Image(NodeId id) {
    const std::string src = ImageSource(doc_, id, base_);
    if (src.empty()) return;
    SpaceBeforeInline();
    html_ += "<img src=\"";
    AppendHtmlEscaped(html_, src, true);
    html_ += "\" alt=\"";
    AppendHtmlEscaped(html_, CollapseWhitespace(doc_.Attr(id, "alt")), true);
    html_ += "\">";
  }

  const Document& doc_;
  const BodyCleaner& cleaner_;
  const std::optional<core::Url>& base_;
  NodeId part_ = kNoNode;
  struct CaptionScope {
    NodeId id;
    size_t text_size;    // current_'s size when the caption began...
    bool pending_space;  // ...and whether a space was due before it
  };

  std::vector<OpenElement> open_;
  std::vector<CaptionScope> caption_scopes_;
  std::string html_;
  std::string current_;
  std::vector<std::string> blocks_;
  bool pending_space_ = false;
  bool implicit_p_ = false;
  size_t implicit_start_ = 0;
  int text_blocks_ = 0;
  int figures_ = 0;
  int captions_ = 0;
};

}  // namespace

BodyOutput WriteBody(const Document& doc, const BodyCleaner& cleaner,
                     const std::vector<NodeId>& parts, const std::optional<core::Url>& base) {
  Writer writer(doc, cleaner, base);
  for (const NodeId part : parts) writer.WritePart(part);
  return std::move(writer).Finish();
}

}  // namespace newsvault::parser
