#include "crawler/response_body.h"

#include <string_view>

#include "core/http_message.h"

namespace newsvault::crawler {
namespace {

// The de-chunked entity: a view of the body when it is not chunked, else a
// copy kept in `storage`.
std::string_view Entity(const core::HttpExchange& exchange, std::string& storage) {
  if (!core::IsChunked(exchange.headers)) return exchange.response_body;
  storage = core::Dechunk(exchange.response_body).entity;
  return storage;
}

}  // namespace

core::Result<core::DecodedContent> DecodeEntity(const core::HttpExchange& exchange,
                                                size_t max_decoded_bytes) {
  std::string storage;
  const std::string_view entity = Entity(exchange, storage);
  return core::DecodeContent(entity, exchange.Header("Content-Encoding").value_or(""),
                             max_decoded_bytes);
}

core::Result<parser::DecodedPage> DecodeHtmlPage(const core::HttpExchange& exchange,
                                                 size_t max_decoded_bytes) {
  std::string storage;
  const std::string_view entity = Entity(exchange, storage);
  return parser::DecodePage(entity, exchange.Header("Content-Type").value_or(""),
                            exchange.Header("Content-Encoding").value_or(""), max_decoded_bytes);
}

}  // namespace newsvault::crawler
