// CheckXPathSyntax: the libxml2 adapter that validates the XPath 1.0
// expressions of [site.extract] (docs/config.md) at load time, so a typo in
// an override is a config error with file, line and key, not a silently
// ignored rule at crawl time.
//
// Why here and not parser::CheckXPath: DESIGN §5 has config depend on core
// only; linking libxml2 (a system library already in the build) keeps that,
// where linking nv_parser would pull Gumbo and uchardet into config. The
// check is the same libxml2 compile the parser runs, so what loads compiles.
//
// Thread safety: reentrant.
#pragma once

#include <string_view>

#include "core/status.h"

namespace newsvault::config {

// OK, or InvalidArgument whose message is libxml2's reason and position:
// "invalid XPath '//div[': Invalid expression at offset 6". Empty is OK (not set).
core::Status CheckXPathSyntax(std::string_view xpath);

}  // namespace newsvault::config
