#include "parser/link_extractor.h"

#include <optional>
#include <unordered_map>
#include <utility>

#include "core/url.h"
#include "parser/gumbo_document.h"
#include "parser/text_util.h"
#include "parser/utf8.h"

namespace newsvault::parser {
namespace {

// RSS 2.0 and Atom, the feed formats the crawler reads (RSS Advisory Board
// "RSS Autodiscovery"; RFC 4287 for Atom). JSON Feed is not read, so not found.
constexpr std::string_view kFeedTypes[] = {"application/rss+xml", "application/atom+xml"};

// Bytes of text fetched from a subtree before capping to kMaxLinkTextChars
// code points: enough for 200 four-byte characters plus collapsed spaces.
constexpr size_t kTextScanBytes = kMaxLinkTextChars * 4 + 64;

bool IsAsciiWhite(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// HTML "set of space-separated tokens", ASCII-lowercased and joined by one space.
std::string NormalizeRel(std::string_view rel) {
  std::string out;
  size_t i = 0;
  while (i < rel.size()) {
    while (i < rel.size() && IsAsciiWhite(rel[i])) ++i;
    const size_t begin = i;
    while (i < rel.size() && !IsAsciiWhite(rel[i])) ++i;
    if (i == begin) break;
    if (!out.empty()) out.push_back(' ');
    out += ToLowerAscii(rel.substr(begin, i - begin));
  }
  return out;
}

// True when the normalised rel list contains `token`.
bool HasToken(std::string_view rel, std::string_view token) {
  while (!rel.empty()) {
    const size_t space = rel.find(' ');
    if (rel.substr(0, space) == token) return true;
    if (space == std::string_view::npos) break;
    rel.remove_prefix(space + 1);
  }
  return false;
}

// "application/rss+xml; charset=utf-8" is a feed type too.
bool IsFeedType(std::string_view type) {
  const std::string essence = ToLowerAscii(TrimSpace(type.substr(0, type.find(';'))));
  for (std::string_view feed : kFeedTypes) {
    if (essence == feed) return true;
  }
  return false;
}

// Collapsed, trimmed and cut at kMaxLinkTextChars code points.
std::string CapText(std::string_view raw) {
  std::string text = CollapseWhitespace(raw);
  size_t pos = 0;
  size_t chars = 0;
  while (pos < text.size() && chars < kMaxLinkTextChars) {
    DecodeUtf8(text, pos);
    ++chars;
  }
  text.resize(pos);
  // A cut may leave a space at the end.
  text.resize(TrimSpace(text).size());
  return text;
}

// Text of an anchor; for image links, the image's alt, then the title.
std::string AnchorText(const Document& doc, NodeId anchor) {
  std::string text = CapText(doc.Text(anchor, kTextScanBytes));
  if (!text.empty()) return text;
  for (NodeId id = doc.Next(anchor, anchor); id != kNoNode; id = doc.Next(id, anchor)) {
    if (doc.IsTag(id, "img")) {
      text = CapText(doc.Attr(id, "alt"));
      if (!text.empty()) return text;
    }
  }
  return CapText(doc.Attr(anchor, "title"));
}

// <meta name=robots content="noindex, nofollow"> (or "none") asks robots not
// to follow any link of the page (robots meta tag, as search engines define it).
bool RobotsMetaSaysNofollow(const Document& doc, NodeId meta) {
  if (!EqualsIgnoreCase(TrimSpace(doc.Attr(meta, "name")), "robots")) return false;
  for (const std::string& directive : SplitAndTrim(doc.Attr(meta, "content"), ",")) {
    if (EqualsIgnoreCase(directive, "nofollow") || EqualsIgnoreCase(directive, "none")) {
      return true;
    }
  }
  return false;
}

// Page-wide facts read before the links: the base URL and the robots meta tag.
struct PageContext {
  std::optional<core::Url> base;
  bool nofollow = false;
};

PageContext ReadPageContext(const Document& doc, std::string_view page_url) {
  PageContext ctx;
  auto page = core::Url::Parse(page_url);
  if (page.ok()) ctx.base = *page;
  bool have_base = false;
  for (NodeId id = 0; id < doc.size(); ++id) {
    if (!doc.IsElement(id)) continue;
    // HTML: the document base URL comes from the first <base> with an href,
    // resolved against the document's own URL.
    if (!have_base && doc.Tag(id) == "base" && doc.HasAttr(id, "href")) {
      have_base = true;
      const std::string_view href = TrimSpace(doc.Attr(id, "href"));
      auto base = ctx.base ? ctx.base->Resolve(href) : core::Url::Parse(href);
      if (base.ok()) ctx.base = *std::move(base);
    } else if (doc.Tag(id) == "meta" && RobotsMetaSaysNofollow(doc, id)) {
      ctx.nofollow = true;
    }
  }
  return ctx;
}

class LinkCollector {
 public:
  explicit LinkCollector(std::optional<core::Url> base) : base_(std::move(base)) {}

  bool full() const { return links_.size() >= kMaxLinksPerPage; }

  // `text()` makes the link's text; it runs only when the text is needed.
  template <typename TextFn>
  void Add(std::string_view href, LinkKind kind, std::string rel, TextFn&& text) {
    std::optional<std::string> url = Resolve(href);
    if (!url) return;
    const bool nofollow = HasToken(rel, "nofollow");
    auto [it, inserted] = index_.try_emplace(*url, links_.size());
    if (!inserted) {
      Link& first = links_[it->second];
      first.nofollow = first.nofollow && nofollow;
      if (first.text.empty()) first.text = text();
      return;
    }
    links_.push_back(Link{std::move(*url), text(), std::move(rel), kind, nofollow});
  }

  std::vector<Link> Take() && { return std::move(links_); }

 private:
  std::optional<std::string> Resolve(std::string_view href) const {
    href = TrimSpace(href);
    // An empty reference is the page itself; "#x" a place in it.
    if (href.empty() || href.front() == '#' || href.size() > kMaxLinkUrlBytes) return {};
    // Url accepts only http(s): mailto:, javascript:, tel:, data: fail here.
    auto url = base_ ? base_->Resolve(href) : core::Url::Parse(href);
    if (!url.ok()) return {};
    return url->Normalized();
  }

  std::optional<core::Url> base_;
  std::vector<Link> links_;
  std::unordered_map<std::string, size_t> index_;
};

}  // namespace

std::string_view LinkKindName(LinkKind kind) {
  switch (kind) {
    case LinkKind::kAnchor:
      return "anchor";
    case LinkKind::kFeed:
      return "feed";
    case LinkKind::kCanonical:
      return "canonical";
    case LinkKind::kPagination:
      return "pagination";
  }
  return "anchor";
}

std::vector<Link> ExtractLinks(const Document& doc, std::string_view page_url) {
  if (doc.size() == 0) return {};
  const PageContext ctx = ReadPageContext(doc, page_url);
  LinkCollector links(ctx.base);
  NodeId id = doc.root();
  while (id != kNoNode && !links.full()) {
    bool skip_children = false;
    if (doc.IsElement(id)) {
      const std::string_view tag = doc.Tag(id);
      if (tag == "template") {
        skip_children = true;  // template contents are inert until a script clones them
      } else if ((tag == "a" || tag == "area") && doc.HasAttr(id, "href")) {
        links.Add(doc.Attr(id, "href"), LinkKind::kAnchor, NormalizeRel(doc.Attr(id, "rel")),
                  [&] { return tag == "a" ? AnchorText(doc, id) : CapText(doc.Attr(id, "alt")); });
      } else if (tag == "link" && doc.HasAttr(id, "href")) {
        std::string rel = NormalizeRel(doc.Attr(id, "rel"));
        std::optional<LinkKind> kind;
        if (HasToken(rel, "alternate") && IsFeedType(doc.Attr(id, "type"))) {
          kind = LinkKind::kFeed;
        } else if (HasToken(rel, "canonical")) {
          kind = LinkKind::kCanonical;
        } else if (HasToken(rel, "next") || HasToken(rel, "prev") || HasToken(rel, "previous")) {
          kind = LinkKind::kPagination;
        }
        if (kind) {
          links.Add(doc.Attr(id, "href"), *kind, std::move(rel),
                    [&] { return CapText(doc.Attr(id, "title")); });
        }
      }
    }
    id = doc.Next(id, doc.root(), skip_children);
  }
  std::vector<Link> out = std::move(links).Take();
  if (ctx.nofollow) {
    for (Link& link : out) link.nofollow = true;
  }
  return out;
}

std::vector<Link> ExtractLinks(const LinkExtractInput& input) {
  return ExtractLinks(ParseHtml(input.html_utf8), input.page_url);
}

}  // namespace newsvault::parser
