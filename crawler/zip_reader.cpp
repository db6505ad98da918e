#include "crawler/zip_reader.h"

#include <zip.h>

#include <cstdio>
#include <vector>

namespace newsvault::crawler {
namespace {

constexpr size_t kCopyBufferBytes = 64 * 1024;

struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

void ZipReader::Deleter::operator()(::zip* archive) const {
  // Opened read-only: nothing to write back.
  zip_discard(archive);
}

ZipReader::ZipReader(std::string path, ::zip* archive) : path_(std::move(path)), zip_(archive) {}

ZipReader::~ZipReader() = default;

core::Result<std::unique_ptr<ZipReader>> ZipReader::Open(const std::string& path) {
  int code = 0;
  ::zip* archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (archive == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    const std::string message = "cannot open zip " + path + ": " + reason;
    if (code == ZIP_ER_NOENT) return core::Status::NotFound(message);
    if (code == ZIP_ER_OPEN || code == ZIP_ER_READ) return core::Status::IoError(message);
    return core::Status::Corruption(message);
  }
  return std::unique_ptr<ZipReader>(new ZipReader(path, archive));
}

std::vector<std::string> ZipReader::EntryNames() const {
  std::vector<std::string> names;
  const zip_int64_t count = zip_get_num_entries(zip_.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* name = zip_get_name(zip_.get(), static_cast<zip_uint64_t>(i), 0);
    if (name != nullptr) names.emplace_back(name);
  }
  return names;
}

core::Status ZipReader::ExtractTo(const std::string& name, const std::string& out_path) const {
  std::unique_ptr<zip_file_t, ZipFileCloser> in(zip_fopen(zip_.get(), name.c_str(), 0));
  if (!in) {
    return core::Status::Corruption("cannot read " + name + " in " + path_ + ": " +
                                    zip_strerror(zip_.get()));
  }
  std::unique_ptr<std::FILE, FileCloser> out(std::fopen(out_path.c_str(), "wb"));
  if (!out) return core::Status::IoError("cannot create " + out_path);
  std::vector<char> buffer(kCopyBufferBytes);
  for (;;) {
    const zip_int64_t got = zip_fread(in.get(), buffer.data(), buffer.size());
    if (got < 0) {
      // libzip checks the CRC at the end of the entry and fails the read here.
      return core::Status::Corruption("cannot read " + name + " in " + path_ + ": " +
                                      zip_file_strerror(in.get()));
    }
    if (got == 0) break;
    if (std::fwrite(buffer.data(), 1, static_cast<size_t>(got), out.get()) !=
        static_cast<size_t>(got)) {
      return core::Status::IoError("cannot write " + out_path);
    }
  }
  if (std::fflush(out.get()) != 0) return core::Status::IoError("cannot write " + out_path);
  return core::Status::Ok();
}

}  // namespace newsvault::crawler
