#include "storage/crawl_store.h"

#include "core/url.h"

namespace newsvault::storage {

std::string_view FrontierKindName(FrontierKind kind) {
  switch (kind) {
    case FrontierKind::kPage:
      return "page";
    case FrontierKind::kFeed:
      return "feed";
    case FrontierKind::kSitemap:
      return "sitemap";
    case FrontierKind::kRevisit:
      return "revisit";
  }
  return "page";
}

core::Result<std::string> OriginOf(std::string_view url) {
  auto parsed = core::Url::Parse(url);
  if (!parsed.ok()) {
    return core::Status::InvalidArgument("no origin for URL '" + std::string(url) +
                                         "': " + parsed.error().message());
  }
  // Url lowercases scheme and host and drops the scheme's default port.
  return parsed->scheme() + "://" + parsed->Authority();
}

}  // namespace newsvault::storage
