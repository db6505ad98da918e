// Pure helpers for `newsvault import`: reading the digests, HTTP blocks and
// revisit profiles of WARC records written by other tools (wget, Heritrix,
// browsertrix, warcio) and by us, and the few HTTP heads the importer must
// make up when a record carries none.
//
// Kept apart from the streaming importer (crawler/warc_importer.h) so each
// rule is tested on literal bytes, without files or an archive.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/warc_reader.h"

namespace newsvault::crawler {

// The archive's payload key ("sha1:" + uppercase RFC 4648 base32, 32 chars)
// for a WARC digest value, or nullopt when it names another algorithm. WARC
// 1.1 §5.8 leaves the encoding open: wget and Heritrix write base32, some
// tools lowercase base32 or hex (40 digits); all are the same SHA-1.
std::optional<std::string> ArchiveDigestOf(std::string_view warc_digest);

enum class DigestCheck { kMatch, kMismatch, kUnsupported };

// Compares a WARC-Block-Digest / WARC-Payload-Digest value with `bytes`.
// SHA-1 (base32 or hex) and SHA-256 (base32 or hex) are checked; any other
// algorithm is kUnsupported (the record is not rejected for it).
DigestCheck CheckDigest(std::string_view warc_digest, std::string_view bytes);

// An application/http block cut at the end of its head (WARC 1.1 §6.3.2).
struct HttpBlockParts {
  std::string_view head;       // status line + header lines + the blank line
  std::string_view body;       // what follows, as stored (may be chunked)
  bool head_complete = false;  // a blank line ended the head; else head is the whole block
};
// Accepts CRLF CRLF, and the bare LF LF that some writers emit.
HttpBlockParts SplitHttpBlock(std::string_view block);

// Re-frames a de-chunked entity as one chunk ("SIZE CRLF DATA CRLF 0 CRLF
// CRLF", RFC 9112 §7.1), so a revisit whose head says "Transfer-Encoding:
// chunked" can be stored with the original payload: Dechunk gives `entity`
// back exactly. An empty entity is only the last chunk.
std::string SingleChunkBody(std::string_view entity);

// The head given to a `resource` record of an http(s) URL (WARC 1.1 §6.5):
// "HTTP/1.1 200 OK", its Content-Type (omitted when empty) and its
// Content-Length, as a server would have sent the same bytes.
std::string SyntheticResourceHead(std::string_view content_type, uint64_t length);

// The head given to a server-not-modified revisit that stores no HTTP
// headers (Heritrix writes an empty block, WARC 1.1 §6.7.3): "HTTP/1.1 304
// Not Modified", plus the ETag named by WARC-Etag when there is one.
std::string SyntheticNotModifiedHead(std::string_view etag);

// WARC 1.1 §6.7: the two revisit profiles, told apart by WARC-Profile
// (1.0 and 1.1 URIs alike). Anything else is kUnknown.
enum class RevisitProfile { kIdenticalPayloadDigest, kServerNotModified, kUnknown };
RevisitProfile RevisitProfileOf(std::string_view profile_uri);

// A WARC-Target-URI value without the angle brackets WARC 1.0 drafts (and
// some writers) put around it, and without surrounding spaces.
std::string_view TargetUriOf(std::string_view field_value);

// True when `block` starts with an HTTP/1.x status line ("HTTP/"), i.e. it
// holds a response and not a DNS answer or some other protocol's bytes.
bool LooksLikeHttpResponse(std::string_view block);

// What a record says about itself, kept beyond the reader's callback.
struct RecordInfo {
  std::string file;
  uint64_t offset = 0;
  std::string type;                        // WARC-Type as written
  std::string record_id;                   // WARC-Record-ID, angle brackets kept
  std::vector<std::string> concurrent_to;  // every WARC-Concurrent-To (it may repeat)
  std::string uri;                         // TargetUriOf(WARC-Target-URI)
  std::string date_text;                   // WARC-Date as written
};
RecordInfo InfoOf(const storage::WarcRecordView& record, const std::string& file);

// WARC 1.1 §5.7: a request and its response name each other with
// WARC-Concurrent-To (in either direction); for writers that link neither,
// the same URI and WARC-Date pair them.
bool ArePartners(const RecordInfo& a, const RecordInfo& b);

}  // namespace newsvault::crawler
