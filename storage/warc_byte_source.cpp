#include "storage/warc_byte_source.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace newsvault::storage {
namespace {

constexpr size_t kInputBufferBytes = 64 * 1024;
constexpr size_t kOutputBufferBytes = 64 * 1024;
// 15 = the largest window; +32 lets zlib detect a gzip or zlib wrapper itself.
constexpr int kInflateWindowBits = 15 + 32;
// Members whose ends we remember: a record's last byte is at most a couple of
// (possibly empty) members behind the next byte.
constexpr size_t kRememberedMemberEnds = 8;

}  // namespace

struct WarcByteSource::Inflater {
  z_stream stream{};
  bool initialized = false;
  ~Inflater() {
    if (initialized) inflateEnd(&stream);
  }
};

core::Result<std::unique_ptr<WarcByteSource>> WarcByteSource::Open(const std::string& path) {
  std::unique_ptr<std::FILE, FileClose> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    int err = errno;
    std::string message = "cannot open " + path + ": " + std::strerror(err);
    return err == ENOENT ? core::Status::NotFound(message) : core::Status::IoError(message);
  }
  unsigned char magic[2] = {0, 0};
  size_t got = std::fread(magic, 1, 2, file.get());
  if (std::ferror(file.get())) return core::Status::IoError("cannot read " + path);
  // RFC 1952 §2.3.1: every gzip member starts with ID1 ID2 = 0x1f 0x8b.
  bool gzip = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  std::rewind(file.get());
  auto source = std::unique_ptr<WarcByteSource>(new WarcByteSource(std::move(file), gzip));
  if (gzip) {
    source->inflater_ = std::make_unique<Inflater>();
    if (inflateInit2(&source->inflater_->stream, kInflateWindowBits) != Z_OK) {
      return core::Status::Internal("cannot start zlib inflate (out of memory?)");
    }
    source->inflater_->initialized = true;
  }
  return source;
}

WarcByteSource::WarcByteSource(std::unique_ptr<std::FILE, FileClose> file, bool compressed)
    : file_(std::move(file)),
      compressed_(compressed),
      in_(kInputBufferBytes),
      out_(kOutputBufferBytes) {}

WarcByteSource::~WarcByteSource() = default;

int WarcByteSource::Peek() {
  if (out_pos_ == out_len_ && !Fill()) return -1;
  return static_cast<unsigned char>(out_[out_pos_]);
}

int WarcByteSource::Get() {
  int c = Peek();
  if (c >= 0) {
    ++out_pos_;
    last_consumed_member_ = out_member_;
  }
  return c;
}

uint64_t WarcByteSource::Read(uint64_t n, std::string* out, uint64_t keep) {
  uint64_t done = 0;
  while (done < n) {
    if (out_pos_ == out_len_ && !Fill()) break;
    size_t take = static_cast<size_t>(std::min<uint64_t>(n - done, out_len_ - out_pos_));
    if (out != nullptr && done < keep) {
      size_t kept = static_cast<size_t>(std::min<uint64_t>(take, keep - done));
      out->append(out_.data() + out_pos_, kept);
    }
    out_pos_ += take;
    done += take;
    last_consumed_member_ = out_member_;
  }
  return done;
}

uint64_t WarcByteSource::NextRecordOffset() const {
  return compressed_ ? out_member_start_ : out_offset_ + out_pos_;
}

bool WarcByteSource::NextIsMemberStart() const {
  return !compressed_ || out_member_before_ + out_pos_ == 0;
}

std::optional<uint64_t> WarcByteSource::MemberEnd(uint64_t index) const {
  for (const auto& [member, end] : member_ends_) {
    if (member == index) return end;
  }
  return std::nullopt;
}

uint64_t WarcByteSource::RawPosition() const {
  return compressed_ ? in_file_offset_ + in_pos_ : out_offset_ + out_pos_;
}

bool WarcByteSource::Fill() {
  if (fault_) return false;
  return compressed_ ? FillGzip() : FillPlain();
}

bool WarcByteSource::FillPlain() {
  out_offset_ += out_len_;
  out_pos_ = out_len_ = 0;
  if (read_error_) return false;
  out_len_ = std::fread(out_.data(), 1, out_.size(), file_.get());
  if (out_len_ == 0 && std::ferror(file_.get())) {
    read_error_ = true;  // reported once; the file ends here for us
    SetFault("read error");
  }
  return out_len_ > 0;
}

bool WarcByteSource::RefillInput() {
  if (in_pos_ < in_len_) return true;
  if (in_eof_ || read_error_) return false;
  in_file_offset_ += in_len_;
  in_pos_ = 0;
  in_len_ = std::fread(in_.data(), 1, in_.size(), file_.get());
  if (in_len_ == 0) {
    in_eof_ = true;
    if (std::ferror(file_.get())) {
      read_error_ = true;  // reported once; the file ends here for us
      SetFault("read error");
    }
  }
  return in_len_ > 0;
}

bool WarcByteSource::FillGzip() {
  z_stream& z = inflater_->stream;
  out_member_before_ += out_len_;
  out_pos_ = out_len_ = 0;
  for (;;) {
    if (!member_active_) {
      if (!RefillInput()) return false;  // clean end: between members
      inflateReset(&z);
      member_active_ = true;
      ++member_index_;
      member_start_ = in_file_offset_ + in_pos_;
      member_output_ = 0;
      out_member_before_ = 0;
    }
    if (in_pos_ == in_len_ && !RefillInput()) {
      member_active_ = false;
      // A scan match at the very end that produced nothing was never a member.
      if (!fault_ && !(member_from_scan_ && member_output_ == 0)) {
        SetFault("file ends inside a gzip member (cut off)");
      }
      return false;
    }
    z.next_in = in_.data() + in_pos_;
    z.avail_in = static_cast<uInt>(in_len_ - in_pos_);
    z.next_out = reinterpret_cast<Bytef*>(out_.data());
    z.avail_out = static_cast<uInt>(out_.size());
    int rc = inflate(&z, Z_NO_FLUSH);
    in_pos_ = in_len_ - z.avail_in;
    out_len_ = out_.size() - z.avail_out;
    out_member_ = member_index_;
    out_member_start_ = member_start_;
    member_output_ += out_len_;
    if (rc == Z_STREAM_END) {
      member_active_ = false;
      member_from_scan_ = false;
      member_ends_.emplace_back(member_index_, in_file_offset_ + in_pos_);
      if (member_ends_.size() > kRememberedMemberEnds) member_ends_.erase(member_ends_.begin());
      if (out_len_ > 0) return true;
      continue;  // an empty member: go on with the next
    }
    if (rc == Z_OK || rc == Z_BUF_ERROR) {
      if (out_len_ > 0) return true;
      continue;
    }
    // Z_DATA_ERROR (bad header, bad deflate data, CRC or length mismatch),
    // Z_NEED_DICT (a zlib stream with a preset dictionary), Z_MEM_ERROR.
    SetFault(z.msg != nullptr ? std::string("bad gzip member: ") + z.msg : "bad gzip member");
    member_active_ = false;
    out_len_ = 0;
    // A scan match that yields nothing was never a member: look further, quietly.
    if (member_from_scan_ && member_output_ == 0) {
      Resync();
      continue;
    }
    return false;
  }
}

void WarcByteSource::SetFault(std::string message) {
  fault_ = WarcSourceFault{compressed_ ? member_start_ : RawPosition(), member_index_,
                           std::move(message)};
}

bool WarcByteSource::SeekRaw(uint64_t offset) {
  if (fseeko(file_.get(), static_cast<off_t>(offset), SEEK_SET) != 0) return false;
  in_file_offset_ = offset;
  in_pos_ = in_len_ = 0;
  in_eof_ = false;
  return true;
}

void WarcByteSource::Resync() {
  if (!fault_) return;
  WarcSourceFault fault = *fault_;
  fault_.reset();
  out_pos_ = out_len_ = 0;
  if (!compressed_) return;  // plain: the record parser resyncs on "WARC/" lines
  member_active_ = false;
  // Scan for the next gzip header (ID1 ID2 CM=8, RFC 1952 §2.3.1) after the
  // damaged member's first byte.
  if (!SeekRaw(fault.offset + 1)) {
    in_eof_ = true;
    return;
  }
  int matched = 0;
  static constexpr unsigned char kMagic[3] = {0x1f, 0x8b, 0x08};
  while (RefillInput()) {
    unsigned char c = in_[in_pos_];
    if (c == kMagic[matched]) {
      ++matched;
    } else {
      matched = c == kMagic[0] ? 1 : 0;
    }
    ++in_pos_;
    if (matched == 3) {
      uint64_t candidate = in_file_offset_ + in_pos_ - 3;
      if (!SeekRaw(candidate)) break;
      member_from_scan_ = true;
      return;
    }
  }
}

void WarcByteSource::SkipRestOfMember() {
  if (!compressed_) return;
  uint64_t member = out_member_;
  out_pos_ = out_len_;
  while (member_active_ && member_index_ == member && !fault_) {
    if (!FillGzip()) break;
    if (out_member_ != member) break;  // the next member's bytes: keep them
    out_pos_ = out_len_;
  }
}

}  // namespace newsvault::storage
