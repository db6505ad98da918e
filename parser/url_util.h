// ResolveUrl: links and image sources of a page made absolute against the
// page's URL (RFC 3986 §5.2 via core::Url), for the article's fields.
//
// Thread safety: pure function.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/url.h"

namespace newsvault::parser {

// The absolute, normalised form of `reference`, or "" when it cannot be one
// (javascript:, mailto:, data:, a relative reference with no base, garbage).
std::string ResolveUrl(const std::optional<core::Url>& base, std::string_view reference);

}  // namespace newsvault::parser
