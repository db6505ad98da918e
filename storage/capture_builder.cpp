#include "storage/capture_builder.h"

#include <utility>

#include "core/digest.h"
#include "core/http_message.h"

namespace newsvault::storage {

PreparedCapture PrepareCapture(const core::HttpExchange& exchange) {
  PreparedCapture out;
  CaptureRecord& r = out.record;
  r.url = exchange.url;
  r.urlkey = StorageUrlKey(exchange.url);
  r.time = exchange.started;
  r.method = exchange.method;
  r.status_code = exchange.status_code;
  r.request_bytes = exchange.request_bytes;
  r.response_head = exchange.response_head;
  r.remote_ip = exchange.remote_ip;
  r.connect_time_us = exchange.connect_time.count();
  r.total_time_us = exchange.total_time.count();
  r.truncation = exchange.truncation;

  // Why fall back to parsing: an exchange built by an importer may carry only
  // the raw head; the framing decision must follow the bytes either way.
  bool chunked = core::IsChunked(exchange.headers);
  if (exchange.headers.empty() && !exchange.response_head.empty()) {
    auto head = core::ParseResponseHead(exchange.response_head);
    if (head.ok()) chunked = core::IsChunked(head->headers);
  }
  if (chunked) {
    core::DechunkResult dechunked = core::Dechunk(exchange.response_body);
    out.entity = std::move(dechunked.entity);
    r.transfer_framing = std::move(dechunked.framing);
  } else {
    out.entity = exchange.response_body;
  }
  r.payload_digest = core::Sha1Base32Digest(out.entity);
  r.payload_size = out.entity.size();
  return out;
}

VersionDecision DecideVersion(const UrlRecord& url, const core::Article& article) {
  VersionDecision d;
  d.text_digest = core::Sha1Base32Digest(article.NormalizedText());
  if (url.latest_version > 0 && d.text_digest == url.latest_text_digest) {
    d.number = url.latest_version;
  } else {
    d.number = url.latest_version + 1;
    d.is_new = true;
  }
  return d;
}

void CountCapture(const CaptureRecord& record, UrlRecord* url) {
  if (url->captures == 0 || record.time < url->first_capture) url->first_capture = record.time;
  if (url->captures == 0 || record.time >= url->last_capture) {
    url->last_capture = record.time;
    url->url = record.url;
  }
  ++url->captures;
}

void CountVersion(const ArticleVersionRecord& version, UrlRecord* url) {
  url->latest_version = version.number;
  url->latest_text_digest = version.text_digest;
  url->title = version.article.title;
  url->published = version.article.published;
}

UrlSummary ToSummary(std::string urlkey, const UrlRecord& url) {
  UrlSummary s;
  s.url = url.url;
  s.urlkey = std::move(urlkey);
  s.title = url.title;
  s.published = url.published;
  s.captures = url.captures;
  s.versions = url.latest_version;
  s.first_capture = url.first_capture;
  s.last_capture = url.last_capture;
  return s;
}

}  // namespace newsvault::storage
