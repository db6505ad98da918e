#include "core/url.h"

#include <optional>
#include <vector>

#include "core/ascii.h"

namespace newsvault::core {
namespace {

uint16_t DefaultPort(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

bool IsHttpScheme(std::string_view s) { return s == "http" || s == "https"; }

// WHATWG URL "basic URL parser" preprocessing: strip leading/trailing C0
// controls and spaces, drop tabs and newlines anywhere, and (http(s) being
// "special" schemes) read '\' as '/' before the query.
std::string Preprocess(std::string_view text) {
  while (!text.empty() && static_cast<unsigned char>(text.front()) <= 0x20) text.remove_prefix(1);
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= 0x20) text.remove_suffix(1);
  std::string out;
  out.reserve(text.size());
  bool before_query = true;
  for (char c : text) {
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (c == '?' || c == '#') before_query = false;
    out.push_back(before_query && c == '\\' ? '/' : c);
  }
  return out;
}

// RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). Returns
// the scheme's length (0 when `s` does not start with "scheme:").
size_t SchemeLength(std::string_view s) {
  if (s.empty() || !IsAsciiAlpha(s[0])) return 0;
  for (size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == ':') return i;
    if (!IsAsciiAlpha(c) && !IsAsciiDigit(c) && c != '+' && c != '-' && c != '.') return 0;
  }
  return 0;
}

// Path, query and fragment of a reference (RFC 3986 Appendix B).
struct Tail {
  std::string_view path;
  std::optional<std::string_view> query;
  std::optional<std::string_view> fragment;
};

Tail SplitTail(std::string_view s) {
  Tail t;
  size_t hash = s.find('#');
  if (hash != std::string_view::npos) {
    t.fragment = s.substr(hash + 1);
    s = s.substr(0, hash);
  }
  size_t q = s.find('?');
  if (q != std::string_view::npos) {
    t.query = s.substr(q + 1);
    s = s.substr(0, q);
  }
  t.path = s;
  return t;
}

// Bytes a browser percent-encodes when it parses a path or query: controls,
// space, non-ASCII and the few ASCII characters RFC 3986 never allows.
bool NeedsEncoding(unsigned char c) {
  return c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '`' || c == '{' ||
         c == '}';
}

void AppendPercent(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out.push_back('%');
  out.push_back(kHex[c >> 4]);
  out.push_back(kHex[c & 0x0f]);
}

std::string EncodeDisallowed(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (NeedsEncoding(u)) {
      AppendPercent(out, u);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool IsUnreserved(unsigned char c) {
  return IsAsciiAlpha(static_cast<char>(c)) || IsAsciiDigit(static_cast<char>(c)) || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// RFC 3986 §6.2.2.1-2: uppercase hex in escapes, decode escaped unreserved
// characters; a '%' that starts no escape is itself escaped.
std::string NormalizePercent(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '%') {
      if (i + 2 < s.size() && IsAsciiHexDigit(s[i + 1]) && IsAsciiHexDigit(s[i + 2])) {
        auto v = static_cast<unsigned char>(HexDigitValue(s[i + 1]) * 16 + HexDigitValue(s[i + 2]));
        if (IsUnreserved(v)) {
          out.push_back(static_cast<char>(v));
        } else {
          AppendPercent(out, v);
        }
        i += 2;
      } else {
        AppendPercent(out, c);
      }
    } else if (NeedsEncoding(c)) {
      AppendPercent(out, c);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

bool IsDotSegment(std::string_view seg) { return seg == "." || EqualsIgnoreCase(seg, "%2e"); }

bool IsDotDotSegment(std::string_view seg) {
  // WHATWG also reads ".%2e", "%2e." and "%2e%2e" as "..".
  return seg == ".." || EqualsIgnoreCase(seg, ".%2e") || EqualsIgnoreCase(seg, "%2e.") ||
         EqualsIgnoreCase(seg, "%2e%2e");
}

// RFC 3986 §5.2.4 remove_dot_segments, for an absolute path ("/..."): ".."
// never climbs above the root, and a final "." or ".." leaves a trailing '/'.
std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> kept;
  std::string_view rest = path.substr(1);
  while (true) {
    size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    bool last = slash == std::string_view::npos;
    if (IsDotSegment(seg)) {
      if (last) kept.emplace_back();
    } else if (IsDotDotSegment(seg)) {
      if (!kept.empty()) kept.pop_back();
      if (last) kept.emplace_back();
    } else {
      kept.push_back(seg);
    }
    if (last) break;
    rest = rest.substr(slash + 1);
  }
  std::string out;
  out.reserve(path.size());
  for (std::string_view seg : kept) {
    out.push_back('/');
    out.append(seg);
  }
  if (out.empty()) out = "/";
  return out;
}

// Path as stored: at least "/", disallowed bytes encoded, dot segments gone.
std::string CleanPath(std::string_view path) {
  std::string encoded = EncodeDisallowed(path);
  if (encoded.empty() || encoded.front() != '/') encoded.insert(encoded.begin(), '/');
  return RemoveDotSegments(encoded);
}

std::string Quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

bool IsIpv6Char(char c) { return IsAsciiHexDigit(c) || c == ':' || c == '.'; }

// Characters allowed in a registered name once percent-decoded: RFC 3986
// unreserved and sub-delims, plus any non-ASCII byte (IDNs are kept as UTF-8).
bool IsHostChar(unsigned char c) {
  if (c >= 0x80) return true;
  if (IsUnreserved(c)) return true;
  switch (c) {
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case ',':
    case ';':
    case '=':
      return true;
    default:
      return false;
  }
}

}  // namespace

Result<Url> Url::Parse(std::string_view text) {
  std::string s = Preprocess(text);
  if (s.empty()) return Status::InvalidArgument("empty URL");
  size_t scheme_len = SchemeLength(s);
  if (scheme_len == 0) return Status::InvalidArgument("not an absolute URL: " + Quoted(s));
  Url url;
  url.scheme_ = AsciiLowercase(std::string_view(s).substr(0, scheme_len));
  if (!IsHttpScheme(url.scheme_)) {
    return Status::Unsupported("unsupported URL scheme " + Quoted(url.scheme_));
  }
  std::string_view rest = std::string_view(s).substr(scheme_len + 1);
  // WHATWG: a special scheme takes the authority after any number of slashes.
  while (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  size_t auth_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, auth_end);
  std::string_view after = auth_end == std::string_view::npos ? "" : rest.substr(auth_end);

  // RFC 3986 §3.2.1: userinfo is accepted and ignored (RFC 9110 §4.2.4 deprecates it).
  size_t at = authority.rfind('@');
  std::string_view hostport = at == std::string_view::npos ? authority : authority.substr(at + 1);
  std::string_view host_text;
  std::optional<std::string_view> port_text;
  if (!hostport.empty() && hostport.front() == '[') {
    size_t close = hostport.find(']');
    if (close == std::string_view::npos) {
      return Status::InvalidArgument("unterminated IPv6 address in URL " + Quoted(s));
    }
    host_text = hostport.substr(1, close - 1);
    std::string_view tail = hostport.substr(close + 1);
    if (!tail.empty() && tail.front() != ':') {
      return Status::InvalidArgument("unexpected text after IPv6 address in URL " + Quoted(s));
    }
    if (!tail.empty()) port_text = tail.substr(1);
    bool valid = host_text.find(':') != std::string_view::npos;
    for (char c : host_text) valid = valid && IsIpv6Char(c);
    if (!valid) return Status::InvalidArgument("invalid IPv6 address in URL " + Quoted(s));
    url.host_ = AsciiLowercase(host_text);
  } else {
    size_t colon = hostport.find(':');
    host_text = hostport.substr(0, colon);
    if (colon != std::string_view::npos) port_text = hostport.substr(colon + 1);
    // Hosts are percent-decoded (WHATWG host parser), then checked.
    std::string host;
    for (size_t i = 0; i < host_text.size(); ++i) {
      char c = host_text[i];
      if (c == '%' && i + 2 < host_text.size() && IsAsciiHexDigit(host_text[i + 1]) &&
          IsAsciiHexDigit(host_text[i + 2])) {
        c = static_cast<char>(HexDigitValue(host_text[i + 1]) * 16 +
                              HexDigitValue(host_text[i + 2]));
        i += 2;
      }
      if (!IsHostChar(static_cast<unsigned char>(c))) {
        return Status::InvalidArgument("invalid character in the host of URL " + Quoted(s));
      }
      host.push_back(AsciiLower(c));
    }
    url.host_ = std::move(host);
  }
  if (url.host_.empty()) return Status::InvalidArgument("URL has no host: " + Quoted(s));

  url.port_ = DefaultPort(url.scheme_);
  if (port_text && !port_text->empty()) {
    uint32_t port = 0;
    for (char c : *port_text) {
      if (!IsAsciiDigit(c) || port > 65535) {
        port = 0;
        break;
      }
      port = port * 10 + static_cast<uint32_t>(c - '0');
    }
    if (port == 0 || port > 65535) {
      return Status::InvalidArgument("invalid port " + Quoted(*port_text) + " in URL " + Quoted(s));
    }
    url.port_ = static_cast<uint16_t>(port);
    url.explicit_port_ = true;
  }

  Tail tail = SplitTail(after);
  url.path_ = CleanPath(tail.path);
  url.has_query_ = tail.query.has_value();
  if (tail.query) url.query_ = EncodeDisallowed(*tail.query);
  if (tail.fragment) url.fragment_ = EncodeDisallowed(*tail.fragment);
  return url;
}

Result<Url> Url::Resolve(std::string_view reference) const {
  std::string s = Preprocess(reference);
  std::string_view ref = s;
  size_t scheme_len = SchemeLength(ref);
  if (scheme_len > 0) {
    std::string scheme = AsciiLowercase(ref.substr(0, scheme_len));
    std::string_view rest = ref.substr(scheme_len + 1);
    // WHATWG: "http:foo" against an http base is relative; otherwise absolute.
    if (scheme != scheme_ || (!rest.empty() && rest.front() == '/')) return Parse(s);
    ref = rest;
  }
  if (ref.substr(0, 2) == "//") return Parse(scheme_ + ":" + std::string(ref));

  // RFC 3986 §5.2.2 with this URL as the base; the authority is inherited.
  Tail tail = SplitTail(ref);
  Url out = *this;
  out.fragment_ = tail.fragment ? EncodeDisallowed(*tail.fragment) : std::string();
  if (tail.path.empty()) {
    if (tail.query) {
      out.has_query_ = true;
      out.query_ = EncodeDisallowed(*tail.query);
    }
    return out;
  }
  out.has_query_ = tail.query.has_value();
  out.query_ = tail.query ? EncodeDisallowed(*tail.query) : std::string();
  if (tail.path.front() == '/') {
    out.path_ = CleanPath(tail.path);
  } else {
    // §5.2.3 merge: the base path up to its last '/', then the reference.
    std::string merged = path_.substr(0, path_.rfind('/') + 1);
    merged.append(tail.path);
    out.path_ = CleanPath(merged);
  }
  return out;
}

std::string Url::Authority() const {
  std::string out;
  bool ipv6 = host_.find(':') != std::string::npos;
  if (ipv6) out.push_back('[');
  out += host_;
  if (ipv6) out.push_back(']');
  if (port_ != DefaultPort(scheme_)) {
    out.push_back(':');
    out += std::to_string(port_);
  }
  return out;
}

std::string Url::Normalized() const {
  std::string out = scheme_ + "://" + Authority();
  out += NormalizePercent(path_);
  if (has_query_) {
    out.push_back('?');
    out += NormalizePercent(query_);
  }
  return out;
}

}  // namespace newsvault::core
