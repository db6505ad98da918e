#include "parser/charset.h"

#include <optional>
#include <string>

#include "parser/charset_detector.h"
#include "parser/encoding_labels.h"
#include "parser/iconv_converter.h"
#include "parser/meta_prescan.h"
#include "parser/utf8.h"

namespace newsvault::parser {
namespace {

struct Choice {
  std::string_view encoding;  // WHATWG name
  std::string_view source;
  size_t skip = 0;  // BOM bytes to drop
};

// WHATWG Encoding "BOM sniff": the byte-order mark beats every declaration.
std::optional<Choice> SniffBom(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return Choice{"UTF-8", "bom", 3};
  if (bytes.starts_with("\xFF\xFE")) return Choice{"UTF-16LE", "bom", 2};
  if (bytes.starts_with("\xFE\xFF")) return Choice{"UTF-16BE", "bom", 2};
  return std::nullopt;
}

Choice ChooseEncoding(std::string_view bytes, std::string_view content_type) {
  if (auto bom = SniffBom(bytes)) return *bom;
  const std::string_view http = CanonicalEncoding(ExtractCharsetParameter(content_type));
  if (!http.empty()) return {http, "http"};
  const std::string_view meta = PrescanForCharset(bytes);
  if (!meta.empty()) return {meta, "meta"};
  // Undeclared: valid UTF-8 is taken as UTF-8 (pure ASCII included), since
  // legacy encodings almost never form valid multi-byte UTF-8 by chance.
  if (IsValidUtf8(bytes)) return {"UTF-8", "default"};
  const std::string_view detected = CanonicalEncoding(DetectCharset(bytes));
  if (!detected.empty()) return {detected, "detected"};
  return {"UTF-8", "default"};
}

}  // namespace

DecodedText DecodeToUtf8(std::string_view bytes, std::string_view content_type) {
  const Choice choice = ChooseEncoding(bytes, content_type);
  const std::string_view body = bytes.substr(choice.skip);
  DecodedText result;
  result.source = std::string(choice.source);
  if (choice.encoding != "UTF-8") {
    if (auto converted = ConvertToUtf8(body, IconvName(choice.encoding))) {
      result.utf8 = std::move(converted->utf8);
      result.replaced = converted->replaced;
      result.charset = std::string(choice.encoding);
      return result;
    }
    // iconv lacks this encoding: fall through to UTF-8 rather than fail.
  }
  result.charset = "UTF-8";
  if (IsValidUtf8(body)) {
    result.utf8 = std::string(body);  // byte-identical pass-through
  } else {
    result.replaced = RepairUtf8(body, result.utf8);
  }
  return result;
}

}  // namespace newsvault::parser
