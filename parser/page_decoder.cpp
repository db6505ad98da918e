#include "parser/page_decoder.h"

#include <string>

#include "core/content_decoding.h"
#include "parser/text_util.h"

namespace newsvault::parser {
namespace {

// How many leading bytes the sniffer looks at (WHATWG MIME Sniffing uses 1445).
constexpr size_t kSniffBytes = 1445;

enum class Verdict { kHtml, kNotHtml, kSniff };

// The media type's essence ("text/html"), lowercase, parameters dropped.
std::string Essence(std::string_view content_type) {
  const size_t semicolon = content_type.find(';');
  return ToLowerAscii(TrimSpace(content_type.substr(0, semicolon)));
}

Verdict ByContentType(std::string_view content_type) {
  const std::string essence = Essence(content_type);
  if (essence == "text/html" || essence == "application/xhtml+xml") return Verdict::kHtml;
  // Types servers send when they do not know: look at the bytes instead.
  if (essence.empty() || essence == "application/octet-stream" || essence == "text/plain" ||
      essence == "unknown/unknown" || essence == "application/unknown" || essence == "*/*" ||
      essence == "application/x-unknown-content-type" || essence.find('/') == std::string::npos) {
    return Verdict::kSniff;
  }
  return Verdict::kNotHtml;
}

// Binary signatures (WHATWG MIME Sniffing §6) and NUL bytes mean "not text".
bool LooksBinary(std::string_view head) {
  static constexpr std::string_view kMagic[] = {"\x89PNG\r\n\x1A\n",
                                                "\xFF\xD8\xFF",
                                                "GIF87a",
                                                "GIF89a",
                                                "%PDF-",
                                                "PK\x03\x04",
                                                "RIFF",
                                                "\x1F\x8B\x08",
                                                "OggS",
                                                "wOFF",
                                                "wOF2",
                                                "\x1A\x45\xDF\xA3"};
  for (const std::string_view magic : kMagic) {
    if (head.starts_with(magic)) return true;
  }
  return head.find('\0') != std::string_view::npos;
}

// WHATWG MIME Sniffing "rules for identifying an unknown MIME type", HTML
// patterns: after white space, one of these tags followed by a space or '>'.
bool LooksLikeHtml(std::string_view head) {
  size_t pos = 0;
  if (head.starts_with("\xEF\xBB\xBF")) pos = 3;
  while (pos < head.size() && (head[pos] == ' ' || head[pos] == '\t' || head[pos] == '\n' ||
                               head[pos] == '\r' || head[pos] == '\f')) {
    ++pos;
  }
  const std::string_view rest = head.substr(pos);
  static constexpr std::string_view kPatterns[] = {
      "<!doctype html", "<html", "<head",  "<script", "<iframe", "<h1",   "<div", "<font",
      "<table",         "<a",    "<style", "<title",  "<b",      "<body", "<br",  "<p",
      "<!--",           "<meta"};
  for (const std::string_view pattern : kPatterns) {
    if (!StartsWithIgnoreCase(rest, pattern) || rest.size() <= pattern.size()) continue;
    const char next = rest[pattern.size()];
    if (pattern == "<!--" || next == ' ' || next == '>' || next == '\t' || next == '\n' ||
        next == '\r' || next == '\f') {
      return true;
    }
  }
  return false;
}

bool IsHtml(std::string_view bytes, std::string_view content_type) {
  const Verdict verdict = ByContentType(content_type);
  if (verdict != Verdict::kSniff) return verdict == Verdict::kHtml;
  // A UTF-16 page interleaves NULs: judge it by its decoded text.
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    const DecodedText text = DecodeToUtf8(bytes.substr(0, kSniffBytes * 2), "");
    return LooksLikeHtml(text.utf8);
  }
  const std::string_view head = bytes.substr(0, kSniffBytes);
  return !LooksBinary(head) && LooksLikeHtml(head);
}

}  // namespace

core::Result<DecodedPage> DecodePage(std::string_view entity_body, std::string_view content_type,
                                     std::string_view content_encoding, size_t max_decoded_bytes) {
  auto decoded = core::DecodeContent(entity_body, content_encoding, max_decoded_bytes);
  if (!decoded.ok()) return decoded.error();
  DecodedPage page;
  page.body_truncated = decoded->truncated;
  page.is_html = IsHtml(decoded->bytes, content_type);
  if (page.is_html) page.text = DecodeToUtf8(decoded->bytes, content_type);
  return page;
}

}  // namespace newsvault::parser
