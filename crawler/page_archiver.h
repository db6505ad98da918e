// PageArchiver: archives one URL end to end — fetch (following redirects),
// decode, extract, store — the path behind `newsvault archive URL`.
//
// Every hop of a redirect chain is stored as its own capture. Only the final
// 2xx HTML response is handed to the extractor; the rest (3xx, 404, 503,
// images, undecodable bodies) are stored without an article. Nothing fetched is
// thrown away because a later step failed.
//
// Thread safety: one PageArchiver per thread; the HttpClient and Archive it
// uses may be shared when they are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "crawler/http_client.h"
#include "storage/archive.h"

namespace newsvault::crawler {

struct PageArchiverOptions {
  FetchOptions fetch;      // limits, user agent, TLS
  int max_redirects = 10;  // hops followed after the first request
  // Cap on the decoded (un-gzipped) body handed to the parser; a bomb is cut here.
  size_t max_decoded_bytes = 64u << 20;
};

// What happened to one hop of the chain.
struct HopReport {
  std::string url;
  int status_code = 0;
  storage::StoreOutcome stored;
  uint64_t payload_bytes = 0;  // entity body size as stored
  core::Truncation truncation = core::Truncation::kNone;
};

struct PageReport {
  std::string url;              // as asked
  std::vector<HopReport> hops;  // stored captures, in order
  // OK when the final response was fetched and stored, whatever its status.
  // Otherwise why not (network error, redirect loop, store failure).
  core::Status fetch_status;
  int final_status_code = 0;  // of the last hop; 0 when none
  bool has_article = false;
  std::string title;
  uint32_t version = 0;  // 0 when no article
  bool new_version = false;
  // Human remarks worth a warning though the page is stored (the status is
  // final_status_code, not a note): "not HTML (image/png)", "broken gzip
  // data: ...", "body cut at the 20 MiB limit".
  std::vector<std::string> notes;

  // True when the page was fetched and stored with a 2xx final status.
  bool Succeeded() const {
    return fetch_status.ok() && final_status_code >= 200 && final_status_code < 300;
  }
};

class PageArchiver {
 public:
  PageArchiver(HttpClient& client, storage::Archive& archive, PageArchiverOptions options)
      : client_(client), archive_(archive), options_(std::move(options)) {}

  PageReport ArchiveUrl(const std::string& url);

 private:
  // Decodes and extracts the final hop; fills the article part of `report`.
  // Returns the article to store, or nullopt.
  std::optional<core::Article> ExtractFinalHop(const core::HttpExchange& hop, PageReport& report);

  HttpClient& client_;
  storage::Archive& archive_;
  PageArchiverOptions options_;
};

}  // namespace newsvault::crawler
