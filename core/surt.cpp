// SurtKey: the SURT urlkey of url.h, following the canonicalisation pywb
// applies (the Python `surt` package: GoogleURLCanonicalizer then
// IAURLCanonicalizer, then host reversal), so our CDXJ keys match the keys
// pywb computes for lookups. Known differences: no IDNA/punycode of
// non-ASCII hosts, no session-id stripping, no numeric-IP reformatting.
#include <algorithm>
#include <vector>

#include "core/ascii.h"
#include "core/url.h"

namespace newsvault::core {
namespace {

// Decodes every valid %XX, again and again until nothing changes ("%2525" -> "%").
std::string UnescapeRepeatedly(std::string_view in) {
  std::string cur(in);
  while (true) {
    std::string next;
    next.reserve(cur.size());
    for (size_t i = 0; i < cur.size(); ++i) {
      if (cur[i] == '%' && i + 2 < cur.size() && IsAsciiHexDigit(cur[i + 1]) &&
          IsAsciiHexDigit(cur[i + 2])) {
        next.push_back(
            static_cast<char>(HexDigitValue(cur[i + 1]) * 16 + HexDigitValue(cur[i + 2])));
        i += 2;
      } else {
        next.push_back(cur[i]);
      }
    }
    if (next.size() == cur.size()) return next;  // no escape decoded: a fixed point
    cur = std::move(next);
  }
}

// Escapes what is not printable ASCII, plus '#' and '%'.
std::string EscapeOnce(std::string_view in) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(in.size());
  for (char c : in) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '#' || c == '%') {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0x0f]);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// Dot segments resolved and empty segments dropped (except a trailing one).
std::string NormalizeSurtPath(std::string_view path) {
  std::vector<std::string_view> kept;
  std::string_view rest = path.empty() ? path : path.substr(1);
  while (true) {
    size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    if (seg == "..") {
      if (!kept.empty()) kept.pop_back();
    } else if (seg != ".") {
      kept.push_back(seg);
    }
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  std::string out = "/";
  for (size_t i = 0; i + 1 < kept.size(); ++i) {
    if (kept[i].empty()) continue;
    out.append(kept[i]);
    out.push_back('/');
  }
  if (!kept.empty()) out.append(kept.back());
  return out;
}

// Arguments sorted as (name, value) pairs: "a" < "a=" < "a=1" < "a-b".
std::string SortQuery(std::string_view query) {
  std::vector<std::string_view> args;
  while (true) {
    size_t amp = query.find('&');
    args.push_back(query.substr(0, amp));
    if (amp == std::string_view::npos) break;
    query = query.substr(amp + 1);
  }
  auto name = [](std::string_view a) { return a.substr(0, a.find('=')); };
  std::stable_sort(args.begin(), args.end(), [&](std::string_view a, std::string_view b) {
    int c = name(a).compare(name(b));
    if (c != 0) return c < 0;
    bool a_has = a.find('=') != std::string_view::npos;
    bool b_has = b.find('=') != std::string_view::npos;
    if (a_has != b_has) return !a_has;
    return a.substr(name(a).size()) < b.substr(name(b).size());
  });
  std::string out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out.push_back('&');
    out.append(args[i]);
  }
  return out;
}

std::string SurtHost(const std::string& host) {
  if (host.find(':') != std::string::npos) return "[" + host + "]";  // IPv6 stays whole
  std::string h = host;
  for (size_t pos; (pos = h.find("..")) != std::string::npos;) h.erase(pos, 1);
  while (!h.empty() && h.front() == '.') h.erase(0, 1);
  while (!h.empty() && h.back() == '.') h.pop_back();
  // Drop a leading "www." or "wwwN." (IAURLCanonicalizer massageHost).
  if (h.size() > 3 && h.compare(0, 3, "www") == 0) {
    size_t i = 3;
    while (i < h.size() && IsAsciiDigit(h[i])) ++i;
    if (i < h.size() && h[i] == '.' && i + 1 < h.size()) h.erase(0, i + 1);
  }
  // Labels reversed and comma-joined; like pywb (surt's default
  // reverse_ipaddr=True) and warcio.js, IPv4 literals are reversed too.
  std::string out;
  std::string_view rest = h;
  while (true) {
    size_t dot = rest.rfind('.');
    if (!out.empty()) out.push_back(',');
    if (dot == std::string_view::npos) {
      out.append(rest);
      break;
    }
    out.append(rest.substr(dot + 1));
    rest = rest.substr(0, dot);
  }
  return out;
}

}  // namespace

std::string SurtKey(const Url& url) {
  std::string key = SurtHost(url.host());
  uint16_t default_port = url.scheme() == "https" ? 443 : 80;
  if (url.port() != default_port) key += ":" + std::to_string(url.port());
  key.push_back(')');
  std::string path = AsciiLowercase(EscapeOnce(NormalizeSurtPath(UnescapeRepeatedly(url.path()))));
  if (path.size() > 1 && path.back() == '/') path.pop_back();
  key += path;
  if (url.has_query() && !url.query().empty()) {
    std::string query = AsciiLowercase(EscapeOnce(UnescapeRepeatedly(url.query())));
    key.push_back('?');
    key += SortQuery(query);
  }
  return key;
}

std::string SurtKey(std::string_view url) {
  Result<Url> parsed = Url::Parse(url);
  if (!parsed.ok()) return AsciiLowercase(TrimAsciiSpace(url));
  return SurtKey(*parsed);
}

}  // namespace newsvault::core
