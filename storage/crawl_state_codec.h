// Crawl state codec: the byte layout of the crawl state's keys and values
// (storage/crawl_store.h; docs/storage.md is the prose form, change both
// together), and the dedup rule as a pure function.
//
// Keys sort in the order they are read: frontier keys by origin, then
// priority, then a sequence number; revisit_due keys by due time. Values
// start with a format byte so a later format can be told apart. Decoders
// never trust their input: malformed bytes give Corruption, never a crash.
//
// Thread safety: pure functions and value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/timestamp.h"
#include "storage/crawl_store.h"

namespace newsvault::storage {

inline constexpr uint8_t kCrawlStateFormat = 1;

// --- frontier: origin 0x00 priority(1) sequence(8) ----------------------
// Priority 0: feeds and sitemaps; 1: revisits; 2 + depth (capped at 253): pages.
uint8_t FrontierPriority(FrontierKind kind, int depth);
std::string FrontierOriginPrefix(std::string_view origin);  // origin + 0x00
std::string EncodeFrontierKey(std::string_view origin, uint8_t priority, uint64_t sequence);
// The origin of a frontier key; false when it is not one.
bool DecodeFrontierKeyOrigin(std::string_view key, std::string_view* origin);
std::string EncodeFrontierValue(const FrontierEntry& entry);
core::Result<FrontierEntry> DecodeFrontierValue(std::string_view value);

// --- seen: canonical URL -> state and run --------------------------------
enum class SeenState : uint8_t {
  kQueued = 1,   // waiting in the frontier (enqueued in `run`)
  kPage = 2,     // fetched as a non-article page in `run`
  kArticle = 3,  // fetched as an article (last in `run`)
};
struct SeenRecord {
  SeenState state = SeenState::kQueued;
  uint64_t run = 0;
};
std::string EncodeSeenValue(const SeenRecord& record);
core::Result<SeenRecord> DecodeSeenValue(std::string_view value);

// The dedup rule of crawl_store.h: whether a URL with `seen` state (nullopt:
// never seen) is enqueued in run `run` under `policy`.
bool ShouldEnqueue(const std::optional<SeenRecord>& seen, uint64_t run, EnqueuePolicy policy);

// --- revisits: URL -> state; revisit_due: due(8) URL -> "" --------------
std::string EncodeRevisitValue(const RevisitState& state);  // all but url (the key)
core::Result<RevisitState> DecodeRevisitValue(std::string_view url, std::string_view value);
std::string EncodeRevisitDueKey(core::Timestamp due, std::string_view url);
bool DecodeRevisitDueKey(std::string_view key, core::Timestamp* due, std::string_view* url);

// --- validators: URL; robots: origin --------------------------------------
std::string EncodeValidatorsValue(const Validators& v);
core::Result<Validators> DecodeValidatorsValue(std::string_view value);
std::string EncodeRobotsValue(const RobotsCacheEntry& entry);
core::Result<RobotsCacheEntry> DecodeRobotsValue(std::string_view value);

// --- runs: id(8) -> record ----------------------------------------------
struct RunRecord {
  uint64_t id = 0;
  core::Timestamp started{};
  std::optional<core::Timestamp> ended;  // nullopt: never ended
  std::string summary_json;
};
std::string EncodeRunKey(uint64_t id);
std::string EncodeRunValue(const RunRecord& run);  // all but id (the key)
core::Result<RunRecord> DecodeRun(std::string_view key, std::string_view value);

}  // namespace newsvault::storage
