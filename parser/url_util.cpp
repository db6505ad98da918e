#include "parser/url_util.h"

#include "parser/text_util.h"

namespace newsvault::parser {

std::string ResolveUrl(const std::optional<core::Url>& base, std::string_view reference) {
  const std::string_view ref = TrimSpace(reference);
  if (ref.empty() || ref.starts_with('#')) return {};
  for (const std::string_view scheme : {"javascript:", "mailto:", "tel:", "data:", "about:"}) {
    if (StartsWithIgnoreCase(ref, scheme)) return {};
  }
  if (base.has_value()) {
    auto resolved = base->Resolve(ref);
    return resolved.ok() ? resolved->Normalized() : std::string();
  }
  auto parsed = core::Url::Parse(ref);
  return parsed.ok() ? parsed->Normalized() : std::string();
}

}  // namespace newsvault::parser
