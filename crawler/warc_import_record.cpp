#include "crawler/warc_import_record.h"

#include <cstdio>

#include "core/ascii.h"
#include "core/digest.h"

namespace newsvault::crawler {
namespace {

constexpr size_t kSha1Base32Chars = 32;
constexpr size_t kSha1HexChars = 40;
constexpr size_t kSha256HexChars = 64;

// "label:value" split at the first ':'; the label lowercased.
struct LabelledDigest {
  std::string label;
  std::string_view value;
};

std::optional<LabelledDigest> SplitDigest(std::string_view text) {
  text = core::TrimAsciiSpace(text);
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  return LabelledDigest{core::AsciiLowercase(text.substr(0, colon)),
                        core::TrimAsciiSpace(text.substr(colon + 1))};
}

bool AllHex(std::string_view s) {
  for (char c : s) {
    if (!core::IsAsciiHexDigit(c)) return false;
  }
  return true;
}

std::string HexToRaw(std::string_view hex) {
  std::string raw;
  raw.reserve(hex.size() / 2);
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    raw.push_back(
        static_cast<char>(core::HexDigitValue(hex[i]) * 16 + core::HexDigitValue(hex[i + 1])));
  }
  return raw;
}

std::string Uppercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = core::AsciiUpper(c);
  return out;
}

// The base32 form (uppercase) of a digest written as base32 or hex of
// `hex_chars` digits; empty when it is neither.
std::string Base32Form(std::string_view value, size_t hex_chars) {
  if (value.size() == hex_chars && AllHex(value)) return core::Base32Encode(HexToRaw(value));
  return Uppercase(value);
}

}  // namespace

std::optional<std::string> ArchiveDigestOf(std::string_view warc_digest) {
  std::optional<LabelledDigest> d = SplitDigest(warc_digest);
  if (!d || (d->label != "sha1" && d->label != "sha-1")) return std::nullopt;
  std::string base32 = Base32Form(d->value, kSha1HexChars);
  if (base32.size() != kSha1Base32Chars) return std::nullopt;
  return "sha1:" + base32;
}

DigestCheck CheckDigest(std::string_view warc_digest, std::string_view bytes) {
  std::optional<LabelledDigest> d = SplitDigest(warc_digest);
  if (!d) return DigestCheck::kUnsupported;
  if (d->label == "sha1" || d->label == "sha-1") {
    std::optional<std::string> expected = ArchiveDigestOf(warc_digest);
    if (!expected) return DigestCheck::kMismatch;
    return *expected == core::Sha1Base32Digest(bytes) ? DigestCheck::kMatch
                                                      : DigestCheck::kMismatch;
  }
  if (d->label == "sha256" || d->label == "sha-256") {
    const std::string hex = core::Sha256Hex(bytes);
    if (d->value.size() == kSha256HexChars && AllHex(d->value)) {
      return core::AsciiLowercase(d->value) == hex ? DigestCheck::kMatch : DigestCheck::kMismatch;
    }
    return Uppercase(d->value) == core::Base32Encode(HexToRaw(hex)) ? DigestCheck::kMatch
                                                                    : DigestCheck::kMismatch;
  }
  return DigestCheck::kUnsupported;
}

HttpBlockParts SplitHttpBlock(std::string_view block) {
  HttpBlockParts parts;
  size_t crlf = block.find("\r\n\r\n");
  size_t lf = block.find("\n\n");
  size_t end = std::string_view::npos;
  if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf < lf)) {
    end = crlf + 4;
  } else if (lf != std::string_view::npos) {
    end = lf + 2;
  }
  if (end == std::string_view::npos) {
    parts.head = block;
    return parts;
  }
  parts.head = block.substr(0, end);
  parts.body = block.substr(end);
  parts.head_complete = true;
  return parts;
}

std::string SingleChunkBody(std::string_view entity) {
  std::string out;
  if (!entity.empty()) {
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", entity.size());
    out.append(size).append(entity).append("\r\n");
  }
  out.append("0\r\n\r\n");
  return out;
}

std::string SyntheticResourceHead(std::string_view content_type, uint64_t length) {
  std::string head = "HTTP/1.1 200 OK\r\n";
  if (!content_type.empty()) head.append("Content-Type: ").append(content_type).append("\r\n");
  head.append("Content-Length: ").append(std::to_string(length)).append("\r\n\r\n");
  return head;
}

std::string SyntheticNotModifiedHead(std::string_view etag) {
  std::string head = "HTTP/1.1 304 Not Modified\r\n";
  etag = core::TrimAsciiSpace(etag);
  if (!etag.empty()) head.append("ETag: ").append(etag).append("\r\n");
  head.append("\r\n");
  return head;
}

RevisitProfile RevisitProfileOf(std::string_view profile_uri) {
  const std::string uri = core::AsciiLowercase(core::TrimAsciiSpace(profile_uri));
  if (uri.ends_with("/revisit/identical-payload-digest")) {
    return RevisitProfile::kIdenticalPayloadDigest;
  }
  if (uri.ends_with("/revisit/server-not-modified")) return RevisitProfile::kServerNotModified;
  return RevisitProfile::kUnknown;
}

std::string_view TargetUriOf(std::string_view field_value) {
  std::string_view v = core::TrimAsciiSpace(field_value);
  if (v.size() >= 2 && v.front() == '<' && v.back() == '>') v = v.substr(1, v.size() - 2);
  return core::TrimAsciiSpace(v);
}

bool LooksLikeHttpResponse(std::string_view block) { return block.starts_with("HTTP/"); }

RecordInfo InfoOf(const storage::WarcRecordView& r, const std::string& file) {
  RecordInfo info{file,
                  r.offset,
                  std::string(r.type()),
                  std::string(core::TrimAsciiSpace(r.Field("WARC-Record-ID").value_or(""))),
                  {},
                  std::string(TargetUriOf(r.Field("WARC-Target-URI").value_or(""))),
                  std::string(core::TrimAsciiSpace(r.Field("WARC-Date").value_or("")))};
  for (const storage::WarcField& f : r.fields) {
    if (core::EqualsIgnoreCase(f.name, "WARC-Concurrent-To")) {
      info.concurrent_to.emplace_back(core::TrimAsciiSpace(f.value));
    }
  }
  return info;
}

namespace {

bool Names(const std::vector<std::string>& ids, const std::string& id) {
  if (id.empty()) return false;
  for (const std::string& x : ids) {
    if (x == id) return true;
  }
  return false;
}

}  // namespace

bool ArePartners(const RecordInfo& a, const RecordInfo& b) {
  if (Names(a.concurrent_to, b.record_id) || Names(b.concurrent_to, a.record_id)) return true;
  return a.concurrent_to.empty() && b.concurrent_to.empty() && a.uri == b.uri &&
         a.date_text == b.date_text && !a.uri.empty();
}

}  // namespace newsvault::crawler
