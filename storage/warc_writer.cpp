#include "storage/warc_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "core/timestamp.h"
#include "storage/gzip_member_writer.h"

namespace newsvault::storage {
namespace {

std::string ErrnoText() { return std::strerror(errno); }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string DirectoryOf(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// After a rename the directory entry must reach the disk too, or a crash can
// bring back the old name (rename(2) is atomic, not durable).
core::Status SyncDirectory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return core::Status::IoError("cannot open directory " + dir + ": " + ErrnoText());
  int rc = ::fsync(fd);
  int saved = errno;
  ::close(fd);
  if (rc != 0)
    return core::Status::IoError("cannot sync directory " + dir + ": " + std::strerror(saved));
  return core::Status::Ok();
}

}  // namespace

core::Result<std::unique_ptr<WarcWriter>> WarcWriter::Open(const std::string& path) {
  if (path.empty() || EndsWith(path, "/")) {
    return core::Status::InvalidArgument("WARC output path \"" + path + "\" is not a file name");
  }
  std::string open_path = path + ".open";
  int fd = ::open(open_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return core::Status::IoError("cannot create " + open_path + ": " + ErrnoText());
  return std::unique_ptr<WarcWriter>(new WarcWriter(path, fd));
}

WarcWriter::WarcWriter(std::string path, int fd)
    : path_(std::move(path)),
      open_path_(path_ + ".open"),
      fd_(fd),
      compressed_(EndsWith(path_, ".gz")) {}

WarcWriter::~WarcWriter() {
  if (fd_ >= 0) ::close(fd_);
}

core::Status WarcWriter::WriteAll(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      failed_ = true;
      return core::Status::IoError("cannot write " + open_path_ + ": " + ErrnoText());
    }
    bytes.remove_prefix(static_cast<size_t>(n));
    offset_ += static_cast<uint64_t>(n);
  }
  return core::Status::Ok();
}

core::Result<WrittenRecord> WarcWriter::Write(const WarcRecord& record) {
  if (fd_ < 0) return core::Status::Internal("WARC record written after " + path_ + " was closed");
  if (failed_) return core::Status::IoError("an earlier write to " + open_path_ + " failed");

  WrittenRecord written;
  ASSIGN_OR_RETURN(written.record_id, NewWarcRecordId());
  written.warc_date = core::FormatWarcDate(record.date);
  ASSIGN_OR_RETURN(std::string head, FormatWarcHead(record, written.record_id, written.warc_date));

  written.offset = offset_;
  if (compressed_) {
    // Header, block and trailer in one member: a record is never split over
    // members and a member never holds two records (checklist "File level").
    ASSIGN_OR_RETURN(std::string member, GzipMember({head, record.block, kWarcRecordTrailer}));
    RETURN_IF_ERROR(WriteAll(member));
  } else {
    RETURN_IF_ERROR(WriteAll(head));
    RETURN_IF_ERROR(WriteAll(record.block));
    RETURN_IF_ERROR(WriteAll(kWarcRecordTrailer));
  }
  written.length = offset_ - written.offset;
  return written;
}

core::Status WarcWriter::Close() {
  if (fd_ < 0) return core::Status::Internal("WARC file " + path_ + " closed twice");
  int fd = std::exchange(fd_, -1);
  if (::fsync(fd) != 0) {
    std::string why = ErrnoText();
    ::close(fd);
    return core::Status::IoError("cannot sync " + open_path_ + ": " + why);
  }
  if (::close(fd) != 0)
    return core::Status::IoError("cannot close " + open_path_ + ": " + ErrnoText());
  if (failed_)
    return core::Status::IoError("WARC file " + open_path_ + " is incomplete: a write failed");
  if (::rename(open_path_.c_str(), path_.c_str()) != 0) {
    return core::Status::IoError("cannot rename " + open_path_ + " to " + path_ + ": " +
                                 ErrnoText());
  }
  return SyncDirectory(DirectoryOf(path_));
}

core::Status WarcWriter::Discard() {
  if (fd_ >= 0) ::close(std::exchange(fd_, -1));
  if (::unlink(open_path_.c_str()) != 0 && errno != ENOENT) {
    return core::Status::IoError("cannot remove " + open_path_ + ": " + ErrnoText());
  }
  return core::Status::Ok();
}

}  // namespace newsvault::storage
