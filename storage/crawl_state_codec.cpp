#include "storage/crawl_state_codec.h"

#include <algorithm>

#include "storage/byte_codec.h"
#include "storage/record_codec.h"

namespace newsvault::storage {
namespace {

using core::Result;
using core::Status;

constexpr size_t kSequenceBytes = 8;
constexpr size_t kTimeBytes = 8;
constexpr uint64_t kSignBit = uint64_t{1} << 63;

Status Damaged(std::string_view what) {
  return Status::Corruption("damaged " + std::string(what) + " record");
}

// Reads the format byte; false when it is missing or unknown.
bool ReadFormat(ByteReader* in) {
  uint8_t format = 0;
  return in->Byte(&format) && format == kCrawlStateFormat;
}

void PutTime(std::string* out, core::Timestamp t) { PutSignedVarint(out, core::ToMicros(t)); }

bool ReadTime(ByteReader* in, core::Timestamp* t) {
  int64_t micros = 0;
  if (!in->SignedVarint(&micros)) return false;
  *t = core::FromMicros(micros);
  return true;
}

bool ReadInt(ByteReader* in, int* out) {
  int64_t v = 0;
  if (!in->SignedVarint(&v) || v < INT32_MIN || v > INT32_MAX) return false;
  *out = static_cast<int>(v);
  return true;
}

}  // namespace

uint8_t FrontierPriority(FrontierKind kind, int depth) {
  switch (kind) {
    case FrontierKind::kFeed:
    case FrontierKind::kSitemap:
      return 0;
    case FrontierKind::kRevisit:
      return 1;
    case FrontierKind::kPage:
      break;
  }
  return static_cast<uint8_t>(2 + std::clamp(depth, 0, 253));
}

std::string FrontierOriginPrefix(std::string_view origin) {
  std::string out(origin);
  out.push_back('\0');
  return out;
}

std::string EncodeFrontierKey(std::string_view origin, uint8_t priority, uint64_t sequence) {
  std::string out = FrontierOriginPrefix(origin);
  out.push_back(static_cast<char>(priority));
  PutBigEndian(&out, sequence, kSequenceBytes);
  return out;
}

bool DecodeFrontierKeyOrigin(std::string_view key, std::string_view* origin) {
  constexpr size_t kSuffix = 1 + 1 + kSequenceBytes;  // 0x00, priority, sequence
  if (key.size() <= kSuffix || key[key.size() - kSuffix] != '\0') return false;
  *origin = key.substr(0, key.size() - kSuffix);
  return true;
}

std::string EncodeFrontierValue(const FrontierEntry& entry) {
  std::string out;
  out.push_back(static_cast<char>(kCrawlStateFormat));
  out.push_back(static_cast<char>(entry.kind));
  PutSignedVarint(&out, entry.depth);
  PutSignedVarint(&out, entry.redirect_hops);
  PutString(&out, entry.url);
  PutString(&out, entry.site);
  PutString(&out, entry.via);
  return out;
}

Result<FrontierEntry> DecodeFrontierValue(std::string_view value) {
  ByteReader in(value);
  FrontierEntry e;
  uint8_t kind = 0;
  if (!ReadFormat(&in) || !in.Byte(&kind) || kind > static_cast<uint8_t>(FrontierKind::kRevisit) ||
      !ReadInt(&in, &e.depth) || !ReadInt(&in, &e.redirect_hops) || !in.String(&e.url) ||
      !in.String(&e.site) || !in.String(&e.via) || !in.Done()) {
    return Damaged("frontier");
  }
  e.kind = static_cast<FrontierKind>(kind);
  return e;
}

std::string EncodeSeenValue(const SeenRecord& record) {
  std::string out;
  out.push_back(static_cast<char>(record.state));
  PutVarint(&out, record.run);
  return out;
}

Result<SeenRecord> DecodeSeenValue(std::string_view value) {
  ByteReader in(value);
  uint8_t state = 0;
  SeenRecord r;
  if (!in.Byte(&state) || state < static_cast<uint8_t>(SeenState::kQueued) ||
      state > static_cast<uint8_t>(SeenState::kArticle) || !in.Varint(&r.run) || !in.Done()) {
    return Damaged("seen");
  }
  r.state = static_cast<SeenState>(state);
  return r;
}

bool ShouldEnqueue(const std::optional<SeenRecord>& seen, uint64_t run, EnqueuePolicy policy) {
  if (!seen) return true;
  switch (seen->state) {
    case SeenState::kQueued:
      return false;  // already waiting in the frontier
    case SeenState::kPage:
      return policy == EnqueuePolicy::kForce || seen->run < run;
    case SeenState::kArticle:
      return policy == EnqueuePolicy::kForce;
  }
  return false;
}

std::string EncodeRevisitValue(const RevisitState& state) {
  std::string out;
  out.push_back(static_cast<char>(kCrawlStateFormat));
  PutString(&out, state.site);
  PutTime(&out, state.last_change);
  PutTime(&out, state.last_fetch);
  PutTime(&out, state.due);
  return out;
}

Result<RevisitState> DecodeRevisitValue(std::string_view url, std::string_view value) {
  ByteReader in(value);
  RevisitState s;
  s.url = std::string(url);
  if (!ReadFormat(&in) || !in.String(&s.site) || !ReadTime(&in, &s.last_change) ||
      !ReadTime(&in, &s.last_fetch) || !ReadTime(&in, &s.due) || !in.Done()) {
    return Damaged("revisit");
  }
  return s;
}

std::string EncodeRevisitDueKey(core::Timestamp due, std::string_view url) {
  std::string out = EncodeTimeKey(due);
  out.append(url);
  return out;
}

bool DecodeRevisitDueKey(std::string_view key, core::Timestamp* due, std::string_view* url) {
  if (key.size() <= kTimeBytes) return false;
  *due = core::FromMicros(static_cast<int64_t>(GetBigEndian(key.substr(0, kTimeBytes)) ^ kSignBit));
  *url = key.substr(kTimeBytes);
  return true;
}

std::string EncodeValidatorsValue(const Validators& v) {
  std::string out;
  out.push_back(static_cast<char>(kCrawlStateFormat));
  PutString(&out, v.etag);
  PutString(&out, v.last_modified);
  return out;
}

Result<Validators> DecodeValidatorsValue(std::string_view value) {
  ByteReader in(value);
  Validators v;
  if (!ReadFormat(&in) || !in.String(&v.etag) || !in.String(&v.last_modified) || !in.Done()) {
    return Damaged("validators");
  }
  return v;
}

std::string EncodeRobotsValue(const RobotsCacheEntry& entry) {
  std::string out;
  out.push_back(static_cast<char>(kCrawlStateFormat));
  PutTime(&out, entry.fetched);
  PutSignedVarint(&out, entry.status_code);
  out.push_back(entry.network_error ? '\1' : '\0');
  PutString(&out, entry.body);
  return out;
}

Result<RobotsCacheEntry> DecodeRobotsValue(std::string_view value) {
  ByteReader in(value);
  RobotsCacheEntry e;
  uint8_t error = 0;
  if (!ReadFormat(&in) || !ReadTime(&in, &e.fetched) || !ReadInt(&in, &e.status_code) ||
      !in.Byte(&error) || error > 1 || !in.String(&e.body) || !in.Done()) {
    return Damaged("robots");
  }
  e.network_error = error == 1;
  return e;
}

std::string EncodeRunKey(uint64_t id) {
  std::string out;
  PutBigEndian(&out, id, 8);
  return out;
}

std::string EncodeRunValue(const RunRecord& run) {
  std::string out;
  out.push_back(static_cast<char>(kCrawlStateFormat));
  PutTime(&out, run.started);
  out.push_back(run.ended ? '\1' : '\0');
  if (run.ended) PutTime(&out, *run.ended);
  PutString(&out, run.summary_json);
  return out;
}

Result<RunRecord> DecodeRun(std::string_view key, std::string_view value) {
  ByteReader in(value);
  RunRecord r;
  uint8_t ended = 0;
  if (key.size() != 8 || !ReadFormat(&in) || !ReadTime(&in, &r.started) || !in.Byte(&ended) ||
      ended > 1) {
    return Damaged("run");
  }
  r.id = GetBigEndian(key);
  if (ended == 1) {
    core::Timestamp t{};
    if (!ReadTime(&in, &t)) return Damaged("run");
    r.ended = t;
  }
  if (!in.String(&r.summary_json) || !in.Done()) return Damaged("run");
  return r;
}

}  // namespace newsvault::storage
