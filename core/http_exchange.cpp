#include "core/http_exchange.h"

#include "core/ascii.h"
#include "core/url.h"

namespace newsvault::core {

std::string_view TruncationName(Truncation t) {
  // WARC 1.1 §5.13 WARC-Truncated values.
  switch (t) {
    case Truncation::kNone:
      return "";
    case Truncation::kLength:
      return "length";
    case Truncation::kTime:
      return "time";
    case Truncation::kDisconnect:
      return "disconnect";
    case Truncation::kUnspecified:
      return "unspecified";
  }
  return "unspecified";
}

Truncation TruncationFromName(std::string_view name) {
  name = TrimAsciiSpace(name);
  if (name.empty()) return Truncation::kNone;
  if (EqualsIgnoreCase(name, "length")) return Truncation::kLength;
  if (EqualsIgnoreCase(name, "time")) return Truncation::kTime;
  if (EqualsIgnoreCase(name, "disconnect")) return Truncation::kDisconnect;
  // WARC 1.1 §5.13: any other reason is reported as "unspecified".
  return Truncation::kUnspecified;
}

std::optional<std::string_view> HttpExchange::Header(std::string_view name) const {
  for (const HttpHeader& h : headers) {
    if (EqualsIgnoreCase(h.name, name)) return std::string_view(h.value);
  }
  return std::nullopt;
}

std::optional<std::string> HttpExchange::RedirectTarget() const {
  if (!IsRedirect()) return std::nullopt;
  std::optional<std::string_view> location = Header("Location");
  if (!location || TrimAsciiSpace(*location).empty()) return std::nullopt;
  // RFC 9110 §10.2.2: Location is a URI reference, relative to the request URL.
  Result<Url> base = Url::Parse(url);
  Result<Url> target = base.ok() ? base->Resolve(*location) : Url::Parse(*location);
  if (!target.ok()) return std::nullopt;
  return target->Normalized();
}

}  // namespace newsvault::core
