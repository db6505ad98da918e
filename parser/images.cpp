#include "parser/images.h"

#include <charconv>

#include "parser/text_util.h"
#include "parser/url_util.h"

namespace newsvault::parser {
namespace {

bool TooSmall(const Document& doc, NodeId img) {
  for (const std::string_view attr : {"width", "height"}) {
    const std::string_view value = doc.Attr(img, attr);
    int pixels = 0;
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), pixels);
    if (ec == std::errc() && ptr != value.data() && pixels < kMinImageSide) return true;
  }
  return false;
}

// First URL of a srcset ("a.jpg 480w, b.jpg 800w" -> "a.jpg").
std::string_view FirstSrcsetUrl(std::string_view srcset) {
  srcset = TrimSpace(srcset);
  const size_t end = srcset.find_first_of(" ,\t\n");
  return srcset.substr(0, end);
}

}  // namespace

std::string ImageSource(const Document& doc, NodeId img, const std::optional<core::Url>& base) {
  if (TooSmall(doc, img)) return {};
  std::string_view src = doc.Attr(img, "src");
  if (TrimSpace(src).empty() || StartsWithIgnoreCase(TrimSpace(src), "data:")) {
    src = {};
    for (const std::string_view attr : {"data-src", "data-original", "data-lazy-src", "data-url"}) {
      if (!doc.Attr(img, attr).empty()) {
        src = doc.Attr(img, attr);
        break;
      }
    }
    if (src.empty()) src = FirstSrcsetUrl(doc.Attr(img, "data-srcset"));
    if (src.empty()) src = FirstSrcsetUrl(doc.Attr(img, "srcset"));
  }
  return ResolveUrl(base, src);
}

std::vector<core::ArticleImage> CollectImages(const Document& doc, NodeId scope,
                                              const std::vector<uint8_t>& excluded,
                                              const std::optional<core::Url>& base) {
  std::vector<core::ArticleImage> images;
  doc.Walk(
      scope,
      [&](NodeId id) {
        if (!doc.IsElement(id) || excluded[id] || images.size() >= kMaxImages) return false;
        if (!doc.IsTag(id, "img")) return true;
        core::ArticleImage image;
        image.src = ImageSource(doc, id, base);
        if (image.src.empty()) return false;
        for (const core::ArticleImage& seen : images) {
          if (seen.src == image.src) return false;
        }
        image.alt = CollapseWhitespace(doc.Attr(id, "alt"));
        if (const NodeId figure = doc.ClosestTag(id, "figure", scope); figure != kNoNode) {
          for (NodeId c = doc.Next(figure, figure); c != kNoNode; c = doc.Next(c, figure)) {
            if (doc.IsTag(c, "figcaption")) {
              image.caption = doc.Text(c);
              break;
            }
          }
        }
        images.push_back(std::move(image));
        return false;
      },
      [](NodeId) {});
  return images;
}

}  // namespace newsvault::parser
