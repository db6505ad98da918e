#include "storage/warc_set_writer.h"

#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <system_error>

namespace newsvault::storage {
namespace {

core::Timestamp Now() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-';
}

}  // namespace

std::string LocalHostname() {
  std::array<char, 256> buf{};
  if (::gethostname(buf.data(), buf.size() - 1) != 0 || buf[0] == '\0') return "localhost";
  return std::string(buf.data());
}

std::string WarcSetFileName(const std::string& prefix, core::Timestamp started, uint32_t serial,
                            const std::string& host) {
  std::array<char, 16> serial_text{};
  std::snprintf(serial_text.data(), serial_text.size(), "%05u", serial);
  std::string safe_host = host;
  for (char& c : safe_host) {
    if (!IsNameChar(c)) c = '-';
  }
  return prefix + "-" + core::Format14Digit(started) + "-" + serial_text.data() + "-" + safe_host +
         ".warc.gz";
}

core::Result<std::unique_ptr<WarcSetWriter>> WarcSetWriter::Open(const WarcSetOptions& options) {
  if (options.path.empty() == options.directory.empty()) {
    return core::Status::InvalidArgument("a WARC export needs either one file or a directory");
  }
  if (options.path.empty()) {
    if (options.prefix.empty() || options.prefix.find('/') != std::string::npos) {
      return core::Status::InvalidArgument("WARC file prefix \"" + options.prefix +
                                           "\" must be a non-empty name without '/'");
    }
    if (options.max_size == 0) {
      return core::Status::InvalidArgument("the WARC size limit must be at least 1 byte");
    }
  }
  std::unique_ptr<WarcSetWriter> set(new WarcSetWriter(options));
  if (set->options_.hostname.empty()) set->options_.hostname = LocalHostname();
  RETURN_IF_ERROR(set->OpenNext());
  return set;
}

WarcSetWriter::~WarcSetWriter() = default;

core::Status WarcSetWriter::OpenNext() {
  std::string path = options_.path;
  if (rotates()) {
    path = options_.directory;
    if (!path.empty() && !path.ends_with('/')) path += '/';
    path += WarcSetFileName(options_.prefix, Now(), next_serial_, options_.hostname);
    std::error_code ec;
    if (std::filesystem::exists(path, ec) || std::filesystem::exists(path + ".open", ec)) {
      return core::Status::AlreadyExists(path + " already exists");
    }
  }
  ASSIGN_OR_RETURN(current_, WarcWriter::Open(path));
  paths_.push_back(path);
  ++next_serial_;
  return core::Status::Ok();
}

bool WarcSetWriter::ReachedLimit() const {
  return rotates() && !closed_ && current_->bytes_written() >= options_.max_size;
}

core::Status WarcSetWriter::Rotate() {
  if (!rotates() || closed_) return core::Status::Internal("WARC set rotated when it cannot be");
  finished_bytes_ += current_->bytes_written();
  RETURN_IF_ERROR(current_->Close());
  ++finished_files_;
  return OpenNext();
}

core::Status WarcSetWriter::Close() {
  if (closed_) return core::Status::Internal("WARC set closed twice");
  closed_ = true;
  RETURN_IF_ERROR(current_->Close());
  ++finished_files_;
  return core::Status::Ok();
}

void WarcSetWriter::Discard() {
  // Only what this set wrote: its .open file and the files it renamed, never
  // a file of the same name that a failed rename left in place.
  (void)current_->Discard();
  closed_ = true;
  std::error_code ignored;
  for (size_t i = 0; i < finished_files_; ++i) std::filesystem::remove(paths_[i], ignored);
}

}  // namespace newsvault::storage
