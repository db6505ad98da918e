// `newsvault history URL`: every capture and article version of one URL.
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli.h"

namespace newsvault::app {
namespace {

class HistoryCommand final : public Command {
 public:
  explicit HistoryCommand(CLI::App& parent) {
    app_ = parent.add_subcommand("history", "List the captures and versions of one URL");
    app_->add_option("url", url_, "URL (http/https and www. variants share a history)")->required();
    app_->add_flag("--json", json_, "One JSON object with `captures` and `versions` arrays");
  }

  int Run(const GlobalOptions& global) override {
    int exit_code = kExitOk;
    std::unique_ptr<storage::Archive> archive = OpenArchiveOrReport(global, false, &exit_code);
    if (!archive) return exit_code;
    core::Result<std::vector<storage::CaptureRecord>> captures = archive->Captures(url_);
    if (!captures.ok()) {
      PrintError(captures.error().message());
      return ExitCodeFor(captures.error());
    }
    core::Result<std::vector<storage::ArticleVersionRecord>> versions = archive->Versions(url_);
    if (!versions.ok()) {
      PrintError(versions.error().message());
      return ExitCodeFor(versions.error());
    }
    if (captures->empty()) {
      PrintError("no captures of " + url_ + " in " + global.db_path);
      return kExitPartial;
    }
    if (json_) {
      PrintJson(*captures, *versions);
    } else {
      PrintText(*captures, *versions);
    }
    return kExitOk;
  }

 private:
  void PrintJson(const std::vector<storage::CaptureRecord>& captures,
                 const std::vector<storage::ArticleVersionRecord>& versions) const {
    nlohmann::json j;
    j["url"] = url_;
    j["urlkey"] = captures.front().urlkey;
    j["captures"] = nlohmann::json::array();
    for (const storage::CaptureRecord& c : captures) {
      j["captures"].push_back({{"time", FormatTime(c.time)},
                               {"warc_date", core::FormatWarcDate(c.time)},
                               {"url", c.url},
                               {"status", c.status_code},
                               {"payload_digest", c.payload_digest},
                               {"payload_size", c.payload_size},
                               {"new_payload", c.payload_was_new},
                               {"version", c.version},
                               {"ip", c.remote_ip},
                               {"truncated", std::string(core::TruncationName(c.truncation))}});
    }
    j["versions"] = nlohmann::json::array();
    for (const storage::ArticleVersionRecord& v : versions) {
      j["versions"].push_back({{"version", v.number},
                               {"time", FormatTime(v.time)},
                               {"title", v.article.title},
                               {"word_count", v.article.word_count},
                               {"text_digest", v.text_digest}});
    }
    std::cout << j.dump(2) << "\n";
  }

  void PrintText(const std::vector<storage::CaptureRecord>& captures,
                 const std::vector<storage::ArticleVersionRecord>& versions) const {
    std::cout << captures.size() << " captures, " << versions.size() << " versions of " << url_
              << "\n\ncaptures:\n";
    for (const storage::CaptureRecord& c : captures) {
      std::cout << "  " << FormatTime(c.time) << "  HTTP " << c.status_code << "  "
                << c.payload_size << " bytes  " << (c.payload_was_new ? "new payload" : "revisit")
                << "  " << (c.version ? "version " + std::to_string(c.version) : "no article");
      if (c.truncation != core::Truncation::kNone) {
        std::cout << "  truncated (" << core::TruncationName(c.truncation) << ")";
      }
      std::cout << "\n";
    }
    std::cout << "\nversions:\n";
    for (const storage::ArticleVersionRecord& v : versions) {
      std::cout << "  " << v.number << "  " << FormatTime(v.time) << "  " << v.article.word_count
                << " words  \"" << v.article.title << "\"\n";
    }
  }

  std::string url_;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeHistoryCommand(CLI::App& parent) {
  return std::make_unique<HistoryCommand>(parent);
}

}  // namespace newsvault::app
