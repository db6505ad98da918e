// WarcSegmentAssembler: joins segmented WARC records back into the logical
// record they were cut from (WARC 1.1 §6.9 'continuation', §7 "Record
// segmentation"), for `newsvault import`.
//
// The rules read from the spec:
// - the first segment keeps the original record type and carries
//   "WARC-Segment-Number: 1"; every later segment is a 'continuation' with
//   the next number and WARC-Segment-Origin-ID = the first segment's
//   WARC-Record-ID; the last one carries WARC-Segment-Total-Length, the
//   length of all segment blocks put together, and may carry WARC-Truncated;
// - the logical block is the segment blocks appended in number order; it
//   takes the total length as its Content-Length and the last segment's
//   WARC-Truncated; the first segment's WARC-Payload-Digest is the digest of
//   the logical payload, while each segment's own WARC-Block-Digest covers
//   that segment's block only (so it is checked here, segment by segment, and
//   dropped from the joined record).
//
// Segments may arrive in any order, interleaved with other records and spread
// over several files of one import. Memory stays bounded: a waiting segment's
// block goes to a temporary file of its own set (removed when the set is
// joined or given up), only headers stay in memory, at most `max_pending`
// sets wait (the oldest is given up beyond that) and a logical block larger
// than `max_block_bytes` is given up as soon as its segments pass that size.
//
// Every segment that cannot be used ends as a Problem (a skip for the
// import's summary) and never as an error: an orphan continuation, a
// duplicate or invalid segment number, a total length that does not match,
// a segment block digest mismatch, a set still incomplete at Finish().
//
// Thread safety: one assembler per importer (per thread).
#pragma once

#include <cstdint>
#include <filesystem>
#include <list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "crawler/warc_import_record.h"
#include "storage/temp_directory.h"
#include "storage/warc_reader.h"

namespace newsvault::crawler {

struct WarcSegmentOptions {
  // Largest logical block joined (the importer's record cap). Default 64 MiB.
  uint64_t max_block_bytes = 64ull << 20;
  // Most logical records waiting for segments at once. Default 64.
  size_t max_pending = 64;
};

// A joined logical record: the first segment's fields (Content-Length set to
// the total, segment fields and WARC-Block-Digest removed, WARC-Truncated
// taken from the last segment) and the whole block.
struct JoinedWarcRecord {
  RecordInfo info;  // the first segment's (file and offset included)
  std::string version;
  std::vector<storage::WarcField> fields;
  std::string block;
  // The request record paired with the first segment while it waited, if any.
  std::optional<RecordInfo> request_info;
  std::string request_bytes;

  // A reader's view of the record (valid while this object lives).
  storage::WarcRecordView View() const;
};

class WarcSegmentAssembler {
 public:
  // A segment (or a whole logical record) that cannot be imported.
  struct Problem {
    RecordInfo info;  // the record the problem was found on
    std::string reason;
    std::string detail;
  };
  struct AddResult {
    std::vector<Problem> problems;
    std::optional<JoinedWarcRecord> joined;  // set when this segment completed a record
  };

  explicit WarcSegmentAssembler(WarcSegmentOptions options = {});
  ~WarcSegmentAssembler();
  WarcSegmentAssembler(const WarcSegmentAssembler&) = delete;
  WarcSegmentAssembler& operator=(const WarcSegmentAssembler&) = delete;

  // True when `record` is a segment: it has WARC-Segment-Number or is a
  // 'continuation'.
  static bool IsSegment(const storage::WarcRecordView& record);

  // Takes one segment (IsSegment(record)); `info` is InfoOf(record).
  AddResult Add(const storage::WarcRecordView& record, const RecordInfo& info);

  // Keeps a request record with the waiting first segment it partners
  // (ArePartners), so the joined record can get it back; false when none.
  bool AttachRequest(const RecordInfo& info, std::string_view bytes);

  // Gives up every set still waiting: each becomes one Problem ("incomplete
  // segmented record" at its first segment, or "orphan continuation" at each
  // continuation when the first segment never came). Sets already reported
  // broken end silently.
  std::vector<Problem> Finish();

  size_t pending() const { return sets_.size(); }

 private:
  struct Segment {
    RecordInfo info;
    uint64_t length = 0;
    std::filesystem::path spill;  // its block
  };
  struct PendingSet {
    std::string origin_id;
    std::optional<RecordInfo> first;
    std::string version;
    std::vector<storage::WarcField> first_fields;
    std::map<uint64_t, Segment> segments;  // by segment number
    std::optional<uint64_t> last_number;   // the segment with the total length
    uint64_t total_length = 0;
    std::string last_truncated;
    uint64_t bytes = 0;   // blocks held so far
    bool broken = false;  // reported; later segments are absorbed silently
    std::optional<RecordInfo> request_info;
    std::string request_bytes;
  };

  PendingSet& SetFor(const std::string& origin_id, std::vector<Problem>& problems);
  // Removes the spilled blocks of `set` and forgets its segments.
  static void DropSegments(PendingSet& set);
  // Marks `set` broken, frees its spilled blocks, and reports `problem`.
  void Break(PendingSet& set, Problem problem, std::vector<Problem>& problems);
  // Writes `block` beside the set's other segments; false on an I/O failure.
  bool Spill(std::string_view block, std::filesystem::path& path, std::string& error);
  // Checks a set whose first and last segments are in; fills `joined` when
  // it is whole, breaks it when it cannot be.
  void TryJoin(PendingSet& set, std::vector<Problem>& problems,
               std::optional<JoinedWarcRecord>& joined);
  void Erase(const std::string& origin_id);
  std::vector<Problem> GiveUp(PendingSet& set);

  const WarcSegmentOptions options_;
  storage::TempDirectory spill_dir_;  // created on first use, removed with us
  uint64_t spill_counter_ = 0;
  std::list<PendingSet> sets_;  // oldest first
};

}  // namespace newsvault::crawler
