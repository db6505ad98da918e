#include "storage/cdxj.h"

#include <vector>

#include <nlohmann/json.hpp>

#include "core/ascii.h"
#include "core/url.h"

namespace newsvault::storage {
namespace {

constexpr std::string_view kWarcFieldsType = "application/warc-fields";

std::string_view TrimHttpSpace(std::string_view s) {
  while (!s.empty() && core::IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && core::IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view StripAngleBrackets(std::string_view uri) {
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') {
    return uri.substr(1, uri.size() - 2);
  }
  return uri;
}

// What CDXJ needs from an HTTP message at the start of a block: the status
// code token and the Content-Type values. Lenient like warcio.js's
// StatusAndHeadersParser: lines end at LF, a CR before it is dropped.
struct HttpHeadInfo {
  bool present = false;      // a non-empty first line was found
  std::string status;        // as warcio.js prints Number(token), "" without one
  std::string content_type;  // all Content-Type values joined by ", "
};

// JavaScript's Number() on a status token, for the cases that occur: digits
// (leading zeros dropped), "" (0), anything else NaN.
std::string JsNumberText(std::string_view token) {
  if (token.empty()) return "0";
  for (char c : token) {
    if (!core::IsAsciiDigit(c)) return "NaN";
  }
  size_t first = token.find_first_not_of('0');
  return first == std::string_view::npos ? "0" : std::string(token.substr(first));
}

HttpHeadInfo ParseHttpHead(std::string_view block) {
  HttpHeadInfo info;
  size_t eol = block.find('\n');
  std::string_view status_line = block.substr(0, eol);
  while (!status_line.empty() && core::IsAsciiSpace(status_line.back())) {
    status_line.remove_suffix(1);
  }
  if (status_line.empty()) return info;
  info.present = true;
  // "HTTP/1.1 200 OK": the second space-separated token (RFC 9112 §4).
  size_t sp = status_line.find(' ');
  if (sp != std::string_view::npos) {
    std::string_view rest = status_line.substr(sp + 1);
    info.status = JsNumberText(rest.substr(0, rest.find(' ')));
  }
  std::vector<std::string_view> types;
  size_t start = eol == std::string_view::npos ? block.size() : eol + 1;
  while (start < block.size()) {
    size_t end = block.find('\n', start);
    std::string_view line = block.substr(start, end == std::string_view::npos ? end : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;  // end of the head
    size_t colon = line.find(':');
    if (colon != std::string_view::npos &&
        core::EqualsIgnoreCase(line.substr(0, colon), "content-type")) {
      std::string_view value = TrimHttpSpace(line.substr(colon + 1));
      if (!value.empty()) types.push_back(value);
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  for (size_t i = 0; i < types.size(); ++i) {
    if (i > 0) info.content_type += ", ";
    info.content_type += types[i];
  }
  return info;
}

}  // namespace

bool CdxjIndexesRecord(const WarcRecordView& record) {
  std::string_view type = record.type();
  if (type == "request" || type == "warcinfo") return false;
  if (type == "metadata" || type == "resource") {
    return record.Field("Content-Type") != kWarcFieldsType;
  }
  return true;
}

std::string CdxjTimestamp(std::string_view warc_date) {
  std::string digits;
  for (char c : warc_date) {
    if (c == '-' || c == ':' || c == 'T') continue;
    digits.push_back(c);
    if (digits.size() == 14) break;
  }
  return digits;
}

std::string CdxjUrlKey(std::string_view target_uri) {
  std::string_view uri = StripAngleBrackets(target_uri);
  // warcio.js keys only http(s) URLs (scheme matched as written) and leaves
  // others, and URLs it cannot parse, unchanged.
  if (uri.rfind("http:", 0) != 0 && uri.rfind("https:", 0) != 0) return std::string(uri);
  core::Result<core::Url> url = core::Url::Parse(uri);
  if (!url.ok()) return std::string(uri);
  return core::SurtKey(*url);
}

std::optional<std::string> CdxjLine(const WarcRecordView& record, std::string_view filename) {
  if (!CdxjIndexesRecord(record)) return std::nullopt;
  std::string_view type = record.type();
  std::optional<std::string_view> target = record.Field("WARC-Target-URI");

  // warcio.js reads an HTTP head from every response and request block, and
  // from revisit blocks that are not empty.
  HttpHeadInfo http;
  if (type == "response" || type == "request" || (type == "revisit" && record.block_length > 0)) {
    http = ParseHttpHead(record.block);
  }

  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  if (target) j["url"] = std::string(StripAngleBrackets(*target));
  if (type == "revisit") {
    j["mime"] = "warc/revisit";
  } else if (type == "response") {
    if (!http.content_type.empty()) {
      std::string_view mime = http.content_type;
      j["mime"] = std::string(TrimHttpSpace(mime.substr(0, mime.find(';'))));
    }
  } else if (std::optional<std::string_view> ct = record.Field("Content-Type")) {
    j["mime"] = std::string(*ct);
  }
  if (http.present && (type == "response" || type == "revisit")) j["status"] = http.status;
  if (std::optional<std::string_view> digest = record.Field("WARC-Payload-Digest")) {
    size_t colon = digest->find(':');
    if (colon != std::string_view::npos) {
      std::string_view value = digest->substr(colon + 1);
      j["digest"] = std::string(value.substr(0, value.find(':')));
    }
  }
  j["length"] = std::to_string(record.length);
  j["offset"] = std::to_string(record.offset);
  j["filename"] = std::string(filename);

  // warcio.js writes the word "undefined" as the key of a record without a
  // target URI; the line still sorts and parses, so we do the same.
  std::string line = target ? CdxjUrlKey(*target) : "undefined";
  line += ' ';
  line += CdxjTimestamp(record.Field("WARC-Date").value_or(""));
  line += ' ';
  line += j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  return line;
}

}  // namespace newsvault::storage
