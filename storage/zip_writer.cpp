#include "storage/zip_writer.h"

#include <zip.h>

#include <utility>

namespace newsvault::storage {
namespace {

std::string ZipErrorText(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

}  // namespace

void ZipWriter::Deleter::operator()(::zip* archive) const { zip_discard(archive); }

core::Result<std::unique_ptr<ZipWriter>> ZipWriter::Create(const std::string& path) {
  int code = 0;
  ::zip* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (archive == nullptr) {
    return core::Status::IoError("cannot create " + path + ": " + ZipErrorText(code));
  }
  return std::unique_ptr<ZipWriter>(new ZipWriter(path, archive));
}

ZipWriter::ZipWriter(std::string path, ::zip* archive) : path_(std::move(path)), zip_(archive) {}

ZipWriter::~ZipWriter() = default;

core::Status ZipWriter::Store(const std::string& name, ::zip_source* source) {
  if (source == nullptr) {
    return core::Status::IoError("cannot add " + name + " to " + path_ + ": " +
                                 zip_strerror(zip_.get()));
  }
  zip_int64_t index = zip_file_add(zip_.get(), name.c_str(), source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);  // still ours when zip_file_add fails
    return core::Status::IoError("cannot add " + name + " to " + path_ + ": " +
                                 zip_strerror(zip_.get()));
  }
  if (zip_set_file_compression(zip_.get(), static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0) !=
      0) {
    return core::Status::IoError("cannot store " + name + " uncompressed in " + path_ + ": " +
                                 zip_strerror(zip_.get()));
  }
  return core::Status::Ok();
}

core::Status ZipWriter::AddFile(const std::string& name, const std::string& file_path) {
  if (!zip_) return core::Status::Internal("zip " + path_ + " written to after Close()");
  // Start 0, length -1: the whole file, read when the zip is written.
  return Store(name, zip_source_file(zip_.get(), file_path.c_str(), 0, -1));
}

core::Status ZipWriter::AddBytes(const std::string& name, std::string bytes) {
  if (!zip_) return core::Status::Internal("zip " + path_ + " written to after Close()");
  buffers_.push_back(std::make_unique<std::string>(std::move(bytes)));
  const std::string& data = *buffers_.back();
  return Store(name, zip_source_buffer(zip_.get(), data.data(), data.size(), 0));
}

core::Status ZipWriter::Close() {
  if (!zip_) return core::Status::Internal("zip " + path_ + " closed twice");
  if (zip_close(zip_.get()) != 0) {
    std::string why = zip_strerror(zip_.get());
    zip_.reset();  // zip_discard: the handle is still open after a failed close
    return core::Status::IoError("cannot write " + path_ + ": " + why);
  }
  (void)zip_.release();  // zip_close freed it
  buffers_.clear();
  return core::Status::Ok();
}

}  // namespace newsvault::storage
