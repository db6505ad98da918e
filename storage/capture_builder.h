// Capture builder: the storage-independent steps of StoreCapture.
//
// Turning an exchange into a capture record and its entity body, deciding
// whether an article is a new version, and keeping a URL's summary current are
// pure functions here, so they are tested without a database and any future
// Archive implementation (a fake, another engine) makes the same decisions.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>

#include "core/article.h"
#include "core/http_exchange.h"
#include "storage/archive.h"
#include "storage/record_codec.h"

namespace newsvault::storage {

struct PreparedCapture {
  // Everything but `time` (set to exchange.started; the archive may nudge it),
  // `payload_was_new` and `version`, which depend on what is already stored.
  CaptureRecord record;
  // The entity body: the response body without chunked framing, still
  // content-encoded (the WARC payload). record.payload_digest is its sha1.
  std::string entity;
};

// Splits exchange.response_body into entity + transfer framing when the
// response is chunked (RFC 9112 §7.1), and digests the entity.
PreparedCapture PrepareCapture(const core::HttpExchange& exchange);

struct VersionDecision {
  uint32_t number = 0;      // the version this capture produced or matched
  bool is_new = false;      // number == url.latest_version + 1, to be written
  std::string text_digest;  // sha1 of article.NormalizedText()
};

// A new version only when the normalized title + body differ from the URL's
// latest version (DESIGN §3); otherwise the capture points at the latest.
VersionDecision DecideVersion(const UrlRecord& url, const core::Article& article);

// Counts one more capture of the URL (first/last time, URL of the latest).
void CountCapture(const CaptureRecord& record, UrlRecord* url);
// Makes `version` the URL's latest.
void CountVersion(const ArticleVersionRecord& version, UrlRecord* url);

// The public summary of a stored URL.
UrlSummary ToSummary(std::string urlkey, const UrlRecord& url);

}  // namespace newsvault::storage
