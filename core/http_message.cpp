#include "core/http_message.h"

#include <cstdint>
#include <utility>

#include "core/ascii.h"

namespace newsvault::core {
namespace {

// Splits `text` at LF; a CR before the LF is dropped (RFC 9112 §2.2 lets
// recipients accept a bare LF as a line terminator).
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}
  bool Done() const { return pos_ >= text_.size(); }
  std::string_view Next() {
    size_t lf = text_.find('\n', pos_);
    size_t end = lf == std::string_view::npos ? text_.size() : lf;
    std::string_view line = text_.substr(pos_, end - pos_);
    pos_ = lf == std::string_view::npos ? text_.size() : lf + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

bool IsSpaceOrTab(char c) { return c == ' ' || c == '\t'; }

std::string_view TrimSpaceTab(std::string_view s) {
  while (!s.empty() && IsSpaceOrTab(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpaceOrTab(s.back())) s.remove_suffix(1);
  return s;
}

Result<ResponseHead> ParseStatusLine(std::string_view line) {
  // RFC 9112 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ]
  if (!StartsWithIgnoreCase(line, "HTTP/")) {
    return Status::Corruption("response has no HTTP status line");
  }
  ResponseHead head;
  size_t sp = line.find(' ');
  if (sp == std::string_view::npos)
    return Status::Corruption("HTTP status line has no status code");
  head.http_version = std::string(line.substr(0, sp));
  std::string_view rest = line.substr(sp);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.size() < 3 || !IsAsciiDigit(rest[0]) || !IsAsciiDigit(rest[1]) ||
      !IsAsciiDigit(rest[2]) || (rest.size() > 3 && rest[3] != ' ')) {
    return Status::Corruption("malformed HTTP status code in '" + std::string(line) + "'");
  }
  head.status_code = (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
  head.reason = std::string(TrimSpaceTab(rest.substr(3)));
  return head;
}

// --- Dechunk ---------------------------------------------------------------

constexpr char kFramingVersion = 1;

void PutVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view in, size_t& pos, uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64 && pos < in.size(); shift += 7) {
    auto byte = static_cast<uint8_t>(in[pos++]);
    v |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

// Walks the chunked syntax and records which byte ranges of `raw` are chunk
// data; everything else is framing.
class ChunkScanner {
 public:
  explicit ChunkScanner(std::string_view raw) : raw_(raw) {}

  void Run() {
    while (ScanChunk()) {
    }
  }

  const std::vector<std::pair<size_t, size_t>>& data() const { return data_; }
  bool complete() const { return complete_; }
  bool framing_error() const { return framing_error_; }

 private:
  // Returns true when another chunk follows.
  bool ScanChunk() {
    const size_t n = raw_.size();
    if (pos_ == n) return false;  // cut off before a size line
    // chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF (RFC 9112 §7.1)
    size_t lf = raw_.find('\n', pos_);
    size_t line_end = lf == std::string_view::npos ? n : lf;
    uint64_t size = 0;
    if (!ParseSizeLine(raw_.substr(pos_, line_end - pos_), size)) return Fail(pos_);
    if (lf == std::string_view::npos) {
      pos_ = n;  // cut off inside the size line
      return false;
    }
    pos_ = lf + 1;
    if (size == 0) return ScanTrailers();
    size_t avail = n - pos_;
    size_t take = size < avail ? static_cast<size_t>(size) : avail;
    AddData(pos_, pos_ + take);
    pos_ += take;
    if (take < size || pos_ == n) return false;  // cut off in or right after the data
    if (raw_[pos_] == '\n') {
      pos_ += 1;
      return true;
    }
    if (raw_[pos_] == '\r') {
      if (pos_ + 1 == n) {
        pos_ = n;
        return false;
      }
      if (raw_[pos_ + 1] == '\n') {
        pos_ += 2;
        return true;
      }
    }
    return Fail(pos_);  // the data is not followed by CRLF: the size lied
  }

  // A size line, possibly cut off: 1*HEXDIG, then optional BWS, ';' and
  // extensions (kept verbatim, not interpreted), then an optional CR.
  static bool ParseSizeLine(std::string_view line, uint64_t& size) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t i = 0;
    size = 0;
    while (i < line.size() && IsAsciiHexDigit(line[i])) {
      if (size > (UINT64_MAX >> 4)) return false;  // no body is that large
      size = (size << 4) | static_cast<uint64_t>(HexDigitValue(line[i]));
      ++i;
    }
    if (i == 0) return false;
    while (i < line.size() && IsSpaceOrTab(line[i])) ++i;
    return i == line.size() || line[i] == ';';
  }

  bool ScanTrailers() {
    // last-chunk trailer-section CRLF: lines up to an empty one.
    while (pos_ < raw_.size()) {
      size_t lf = raw_.find('\n', pos_);
      if (lf == std::string_view::npos) break;  // cut off inside a trailer
      std::string_view line = raw_.substr(pos_, lf - pos_);
      pos_ = lf + 1;
      if (line.empty() || line == "\r") {
        complete_ = true;
        break;
      }
    }
    return false;  // anything left after the body stays framing
  }

  bool Fail(size_t at) {
    // Nothing received may be lost: the rest is kept as entity data.
    framing_error_ = true;
    AddData(at, raw_.size());
    pos_ = raw_.size();
    return false;
  }

  void AddData(size_t begin, size_t end) {
    if (begin == end) return;
    if (!data_.empty() && data_.back().second == begin) {
      data_.back().second = end;
    } else {
      data_.emplace_back(begin, end);
    }
  }

  std::string_view raw_;
  size_t pos_ = 0;
  std::vector<std::pair<size_t, size_t>> data_;
  bool complete_ = false;
  bool framing_error_ = false;
};

}  // namespace

Result<ResponseHead> ParseResponseHead(std::string_view head) {
  LineReader lines(head);
  std::string_view first;
  // Tolerate stray empty lines before the status line (RFC 9112 §2.2).
  while (!lines.Done() && first.empty()) first = lines.Next();
  ASSIGN_OR_RETURN(ResponseHead parsed, ParseStatusLine(first));
  while (!lines.Done()) {
    std::string_view line = lines.Next();
    if (line.empty()) break;
    if (IsSpaceOrTab(line.front())) {
      // Obsolete line folding (RFC 9112 §5.2): replace the fold with one space.
      if (!parsed.headers.empty()) {
        std::string_view more = TrimSpaceTab(line);
        std::string& value = parsed.headers.back().value;
        if (!more.empty()) {
          if (!value.empty()) value += ' ';
          value += more;
        }
      }
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // not a field line: skip it
    std::string_view name = TrimSpaceTab(line.substr(0, colon));
    if (name.empty()) continue;
    parsed.headers.push_back(
        {std::string(name), std::string(TrimSpaceTab(line.substr(colon + 1)))});
  }
  return parsed;
}

std::optional<std::string_view> FindHeader(const std::vector<HttpHeader>& headers,
                                           std::string_view name) {
  for (const HttpHeader& h : headers) {
    if (EqualsIgnoreCase(h.name, name)) return std::string_view(h.value);
  }
  return std::nullopt;
}

bool IsChunked(const std::vector<HttpHeader>& headers) {
  // RFC 9112 §6.1: Transfer-Encoding lists codings in the order applied; the
  // body is chunked when chunked is the last one. Repeated fields form one list.
  std::string_view last;
  for (const HttpHeader& h : headers) {
    if (!EqualsIgnoreCase(h.name, "Transfer-Encoding")) continue;
    std::string_view list = h.value;
    while (!list.empty()) {
      size_t comma = list.find(',');
      std::string_view item = list.substr(0, comma);
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      item = TrimAsciiSpace(item.substr(0, item.find(';')));
      if (!item.empty()) last = item;
    }
  }
  return EqualsIgnoreCase(last, "chunked");
}

DechunkResult Dechunk(std::string_view raw) {
  ChunkScanner scanner(raw);
  scanner.Run();
  DechunkResult result;
  result.complete = scanner.complete();
  result.framing_error = scanner.framing_error();
  const auto& data = scanner.data();
  size_t data_bytes = 0;
  for (const auto& [begin, end] : data) data_bytes += end - begin;
  result.entity.reserve(data_bytes);
  result.framing.reserve(raw.size() - data_bytes + 2 * data.size() + 8);

  result.framing.push_back(kFramingVersion);
  size_t pos = 0;
  auto put_framing_up_to = [&](size_t end) {
    PutVarint(result.framing, end - pos);
    result.framing.append(raw.substr(pos, end - pos));
    pos = end;
  };
  put_framing_up_to(data.empty() ? raw.size() : data.front().first);
  for (size_t i = 0; i < data.size(); ++i) {
    auto [begin, end] = data[i];
    PutVarint(result.framing, end - begin);
    result.entity.append(raw.substr(begin, end - begin));
    pos = end;
    put_framing_up_to(i + 1 < data.size() ? data[i + 1].first : raw.size());
  }
  return result;
}

Result<std::string> Rechunk(std::string_view entity, std::string_view framing) {
  if (framing.empty() || framing[0] != kFramingVersion) {
    return Status::Corruption("unknown transfer framing version");
  }
  std::string out;
  out.reserve(entity.size() + framing.size());
  size_t pos = 1;
  size_t used = 0;
  auto copy_framing = [&]() -> Status {
    uint64_t len = 0;
    if (!GetVarint(framing, pos, len) || len > framing.size() - pos) {
      return Status::Corruption("transfer framing is damaged");
    }
    out.append(framing.substr(pos, static_cast<size_t>(len)));
    pos += static_cast<size_t>(len);
    return Status::Ok();
  };
  RETURN_IF_ERROR(copy_framing());
  while (pos < framing.size()) {
    uint64_t len = 0;
    if (!GetVarint(framing, pos, len)) return Status::Corruption("transfer framing is damaged");
    if (len > entity.size() - used) {
      return Status::Corruption("transfer framing needs more data than the entity's " +
                                std::to_string(entity.size()) + " bytes");
    }
    out.append(entity.substr(used, static_cast<size_t>(len)));
    used += static_cast<size_t>(len);
    RETURN_IF_ERROR(copy_framing());
  }
  if (used != entity.size()) {
    return Status::Corruption("transfer framing covers " + std::to_string(used) +
                              " bytes of an entity of " + std::to_string(entity.size()));
  }
  return out;
}

}  // namespace newsvault::core
