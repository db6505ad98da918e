#include "core/url_canonicalizer.h"

#include <algorithm>
#include <utility>

#include "core/ascii.h"
#include "core/url.h"

namespace newsvault::core {
namespace {

// A "name=value" piece of a query or path parameter; no '=' means no value.
struct Param {
  std::string_view name;
  std::string_view value;
};

Param SplitParam(std::string_view piece) {
  const size_t eq = piece.find('=');
  if (eq == std::string_view::npos) return {piece, {}};
  return {piece.substr(0, eq), piece.substr(eq + 1)};
}

bool MatchesName(std::string_view name, const std::vector<std::string>& names) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return EqualsIgnoreCase(name, n); });
}

bool MatchesPrefix(std::string_view name, const std::vector<std::string>& prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) {
    return !p.empty() && StartsWithIgnoreCase(name, p);
  });
}

bool IsSessionParam(const Param& p, const CanonicalizeOptions& options) {
  if (!MatchesName(p.name, options.session_params) &&
      !MatchesPrefix(p.name, options.session_param_prefixes)) {
    return false;
  }
  return !p.value.empty() && p.value.size() >= options.min_session_id_length;
}

bool IsTrackingParam(const Param& p, const CanonicalizeOptions& options) {
  return MatchesName(p.name, options.strip_params) ||
         MatchesPrefix(p.name, options.strip_param_prefixes);
}

// Pieces of `s` between `separator`s, empty pieces included.
std::vector<std::string_view> Split(std::string_view s, char separator) {
  std::vector<std::string_view> out;
  while (true) {
    const size_t pos = s.find(separator);
    out.push_back(s.substr(0, pos));
    if (pos == std::string_view::npos) return out;
    s.remove_prefix(pos + 1);
  }
}

// Drops session-id path parameters: "/a/page.jsp;jsessionid=ABC" -> "/a/page.jsp".
// RFC 3986 §3.3 leaves ';' parameters to the scheme; servlet containers
// (Servlet spec "URL rewriting") put the session there when cookies are off.
std::string StripPathSessionParams(std::string_view path, const CanonicalizeOptions& options) {
  if (path.find(';') == std::string_view::npos) return std::string(path);
  std::string out;
  out.reserve(path.size());
  bool first_segment = true;
  for (std::string_view segment : Split(path, '/')) {
    if (!first_segment) out.push_back('/');
    first_segment = false;
    bool first_piece = true;
    for (std::string_view piece : Split(segment, ';')) {
      // The first piece is the segment itself, never a parameter.
      if (!first_piece && IsSessionParam(SplitParam(piece), options)) continue;
      if (!first_piece) out.push_back(';');
      first_piece = false;
      out.append(piece);
    }
  }
  return out;
}

std::string CleanQuery(std::string_view query, const CanonicalizeOptions& options) {
  std::vector<std::string_view> kept;
  for (std::string_view piece : Split(query, '&')) {
    const Param p = SplitParam(piece);
    if (IsTrackingParam(p, options) || IsSessionParam(p, options)) continue;
    kept.push_back(piece);
  }
  if (options.sort_query) {
    std::stable_sort(kept.begin(), kept.end(), [](std::string_view a, std::string_view b) {
      const Param pa = SplitParam(a);
      const Param pb = SplitParam(b);
      return std::pair(pa.name, pa.value) < std::pair(pb.name, pb.value);
    });
  }
  std::string out;
  out.reserve(query.size());
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i > 0) out.push_back('&');
    out.append(kept[i]);
  }
  return out;
}

}  // namespace

Result<std::string> Canonicalize(std::string_view url, const CanonicalizeOptions& options) {
  ASSIGN_OR_RETURN(const Url parsed, Url::Parse(url));
  const std::string normalized = parsed.Normalized();
  // Normalized() is "scheme://authority/path[?query]": the path starts at the
  // first '/' after "://" and the query at the first '?' after that.
  const size_t path_begin = normalized.find('/', parsed.scheme().size() + 3);
  if (path_begin == std::string::npos) return normalized;  // unreachable: path is at least "/"
  const size_t query_begin = normalized.find('?', path_begin);
  const std::string_view text = normalized;

  std::string out(text.substr(0, path_begin));
  out += StripPathSessionParams(text.substr(path_begin, query_begin - path_begin), options);
  if (query_begin != std::string::npos) {
    const std::string query = CleanQuery(text.substr(query_begin + 1), options);
    if (!query.empty()) {
      out.push_back('?');
      out += query;
    }
  }
  return out;
}

bool IsFetchableScheme(std::string_view scheme) {
  return EqualsIgnoreCase(scheme, "http") || EqualsIgnoreCase(scheme, "https");
}

}  // namespace newsvault::core
