#include "storage/archive.h"

#include "core/http_message.h"
#include "storage/rocksdb_archive.h"

namespace newsvault::storage {

core::Result<std::string> CaptureRecord::RawResponse(std::string_view entity_body) const {
  if (entity_body.size() != payload_size) {
    return core::Status::Corruption("payload " + payload_digest + " of " + url + " has " +
                                    std::to_string(entity_body.size()) + " bytes, expected " +
                                    std::to_string(payload_size));
  }
  std::string raw = response_head;
  if (transfer_framing.empty()) {
    raw.append(entity_body);
    return raw;
  }
  ASSIGN_OR_RETURN(std::string body, core::Rechunk(entity_body, transfer_framing));
  raw += body;
  return raw;
}

core::Result<std::unique_ptr<Archive>> OpenArchive(const std::string& path,
                                                   const OpenOptions& options) {
  return OpenRocksDbArchive(path, options);
}

}  // namespace newsvault::storage
