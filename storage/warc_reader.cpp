#include "storage/warc_reader.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "core/ascii.h"
#include "storage/warc_byte_source.h"

namespace newsvault::storage {
namespace {

std::string_view TrimSpaceTab(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<uint64_t> ParseContentLength(std::string_view text) {
  text = TrimSpaceTab(text);
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// Reads the records of one source; see storage/warc_reader.h for the rules.
class RecordParser {
 public:
  RecordParser(WarcByteSource& source, const WarcReaderOptions& options,
               const WarcRecordCallback& callback, WarcReadReport& report)
      : source_(source), options_(options), callback_(callback), report_(report) {}

  core::Status Run() {
    for (;;) {
      if (source_.fault()) {
        // Garbage inflated before zlib noticed the damage may already have
        // failed the record at this offset: one error per member is enough.
        if (report_.errors.empty() || report_.errors.back().offset != source_.fault()->offset) {
          AddError(source_.fault()->offset, source_.fault()->message);
        }
        source_.Resync();
        continue;
      }
      if (!pending_line_) {
        int c = source_.Peek();
        if (c < 0) {
          if (source_.fault()) continue;
          return core::Status::Ok();
        }
        // Blank lines between records: tolerated (extra CRLFs after a record).
        if (c == '\r' || c == '\n') {
          source_.Get();
          continue;
        }
      }
      RETURN_IF_ERROR(ReadRecord());
    }
  }

 private:
  enum class LineResult { kOk, kEnd, kTooLong };

  // One line without its CRLF (or bare LF). kEnd when the input ends first.
  LineResult ReadLine(std::string* line, size_t max_bytes) {
    line->clear();
    bool too_long = false;
    for (;;) {
      int c = source_.Get();
      if (c < 0) return LineResult::kEnd;
      if (c == '\n') break;
      if (line->size() < max_bytes) {
        line->push_back(static_cast<char>(c));
      } else {
        too_long = true;
      }
    }
    if (!line->empty() && line->back() == '\r') line->pop_back();
    return too_long ? LineResult::kTooLong : LineResult::kOk;
  }

  void AddError(uint64_t offset, std::string message) {
    ++report_.error_count;
    if (report_.errors.size() < kMaxReportedErrors) {
      report_.errors.push_back({offset, std::move(message)});
    }
  }

  // A record could not be parsed: report it unless the source already holds
  // a fault that says why (Run reports that one), then skip to where the next
  // record can start.
  void Fail(uint64_t offset, std::string message, bool at_member_start) {
    if (source_.fault()) return;
    AddError(offset, std::move(message));
    if (source_.compressed() && at_member_start) {
      source_.SkipRestOfMember();
      return;
    }
    // Plain file (or several records in one gzip stream): next "WARC/" line.
    std::string line;
    for (;;) {
      if (source_.Peek() < 0) return;
      uint64_t line_offset = source_.NextRecordOffset();
      if (ReadLine(&line, options_.max_header_line_bytes) == LineResult::kEnd) return;
      if (line.rfind("WARC/", 0) == 0) {
        pending_line_ = std::make_pair(line, line_offset);
        return;
      }
    }
  }

  core::Status ReadRecord() {
    record_.fields.clear();
    record_.oddities.clear();
    block_.clear();
    uint64_t offset = 0;
    bool at_member_start = true;
    std::string line;
    if (pending_line_) {
      line = std::move(pending_line_->first);
      offset = pending_line_->second;
      at_member_start = !source_.compressed();
      pending_line_.reset();
    } else {
      source_.Peek();
      offset = source_.NextRecordOffset();
      at_member_start = source_.NextIsMemberStart();
      LineResult r = ReadLine(&line, options_.max_header_line_bytes);
      if (r == LineResult::kEnd) {
        Fail(offset, "file ends inside a record header (cut off)", at_member_start);
        return core::Status::Ok();
      }
    }
    // WARC 1.1 §4: a record starts with the version line, e.g. "WARC/1.1".
    if (line.rfind("WARC/", 0) != 0) {
      Fail(offset, "no WARC/ version line where a record should start", at_member_start);
      return core::Status::Ok();
    }
    record_.version = TrimSpaceTab(line);
    if (record_.version != "WARC/1.0" && record_.version != "WARC/1.1") {
      record_.oddities.push_back("unknown WARC version '" + record_.version + "'");
    }
    if (!ReadFields(offset, at_member_start)) return core::Status::Ok();

    std::optional<std::string_view> length_text = record_.Field("Content-Length");
    std::optional<uint64_t> block_length;
    if (length_text) block_length = ParseContentLength(*length_text);
    if (!block_length) {
      Fail(offset,
           length_text ? "bad Content-Length '" + std::string(*length_text) + "'"
                       : std::string("no Content-Length field"),
           at_member_start);
      return core::Status::Ok();
    }
    uint64_t keep = std::min(*block_length, options_.max_block_bytes);
    uint64_t got = source_.Read(*block_length, &block_, keep);
    if (got < *block_length) {
      if (!source_.fault()) {
        AddError(offset, "file ends inside a record block: " + std::to_string(got) + " of " +
                             std::to_string(*block_length) + " bytes (cut off)");
      }
      return core::Status::Ok();
    }
    uint64_t end_of_block = source_.RawPosition();
    ReadTrailer();
    // Reading on makes the source finish the member (and check its CRC)
    // before the record is trusted.
    source_.Peek();
    uint64_t last_member = source_.LastConsumedMember();
    if (source_.fault() && source_.fault()->member == last_member) return core::Status::Ok();

    record_.offset = offset;
    if (!source_.compressed()) {
      record_.length = end_of_block - offset;
    } else {
      std::optional<uint64_t> end = source_.MemberEnd(last_member);
      bool shared =
          !at_member_start || !end || (source_.Peek() >= 0 && source_.NextMember() == last_member);
      record_.length = (end ? *end : source_.RawPosition()) - offset;
      if (shared) {
        record_.oddities.push_back(
            "record shares a gzip member with another record: offset is the member's start");
      }
    }
    record_.block = block_;
    record_.block_length = *block_length;
    record_.block_complete = keep == *block_length;
    ++report_.records;
    if (!record_.oddities.empty()) ++report_.oddities;
    return callback_(record_);
  }

  // Reads "Name: value" lines up to the blank line; false when the record
  // failed (already reported).
  bool ReadFields(uint64_t offset, bool at_member_start) {
    std::string line;
    size_t header_bytes = 0;
    for (;;) {
      LineResult r = ReadLine(&line, options_.max_header_line_bytes);
      if (r == LineResult::kEnd) {
        Fail(offset, "file ends inside a record header (cut off)", at_member_start);
        return false;
      }
      header_bytes += line.size() + 2;
      if (r == LineResult::kTooLong || header_bytes > options_.max_header_bytes) {
        Fail(offset, "record header too long", at_member_start);
        return false;
      }
      if (line.empty()) return true;
      if ((line[0] == ' ' || line[0] == '\t') && !record_.fields.empty()) {
        // A folded value (WARC 1.0 §5 allowed LWS continuation lines).
        std::string& value = record_.fields.back().value;
        value += ' ';
        value += TrimSpaceTab(line);
        record_.oddities.push_back("folded header value in '" + record_.fields.back().name + "'");
        continue;
      }
      size_t colon = line.find(':');
      if (colon == std::string::npos) {
        record_.oddities.push_back("header line without ':' ignored");
        continue;
      }
      record_.fields.push_back(
          {std::string(TrimSpaceTab(std::string_view(line).substr(0, colon))),
           std::string(TrimSpaceTab(std::string_view(line).substr(colon + 1)))});
    }
  }

  // WARC 1.1 §4: the block is followed by CRLF CRLF. Counts the line ends
  // actually there (bare LF or CR tolerated) and notes when fewer than two.
  void ReadTrailer() {
    int newlines = 0;
    while (newlines < 2) {
      int c = source_.Peek();
      if (c == '\n') {
        ++newlines;
      } else if (c != '\r') {
        break;
      }
      source_.Get();
    }
    if (newlines == 1) {
      record_.oddities.push_back("record ends with one CRLF instead of two (WARC 1.1 §4)");
    } else if (newlines == 0) {
      record_.oddities.push_back(
          "block not followed by CRLF CRLF (WARC 1.1 §4): Content-Length may be wrong");
    }
  }

  WarcByteSource& source_;
  const WarcReaderOptions& options_;
  const WarcRecordCallback& callback_;
  WarcReadReport& report_;
  WarcRecordView record_;
  std::string block_;
  std::optional<std::pair<std::string, uint64_t>> pending_line_;  // a "WARC/" line found by resync
};

}  // namespace

std::optional<std::string_view> WarcRecordView::Field(std::string_view name) const {
  for (const WarcField& field : fields) {
    if (core::EqualsIgnoreCase(field.name, name)) return field.value;
  }
  return std::nullopt;
}

core::Result<WarcReadReport> ReadWarcFile(const std::string& path,
                                          const WarcRecordCallback& callback,
                                          const WarcReaderOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<WarcByteSource> source, WarcByteSource::Open(path));
  WarcReadReport report;
  report.compressed = source->compressed();
  RecordParser parser(*source, options, callback, report);
  RETURN_IF_ERROR(parser.Run());
  return report;
}

}  // namespace newsvault::storage
