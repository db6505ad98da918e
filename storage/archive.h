// Archive: the versioned store of captures, payloads and article versions.
//
// DESIGN §3. A capture is one HTTP exchange for one URL at one instant; its
// entity body (de-chunked, still content-encoded) is stored once per payload
// digest; an article version is written only when the article's normalized
// title + body differ from the URL's latest version. URLs are grouped by SURT
// urlkey (core/url.h), so http/https and "www." variants share one history.
//
// StoreCapture is atomic: capture, payload if new and version if changed go
// into one write batch, so a crash never leaves half a capture. When that
// batch is fsynced is OpenOptions::durability.
//
// Thread safety: an Archive may be used from several threads; writes are
// serialised internally.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/article.h"
#include "core/http_exchange.h"
#include "core/status.h"
#include "core/timestamp.h"

namespace newsvault::storage {

class CrawlStore;  // storage/crawl_store.h

// One stored capture (the persistent form of a core::HttpExchange minus its body).
struct CaptureRecord {
  std::string url;         // as fetched
  std::string urlkey;      // SURT key of url
  core::Timestamp time{};  // exchange start; unique per urlkey
  std::string method = "GET";
  int status_code = 0;
  std::string request_bytes;     // exact request as sent
  std::string response_head;     // exact status line + headers + CRLF CRLF
  std::string transfer_framing;  // chunk framing (core/http_message.h); empty if not chunked
  std::string payload_digest;    // "sha1:BASE32" of the entity body (also for an empty body)
  uint64_t payload_size = 0;     // entity body bytes
  std::string remote_ip;
  int64_t connect_time_us = 0;
  int64_t total_time_us = 0;
  core::Truncation truncation = core::Truncation::kNone;
  bool payload_was_new = false;  // this capture first stored the payload
  uint32_t version = 0;          // article version produced or matched; 0 = no article

  // The response bytes exactly as received: head + body with framing restored.
  // `entity_body` is Payload(payload_digest).
  core::Result<std::string> RawResponse(std::string_view entity_body) const;
};

struct ArticleVersionRecord {
  uint32_t number = 0;      // 1, 2, ... per urlkey
  core::Timestamp time{};   // time of the capture that produced it
  std::string text_digest;  // sha1 of Article::NormalizedText()
  core::Article article;
};

struct StoreOutcome {
  core::Timestamp time{};  // the capture's key time (may be nudged by 1 µs to stay unique)
  bool new_payload = false;
  uint32_t version = 0;  // 0 when no article was given
  bool new_version = false;
};

struct UrlSummary {
  std::string url;  // latest capture's URL
  std::string urlkey;
  std::string title;  // latest version's, empty if none
  std::string published;
  uint64_t captures = 0;
  uint32_t versions = 0;
  core::Timestamp first_capture{};
  core::Timestamp last_capture{};
};

struct ArchiveStats {
  uint64_t urls = 0;
  uint64_t captures = 0;
  uint64_t revisits = 0;        // captures whose payload was already stored
  uint64_t payloads = 0;        // distinct payloads
  uint64_t payload_bytes = 0;   // stored payload bytes (each once)
  uint64_t captured_bytes = 0;  // payload bytes summed over all captures
  uint64_t versions = 0;
  uint64_t disk_bytes = 0;  // size of the archive's files
};

struct CaptureFilter {
  std::optional<core::Timestamp> since;  // inclusive
  std::optional<core::Timestamp> until;  // exclusive
  std::string urlkey_prefix;             // empty: all
};

// When an acknowledged write reaches the disk (docs/storage.md, "Atomicity
// and durability"). Either way a write is one batch: all of a capture and its
// crawl bookkeeping, or none of it.
enum class Durability {
  // Every write batch is fsynced before the call returns: an acknowledged
  // write survives SIGKILL and power loss. One fsync per capture caps a crawl
  // at the disk's synced-write rate (~155/s on the development VM).
  kSyncEachWrite,
  // Writes reach the write-ahead log (the OS page cache) before the call
  // returns, and a background thread fsyncs the log every
  // group_commit_interval and once more when the archive is closed. Safe
  // because each capture and its crawl bookkeeping are one batch and RocksDB
  // replays the log in order, dropping a torn tail: after SIGKILL nothing
  // acknowledged is lost (the page cache still holds it); after power loss
  // the archive is a consistent prefix of the writes, missing at most the
  // last interval's captures, whose frontier entries are lost with them (so
  // the next run fetches those URLs again). No capture is ever half-stored
  // or stored twice. For crawls and imports (both re-run to fill a gap);
  // `archive` keeps kSyncEachWrite.
  kGroupCommit,
};

struct OpenOptions {
  bool create_if_missing = true;  // false: NotFound when there is no archive at path
  bool read_only = false;         // still takes the single-process lock; never creates
  Durability durability = Durability::kSyncEachWrite;  // ignored when read_only
  // kGroupCommit only: how often the background thread fsyncs the log (at
  // least 1 ms). Longer: fewer fsyncs; more captures lost on power loss.
  std::chrono::milliseconds group_commit_interval{200};
};

class Archive {
 public:
  virtual ~Archive() = default;

  // Stores one exchange. `article` (may be null) is the extracted article of
  // this exchange; its version is compared with the urlkey's latest.
  virtual core::Result<StoreOutcome> StoreCapture(const core::HttpExchange& exchange,
                                                  const core::Article* article) = 0;

  // All captures of url's urlkey, oldest first. Empty vector when none.
  virtual core::Result<std::vector<CaptureRecord>> Captures(std::string_view url) = 0;
  // All article versions of url's urlkey, oldest first.
  virtual core::Result<std::vector<ArticleVersionRecord>> Versions(std::string_view url) = 0;
  // The entity body stored under `digest`; NotFound if absent.
  virtual core::Result<std::string> Payload(std::string_view digest) = 0;
  // One summary per urlkey, in urlkey order.
  virtual core::Result<std::vector<UrlSummary>> ListUrls() = 0;
  // Calls `fn` for every capture matching `filter`, in (urlkey, time) order.
  // A non-OK status from fn stops the scan and is returned.
  virtual core::Status ForEachCapture(
      const CaptureFilter& filter, const std::function<core::Status(const CaptureRecord&)>& fn) = 0;
  virtual core::Result<ArchiveStats> Stats() = 0;

  // The crawl state kept in the same database (storage/crawl_store.h); its
  // writes share this archive's write batches and lock. Lives as long as the Archive.
  virtual CrawlStore& Crawl() = 0;
};

// Opens (or creates) the RocksDB archive at `path`. Errors, each with a one-line
// message naming the path: Busy("archive at PATH is in use by another newsvault
// process"), Corruption (damaged files, not an archive), Unsupported (written by
// a newer schema), NotFound (no archive and create_if_missing is false).
core::Result<std::unique_ptr<Archive>> OpenArchive(const std::string& path,
                                                   const OpenOptions& options = {});

}  // namespace newsvault::storage
