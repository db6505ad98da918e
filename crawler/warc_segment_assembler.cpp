#include "crawler/warc_segment_assembler.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <string_view>
#include <system_error>
#include <utility>

#include "core/ascii.h"

namespace newsvault::crawler {
namespace {

constexpr std::string_view kContinuationType = "continuation";

// A WARC 1.1 "1*DIGIT" value, or nullopt when it is not one (or overflows).
std::optional<uint64_t> ParseDigits(std::optional<std::string_view> field) {
  if (!field) return std::nullopt;
  const std::string_view text = core::TrimAsciiSpace(*field);
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string Where(const RecordInfo& info) {
  return info.file + " offset " + std::to_string(info.offset);
}

// Fields of a segment that do not belong to the joined record (§7: segment
// bookkeeping, and the first segment's own length, block digest and
// truncation, which the joined record takes from the whole set instead).
bool DroppedWhenJoined(std::string_view name) {
  for (std::string_view dropped :
       {"Content-Length", "WARC-Block-Digest", "WARC-Truncated", "WARC-Segment-Number",
        "WARC-Segment-Origin-ID", "WARC-Segment-Total-Length"}) {
    if (core::EqualsIgnoreCase(name, dropped)) return true;
  }
  return false;
}

}  // namespace

storage::WarcRecordView JoinedWarcRecord::View() const {
  storage::WarcRecordView view;
  view.version = version;
  view.fields = fields;
  view.block = block;
  view.block_length = block.size();
  view.offset = info.offset;
  return view;
}

WarcSegmentAssembler::WarcSegmentAssembler(WarcSegmentOptions options) : options_(options) {}

WarcSegmentAssembler::~WarcSegmentAssembler() = default;

bool WarcSegmentAssembler::IsSegment(const storage::WarcRecordView& record) {
  return record.Field("WARC-Segment-Number").has_value() ||
         core::EqualsIgnoreCase(core::TrimAsciiSpace(record.type()), kContinuationType);
}

WarcSegmentAssembler::AddResult WarcSegmentAssembler::Add(const storage::WarcRecordView& record,
                                                          const RecordInfo& info) {
  AddResult result;
  std::vector<Problem>& problems = result.problems;
  const bool continuation =
      core::EqualsIgnoreCase(core::TrimAsciiSpace(info.type), kContinuationType);
  const std::optional<std::string_view> number_field = record.Field("WARC-Segment-Number");
  const std::optional<uint64_t> number = ParseDigits(number_field);
  // §5 WARC-Segment-Number: "1" on the first segment, 2, 3... on continuations.
  if (!number || *number == 0 || (continuation ? *number < 2 : *number != 1)) {
    problems.push_back({info, "invalid WARC-Segment-Number",
                        number_field ? std::string(*number_field) : "missing"});
    return result;
  }
  std::string origin_id =
      continuation
          ? std::string(core::TrimAsciiSpace(record.Field("WARC-Segment-Origin-ID").value_or("")))
          : info.record_id;
  if (origin_id.empty()) {
    problems.push_back({info,
                        continuation ? "continuation without WARC-Segment-Origin-ID"
                                     : "segment without WARC-Record-ID",
                        ""});
    return result;
  }
  PendingSet& set = SetFor(origin_id, problems);
  if (set.broken) return result;  // its problem is already reported

  if (auto seen = set.segments.find(*number); seen != set.segments.end()) {
    Break(set,
          {info, "duplicate segment number",
           "segment " + std::to_string(*number) + " of " + origin_id + " was also at " +
               Where(seen->second.info)},
          problems);
    return result;
  }
  if (!record.block_complete || set.bytes + record.block.size() > options_.max_block_bytes) {
    Break(set,
          {info, "record larger than the import limit",
           "segments of " + origin_id + " pass " + std::to_string(options_.max_block_bytes) +
               " bytes"},
          problems);
    return result;
  }
  if (std::optional<std::string_view> digest = record.Field("WARC-Block-Digest")) {
    // §7: a segment's own block digest covers that segment's block only.
    if (CheckDigest(*digest, record.block) == DigestCheck::kMismatch) {
      Break(set, {info, "block digest mismatch", std::string(*digest)}, problems);
      return result;
    }
  }
  const std::optional<std::string_view> total_field = record.Field("WARC-Segment-Total-Length");
  const bool last = continuation && total_field.has_value();
  if (last) {
    if (!ParseDigits(total_field)) {
      Break(set, {info, "invalid WARC-Segment-Total-Length", std::string(*total_field)}, problems);
      return result;
    }
    if (set.last_number) {
      Break(set,
            {info, "segment total length mismatch",
             "segments " + std::to_string(*set.last_number) + " and " + std::to_string(*number) +
                 " both carry WARC-Segment-Total-Length"},
            problems);
      return result;
    }
  }
  const uint64_t highest = set.segments.empty() ? 0 : set.segments.rbegin()->first;
  if ((set.last_number && *number > *set.last_number) || (last && highest > *number)) {
    Break(set,
          {info, "segment number after the last segment",
           "segment " + std::to_string(std::max(*number, highest)) + " of " + origin_id +
               " is past the last, " + std::to_string(last ? *number : *set.last_number)},
          problems);
    return result;
  }

  Segment segment{info, record.block.size(), {}};
  if (std::string error; !Spill(record.block, segment.spill, error)) {
    Break(set, {info, "segment spill failed", error}, problems);
    return result;
  }
  set.bytes += segment.length;
  set.segments.emplace(*number, std::move(segment));
  if (!continuation) {
    set.first = info;
    set.version = record.version;
    set.first_fields = record.fields;
  }
  if (last) {
    set.last_number = *number;
    set.total_length = *ParseDigits(total_field);
    set.last_truncated =
        std::string(core::TrimAsciiSpace(record.Field("WARC-Truncated").value_or("")));
  }
  TryJoin(set, problems, result.joined);
  return result;
}

bool WarcSegmentAssembler::AttachRequest(const RecordInfo& info, std::string_view bytes) {
  for (PendingSet& set : sets_) {
    if (!set.broken && set.first && !set.request_info && ArePartners(*set.first, info)) {
      set.request_info = info;
      set.request_bytes = std::string(bytes);
      return true;
    }
  }
  return false;
}

std::vector<WarcSegmentAssembler::Problem> WarcSegmentAssembler::Finish() {
  std::vector<Problem> problems;
  for (PendingSet& set : sets_) {
    std::vector<Problem> given_up = GiveUp(set);
    problems.insert(problems.end(), given_up.begin(), given_up.end());
  }
  sets_.clear();
  return problems;
}

WarcSegmentAssembler::PendingSet& WarcSegmentAssembler::SetFor(const std::string& origin_id,
                                                               std::vector<Problem>& problems) {
  for (PendingSet& set : sets_) {
    if (set.origin_id == origin_id) return set;
  }
  if (sets_.size() >= options_.max_pending) {
    // Bounded memory and disk: the set waiting longest is the least likely to end.
    std::vector<Problem> given_up = GiveUp(sets_.front());
    for (Problem& p : given_up) {
      p.detail += " (given up: more than " + std::to_string(options_.max_pending) +
                  " segmented records waiting)";
      problems.push_back(std::move(p));
    }
    sets_.pop_front();
  }
  sets_.emplace_back();
  sets_.back().origin_id = origin_id;
  return sets_.back();
}

void WarcSegmentAssembler::DropSegments(PendingSet& set) {
  for (auto& [number, segment] : set.segments) {
    std::error_code ignored;
    std::filesystem::remove(segment.spill, ignored);
  }
  set.segments.clear();
}

void WarcSegmentAssembler::Break(PendingSet& set, Problem problem, std::vector<Problem>& problems) {
  DropSegments(set);
  set.first_fields.clear();
  set.request_bytes.clear();
  set.broken = true;
  problems.push_back(std::move(problem));
}

bool WarcSegmentAssembler::Spill(std::string_view block, std::filesystem::path& path,
                                 std::string& error) {
  std::error_code ec;
  if (!spill_dir_.created()) {
    // A directory of our own (mkdtemp, mode 0700), so no other process can
    // own the spill files.
    const std::filesystem::path tmp = std::filesystem::temp_directory_path(ec);
    if (ec) {
      error = "no temporary directory: " + ec.message();
      return false;
    }
    if (core::Status s = spill_dir_.Create((tmp / "newsvault-segments").string()); !s.ok()) {
      error = s.message();
      return false;
    }
  }
  path = std::filesystem::path(spill_dir_.path()) / (std::to_string(++spill_counter_) + ".segment");
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(block.data(), static_cast<std::streamsize>(block.size()));
  out.close();
  if (!out) {
    error = "cannot write " + path.string();
    std::filesystem::remove(path, ec);
    path.clear();
    return false;
  }
  return true;
}

void WarcSegmentAssembler::TryJoin(PendingSet& set, std::vector<Problem>& problems,
                                   std::optional<JoinedWarcRecord>& joined) {
  // Numbers are unique (map keys) and none is past the last, so as many
  // segments as the last one's number means all of them are in.
  if (!set.first || !set.last_number || set.segments.size() != *set.last_number) return;
  const Segment& last = set.segments.at(*set.last_number);
  if (set.bytes != set.total_length) {
    Break(set,
          {last.info, "segment total length mismatch",
           "segment blocks add up to " + std::to_string(set.bytes) +
               " bytes, WARC-Segment-Total-Length says " + std::to_string(set.total_length)},
          problems);
    return;
  }
  JoinedWarcRecord record;
  record.info = *set.first;
  record.version = set.version;
  record.block.reserve(set.total_length);
  for (const auto& [number, segment] : set.segments) {
    std::ifstream in(segment.spill, std::ios::binary);
    std::string bytes(segment.length, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!in || static_cast<uint64_t>(in.gcount()) != segment.length) {
      Break(set, {segment.info, "segment spill failed", "cannot read " + segment.spill.string()},
            problems);
      return;
    }
    record.block += bytes;
  }
  // §7: the joined record takes the total as its Content-Length and the
  // last segment's WARC-Truncated.
  for (const storage::WarcField& f : set.first_fields) {
    if (!DroppedWhenJoined(f.name)) record.fields.push_back(f);
  }
  record.fields.push_back({"Content-Length", std::to_string(set.total_length)});
  if (!set.last_truncated.empty()) record.fields.push_back({"WARC-Truncated", set.last_truncated});
  record.request_info = std::move(set.request_info);
  record.request_bytes = std::move(set.request_bytes);
  joined = std::move(record);
  Erase(set.origin_id);
}

void WarcSegmentAssembler::Erase(const std::string& origin_id) {
  for (auto it = sets_.begin(); it != sets_.end(); ++it) {
    if (it->origin_id != origin_id) continue;
    DropSegments(*it);
    sets_.erase(it);
    return;
  }
}

std::vector<WarcSegmentAssembler::Problem> WarcSegmentAssembler::GiveUp(PendingSet& set) {
  std::vector<Problem> problems;
  if (!set.broken) {
    if (set.first) {
      std::string have;
      for (const auto& [number, segment] : set.segments) {
        have += (have.empty() ? "" : ", ") + std::to_string(number);
      }
      problems.push_back({*set.first, "incomplete segmented record",
                          "have segment(s) " + have +
                              (set.last_number ? " of " + std::to_string(*set.last_number)
                                               : "; no last segment (WARC-Segment-Total-Length)")});
    } else {
      for (const auto& [number, segment] : set.segments) {
        problems.push_back({segment.info, "orphan continuation",
                            "no first segment " + set.origin_id + " in this import"});
      }
    }
  }
  DropSegments(set);
  return problems;
}

}  // namespace newsvault::crawler
