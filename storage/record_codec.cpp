#include "storage/record_codec.h"

#include <exception>
#include <iterator>
#include <limits>

#include <nlohmann/json.hpp>

#include "core/url.h"
#include "storage/byte_codec.h"

namespace newsvault::storage {
namespace {

using core::Result;
using core::Status;

constexpr uint64_t kSignBit = uint64_t{1} << 63;
constexpr size_t kTimeKeyBytes = 8;
constexpr size_t kVersionKeyBytes = 4;

// Truncation as a stable byte: the enum's order is not a storage format.
uint8_t TruncationCode(core::Truncation t) {
  switch (t) {
    case core::Truncation::kNone:
      return 0;
    case core::Truncation::kLength:
      return 1;
    case core::Truncation::kTime:
      return 2;
    case core::Truncation::kDisconnect:
      return 3;
    case core::Truncation::kUnspecified:
      return 4;
  }
  return 4;
}

bool TruncationFromCode(uint8_t code, core::Truncation* out) {
  constexpr core::Truncation kByCode[] = {core::Truncation::kNone, core::Truncation::kLength,
                                          core::Truncation::kTime, core::Truncation::kDisconnect,
                                          core::Truncation::kUnspecified};
  if (code >= std::size(kByCode)) return false;
  *out = kByCode[code];
  return true;
}

// Splits "urlkey 0x00 <suffix of n bytes>".
bool SplitKey(std::string_view key, size_t suffix_bytes, std::string_view* urlkey,
              std::string_view* suffix) {
  if (key.size() < suffix_bytes + 1) return false;
  size_t sep = key.size() - suffix_bytes - 1;
  if (key[sep] != '\0') return false;
  *urlkey = key.substr(0, sep);
  *suffix = key.substr(sep + 1);
  return true;
}

Status Damaged(std::string_view what) {
  return Status::Corruption("damaged " + std::string(what) + " record");
}

}  // namespace

std::string StorageUrlKey(std::string_view url) {
  std::string key = core::SurtKey(url);
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '\0') {
      out += "%00";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string EncodeTimeKey(core::Timestamp t) {
  std::string out;
  PutBigEndian(&out, static_cast<uint64_t>(core::ToMicros(t)) ^ kSignBit, kTimeKeyBytes);
  return out;
}

std::string CaptureKeyPrefix(std::string_view urlkey) {
  std::string out(urlkey);
  out.push_back('\0');
  return out;
}

std::string EncodeCaptureKey(std::string_view urlkey, core::Timestamp t) {
  return CaptureKeyPrefix(urlkey) + EncodeTimeKey(t);
}

std::string EncodeCaptureValue(const CaptureRecord& r) {
  std::string out;
  out.reserve(64 + r.url.size() + r.request_bytes.size() + r.response_head.size() +
              r.transfer_framing.size());
  out.push_back(static_cast<char>(kCaptureFormat));
  PutString(&out, r.url);
  PutString(&out, r.method);
  PutSignedVarint(&out, r.status_code);
  PutString(&out, r.request_bytes);
  PutString(&out, r.response_head);
  PutString(&out, r.transfer_framing);
  PutString(&out, r.payload_digest);
  PutVarint(&out, r.payload_size);
  PutString(&out, r.remote_ip);
  PutSignedVarint(&out, r.connect_time_us);
  PutSignedVarint(&out, r.total_time_us);
  out.push_back(static_cast<char>(TruncationCode(r.truncation)));
  out.push_back(static_cast<char>(r.payload_was_new ? 1 : 0));
  PutVarint(&out, r.version);
  return out;
}

bool DecodeCaptureKey(std::string_view key, std::string_view* urlkey, core::Timestamp* t) {
  std::string_view time;
  if (!SplitKey(key, kTimeKeyBytes, urlkey, &time)) return false;
  *t = core::FromMicros(static_cast<int64_t>(GetBigEndian(time) ^ kSignBit));
  return true;
}

Result<CaptureRecord> DecodeCapture(std::string_view key, std::string_view value) {
  CaptureRecord r;
  std::string_view urlkey;
  if (!DecodeCaptureKey(key, &urlkey, &r.time)) return Damaged("capture key");
  r.urlkey = std::string(urlkey);

  ByteReader in(value);
  uint8_t format = 0, truncation = 0, flags = 0;
  int64_t status = 0;
  uint64_t version = 0;
  if (!in.Byte(&format)) return Damaged("capture");
  if (format != kCaptureFormat) {
    return Status::Corruption("capture record has unknown format " + std::to_string(format));
  }
  bool ok = in.String(&r.url) && in.String(&r.method) && in.SignedVarint(&status) &&
            in.String(&r.request_bytes) && in.String(&r.response_head) &&
            in.String(&r.transfer_framing) && in.String(&r.payload_digest) &&
            in.Varint(&r.payload_size) && in.String(&r.remote_ip) &&
            in.SignedVarint(&r.connect_time_us) && in.SignedVarint(&r.total_time_us) &&
            in.Byte(&truncation) && in.Byte(&flags) && in.Varint(&version) && in.Done();
  if (!ok || !TruncationFromCode(truncation, &r.truncation) || flags > 1 ||
      status < std::numeric_limits<int>::min() || status > std::numeric_limits<int>::max() ||
      version > std::numeric_limits<uint32_t>::max()) {
    return Damaged("capture");
  }
  r.status_code = static_cast<int>(status);
  r.payload_was_new = flags == 1;
  r.version = static_cast<uint32_t>(version);
  return r;
}

std::string EncodeVersionKey(std::string_view urlkey, uint32_t number) {
  std::string out = CaptureKeyPrefix(urlkey);
  PutBigEndian(&out, number, kVersionKeyBytes);
  return out;
}

std::string EncodeVersionValue(const ArticleVersionRecord& v) {
  nlohmann::json j;
  j["format"] = kVersionFormat;
  j["time_us"] = core::ToMicros(v.time);
  j["text_digest"] = v.text_digest;
  j["article"] = v.article;
  // Why replace: a stray invalid UTF-8 byte in a title must not make dump()
  // throw and lose the capture; U+FFFD in its place is the lesser evil.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<ArticleVersionRecord> DecodeVersion(std::string_view key, std::string_view value) {
  ArticleVersionRecord v;
  std::string_view urlkey, number;
  if (!SplitKey(key, kVersionKeyBytes, &urlkey, &number)) return Damaged("version key");
  v.number = static_cast<uint32_t>(GetBigEndian(number));

  nlohmann::json j = nlohmann::json::parse(value, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Damaged("version");
  // nlohmann's typed getters throw on a type mismatch; this is the adapter
  // where that becomes a Status.
  try {
    if (j.at("format").get<int>() != kVersionFormat) {
      return Status::Corruption("version record has unknown format " + j.at("format").dump());
    }
    v.time = core::FromMicros(j.at("time_us").get<int64_t>());
    v.text_digest = j.at("text_digest").get<std::string>();
    v.article = j.at("article").get<core::Article>();
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("damaged version record: ") + e.what());
  }
  return v;
}

std::string EncodeUrlValue(const UrlRecord& r) {
  std::string out;
  out.push_back(static_cast<char>(kUrlFormat));
  PutString(&out, r.url);
  PutVarint(&out, r.captures);
  PutVarint(&out, r.latest_version);
  PutString(&out, r.latest_text_digest);
  PutSignedVarint(&out, core::ToMicros(r.first_capture));
  PutSignedVarint(&out, core::ToMicros(r.last_capture));
  PutString(&out, r.title);
  PutString(&out, r.published);
  return out;
}

Result<UrlRecord> DecodeUrlValue(std::string_view value) {
  UrlRecord r;
  ByteReader in(value);
  uint8_t format = 0;
  uint64_t version = 0;
  int64_t first = 0, last = 0;
  if (!in.Byte(&format)) return Damaged("url");
  if (format != kUrlFormat) {
    return Status::Corruption("url record has unknown format " + std::to_string(format));
  }
  bool ok = in.String(&r.url) && in.Varint(&r.captures) && in.Varint(&version) &&
            in.String(&r.latest_text_digest) && in.SignedVarint(&first) && in.SignedVarint(&last) &&
            in.String(&r.title) && in.String(&r.published) && in.Done();
  if (!ok || version > std::numeric_limits<uint32_t>::max()) return Damaged("url");
  r.latest_version = static_cast<uint32_t>(version);
  r.first_capture = core::FromMicros(first);
  r.last_capture = core::FromMicros(last);
  return r;
}

std::string EncodeCounter(uint64_t value) {
  std::string out;
  PutBigEndian(&out, value, 8);
  return out;
}

Result<uint64_t> DecodeCounter(std::string_view value) {
  if (value.size() != 8) return Damaged("counter");
  return GetBigEndian(value);
}

std::vector<std::pair<const char*, uint64_t*>> CounterFields(ArchiveStats* s) {
  return {{"urls", &s->urls},
          {"captures", &s->captures},
          {"revisits", &s->revisits},
          {"payloads", &s->payloads},
          {"payload_bytes", &s->payload_bytes},
          {"captured_bytes", &s->captured_bytes},
          {"versions", &s->versions}};
}

}  // namespace newsvault::storage
