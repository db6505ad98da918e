// Record codec: the byte layout of every archive key and value.
//
// docs/storage.md is the prose form of this file; change both together. Keys
// are built so RocksDB's bytewise order is the order we want to read in:
// urlkey, then a 0x00 separator (sorts before every other byte, so "a" and its
// captures come before "a/b"), then a big-endian number. Capture records and
// URL summaries are compact binary values that start with a format byte, so a
// later format can be told apart; article versions are JSON because the
// article is JSON everywhere else (show --format json, WARC metadata).
//
// Decoders never trust their input: a short, unknown or malformed value is a
// Corruption status, never a crash.
//
// Thread safety: pure functions and value types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "core/timestamp.h"
#include "storage/archive.h"

namespace newsvault::storage {

// Format bytes at the start of each binary value (see docs/storage.md).
inline constexpr uint8_t kCaptureFormat = 1;
inline constexpr uint8_t kUrlFormat = 1;
inline constexpr int kVersionFormat = 1;  // the "format" member of a version's JSON

// The urlkey the archive stores for `url`: core::SurtKey with any NUL byte
// written as "%00", because NUL separates the urlkey from the rest of a key.
std::string StorageUrlKey(std::string_view url);

// --- captures: urlkey 0x00 time(8) ---------------------------------------
// Time is microseconds since the epoch as a big-endian uint64 with the sign
// bit flipped, so pre-1970 times still sort before later ones.
std::string EncodeTimeKey(core::Timestamp t);
std::string CaptureKeyPrefix(std::string_view urlkey);  // urlkey + 0x00
std::string EncodeCaptureKey(std::string_view urlkey, core::Timestamp t);
// Splits a captures key; false when it is not one.
bool DecodeCaptureKey(std::string_view key, std::string_view* urlkey, core::Timestamp* t);

// Everything of a CaptureRecord but urlkey and time, which live in the key.
std::string EncodeCaptureValue(const CaptureRecord& record);
// Rebuilds the full record from a captures key and its value.
core::Result<CaptureRecord> DecodeCapture(std::string_view key, std::string_view value);

// --- versions: urlkey 0x00 number(4) -------------------------------------
std::string EncodeVersionKey(std::string_view urlkey, uint32_t number);
// JSON {"format":1,"time_us":N,"text_digest":"sha1:...","article":{...}}.
std::string EncodeVersionValue(const ArticleVersionRecord& version);
core::Result<ArticleVersionRecord> DecodeVersion(std::string_view key, std::string_view value);

// --- urls: urlkey ---------------------------------------------------------
// What the archive keeps per urlkey so ListUrls and version checks need no
// scan. Updated in the same write batch as the capture it counts.
struct UrlRecord {
  std::string url;  // URL of the capture with the latest time
  uint64_t captures = 0;
  uint32_t latest_version = 0;     // 0: no article version yet; versions are 1..latest
  std::string latest_text_digest;  // text digest of version latest_version
  core::Timestamp first_capture{};
  core::Timestamp last_capture{};
  std::string title;      // of version latest_version
  std::string published;  // of version latest_version
};
std::string EncodeUrlValue(const UrlRecord& record);
core::Result<UrlRecord> DecodeUrlValue(std::string_view value);

// --- meta and stats -------------------------------------------------------
// Counters in the stats family are 8-byte big-endian uint64.
std::string EncodeCounter(uint64_t value);
core::Result<uint64_t> DecodeCounter(std::string_view value);
// The stats family's keys and the ArchiveStats fields they hold (all but
// disk_bytes, which is measured).
std::vector<std::pair<const char*, uint64_t*>> CounterFields(ArchiveStats* stats);

}  // namespace newsvault::storage
