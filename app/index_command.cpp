// `newsvault index FILE...`: the CDXJ index of any WARC files (ours or not).
//
// Lines go to stdout sorted bytewise (LC_ALL=C sort order, as pywb and WACZ
// expect); each unreadable record is one stderr line with its offset. Exit 0
// when every record was read, 1 when some were skipped, 2 when a file could
// not be opened (the other files are still indexed).
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "app/cli.h"
#include "storage/cdxj.h"
#include "storage/warc_reader.h"

namespace newsvault::app {
namespace {

// An HTTP head is all CDXJ reads from a block; holding more would only cost
// memory on big payloads.
constexpr uint64_t kIndexBlockPrefixBytes = 256 * 1024;

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

class IndexCommand final : public Command {
 public:
  explicit IndexCommand(CLI::App& parent) {
    app_ = parent.add_subcommand("index", "Print the CDXJ index of WARC files (.warc, .warc.gz)");
    app_->add_option("files", files_, "WARC files to index")->required();
  }

  int Run(const GlobalOptions& /*global*/) override {
    storage::WarcReaderOptions options;
    options.max_block_bytes = kIndexBlockPrefixBytes;
    std::vector<std::string> lines;
    int exit_code = kExitOk;
    for (const std::string& path : files_) {
      const std::string filename = BaseName(path);
      core::Result<storage::WarcReadReport> report = storage::ReadWarcFile(
          path,
          [&](const storage::WarcRecordView& record) {
            if (std::optional<std::string> line = storage::CdxjLine(record, filename)) {
              lines.push_back(std::move(*line));
            }
            return core::Status::Ok();
          },
          options);
      if (!report.ok()) {
        PrintError(report.error().message());
        exit_code = kExitUsage;
        continue;
      }
      for (const storage::WarcReadError& error : report->errors) {
        PrintError(path + ": offset " + std::to_string(error.offset) + ": " + error.message);
      }
      if (report->error_count > report->errors.size()) {
        PrintError(path + ": " + std::to_string(report->error_count - report->errors.size()) +
                   " more unreadable records not listed");
      }
      if (report->error_count > 0 && exit_code == kExitOk) exit_code = kExitPartial;
    }
    // std::string compares as unsigned bytes: the LC_ALL=C order.
    std::sort(lines.begin(), lines.end());
    for (const std::string& line : lines) std::cout << line << '\n';
    std::cout.flush();
    return exit_code;
  }

 private:
  std::vector<std::string> files_;
};

}  // namespace

std::unique_ptr<Command> MakeIndexCommand(CLI::App& parent) {
  return std::make_unique<IndexCommand>(parent);
}

}  // namespace newsvault::app
