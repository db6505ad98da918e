// The test hooks of storage/rocksdb_archive.h: they open a closed archive's
// database directly to give it the shapes older or newer builds leave.
#include <string>
#include <string_view>
#include <vector>

#include <rocksdb/db.h>

#include "storage/rocksdb_archive.h"
#include "storage/rocksdb_db.h"

namespace newsvault::storage {
namespace {

core::Result<OpenDb> OpenAll(const std::string& path) {
  std::vector<std::string> names;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(MakeDbOptions(false), path, &names);
  if (!s.ok()) return OpenError(path, s);
  return OpenFamilies(path, false, names);
}

}  // namespace

core::Status OverwriteSchemaVersionForTesting(const std::string& path, std::string_view value) {
  ASSIGN_OR_RETURN(OpenDb db, OpenAll(path));
  rocksdb::Status s = db.db->Put(SyncWrite(), db.families.at(kMeta).get(), kSchemaKey,
                                 rocksdb::Slice(value.data(), value.size()));
  if (!s.ok()) return ReadError(path, s);
  return core::Status::Ok();
}

core::Status MakeSchema1ForTesting(const std::string& path) {
  ASSIGN_OR_RETURN(OpenDb db, OpenAll(path));
  for (const char* name : kSchema2Families) {
    auto it = db.families.find(name);
    if (it == db.families.end()) continue;
    rocksdb::Status s = db.db->DropColumnFamily(it->second.get());
    if (!s.ok()) return ReadError(path, s);
    db.families.erase(it);
  }
  rocksdb::Status s = db.db->Put(SyncWrite(), db.families.at(kMeta).get(), kSchemaKey, "1");
  if (!s.ok()) return ReadError(path, s);
  return core::Status::Ok();
}

core::Result<std::string> ReadSchemaVersionForTesting(const std::string& path) {
  ASSIGN_OR_RETURN(OpenDb db, OpenAll(path));
  std::string value;
  rocksdb::Status s =
      db.db->Get(rocksdb::ReadOptions(), db.families.at(kMeta).get(), kSchemaKey, &value);
  if (!s.ok()) return ReadError(path, s);
  return value;
}

}  // namespace newsvault::storage
