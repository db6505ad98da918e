#include "storage/wacz_export.h"

#include <chrono>
#include <filesystem>
#include <system_error>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/digest.h"
#include "core/timestamp.h"
#include "storage/file_sha256.h"
#include "storage/temp_directory.h"
#include "storage/zip_writer.h"

namespace newsvault::storage {
namespace {

constexpr const char* kWaczVersion = "1.1.1";

std::string Basename(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// "news" for "out/news.wacz": the WARC prefix and the package title.
std::string StemOf(const std::string& wacz_path) {
  std::string name = Basename(wacz_path);
  if (name.size() > 5 && name.ends_with(".wacz")) name.resize(name.size() - 5);
  return name.empty() ? "data" : name;
}

// One file of the package: where it is now and where it goes in the zip.
struct Part {
  std::string file;   // on disk
  std::string entry;  // "archive/x.warc.gz"
};

// datapackage.json (Frictionless Data Package + the WACZ 1.1.1 fields).
core::Result<std::string> DataPackage(const std::vector<Part>& parts, const std::string& title,
                                      const std::string& software) {
  const std::string now = core::FormatIsoSeconds(
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
  nlohmann::json resources = nlohmann::json::array();
  for (const Part& part : parts) {
    ASSIGN_OR_RETURN(FileDigest digest, Sha256OfFile(part.file));
    resources.push_back({{"name", Basename(part.entry)},
                         {"path", part.entry},
                         {"hash", "sha256:" + digest.sha256_hex},
                         {"bytes", digest.bytes}});
  }
  nlohmann::json package = {{"profile", "data-package"},
                            {"wacz_version", kWaczVersion},
                            {"title", title},
                            {"created", now},
                            {"modified", now},
                            {"software", software},
                            {"resources", resources}};
  // The title comes from a file name, which need not be UTF-8.
  return package.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

core::Result<WaczReport> WriteWacz(Archive& archive, const ExportOptions& options,
                                   const std::string& wacz_path, const std::string& open_path) {
  TempDirectory temp;
  RETURN_IF_ERROR(temp.Create(wacz_path));
  const std::string archive_dir = temp.path() + "/archive";
  std::error_code ec;
  if (!std::filesystem::create_directory(archive_dir, ec)) {
    return core::Status::IoError("cannot create " + archive_dir + ": " + ec.message());
  }

  ExportOptions warc_options = options;
  warc_options.path.clear();
  warc_options.directory = archive_dir;
  warc_options.prefix = StemOf(wacz_path);
  warc_options.cdxj_path = temp.path() + "/index.cdx";
  warc_options.cdxj_beside = false;
  warc_options.pages_path = temp.path() + "/pages.jsonl";
  WaczReport report;
  ASSIGN_OR_RETURN(report.warc, ExportWarc(archive, warc_options));

  std::vector<Part> parts;
  for (const std::string& warc : report.warc.paths) {
    parts.push_back({warc, "archive/" + Basename(warc)});
  }
  parts.push_back({warc_options.cdxj_path, "indexes/index.cdx"});
  parts.push_back({warc_options.pages_path, "pages/pages.jsonl"});
  ASSIGN_OR_RETURN(std::string package, DataPackage(parts, StemOf(wacz_path), options.software));
  nlohmann::json digest = {{"path", "datapackage.json"},
                           {"hash", "sha256:" + core::Sha256Hex(package)}};

  ASSIGN_OR_RETURN(std::unique_ptr<ZipWriter> zip, ZipWriter::Create(open_path));
  for (const Part& part : parts) {
    RETURN_IF_ERROR(zip->AddFile(part.entry, part.file));
    report.entries.push_back(part.entry);
  }
  RETURN_IF_ERROR(zip->AddBytes("datapackage.json", std::move(package)));
  RETURN_IF_ERROR(zip->AddBytes("datapackage-digest.json", digest.dump(2) + "\n"));
  report.entries.push_back("datapackage.json");
  report.entries.push_back("datapackage-digest.json");
  RETURN_IF_ERROR(zip->Close());  // reads the parts, so before `temp` goes
  return report;
}

}  // namespace

core::Result<WaczReport> ExportWacz(Archive& archive, const ExportOptions& options,
                                    const std::string& wacz_path) {
  if (wacz_path.empty() || wacz_path.ends_with('/')) {
    return core::Status::InvalidArgument("WACZ output path \"" + wacz_path +
                                         "\" is not a file name");
  }
  const std::string open_path = wacz_path + ".open";
  auto report = WriteWacz(archive, options, wacz_path, open_path);
  std::error_code ec;
  if (report.ok()) std::filesystem::rename(open_path, wacz_path, ec);
  if (!report.ok() || ec) {
    std::error_code ignored;
    std::filesystem::remove(open_path, ignored);
    if (!report.ok()) return report.error().WithContext("cannot export WACZ to " + wacz_path);
    return core::Status::IoError("cannot rename " + open_path + " to " + wacz_path + ": " +
                                 ec.message());
  }
  report->path = wacz_path;
  report->bytes = std::filesystem::file_size(wacz_path, ec);
  return report;
}

}  // namespace newsvault::storage
