// `newsvault list [--json]`: the URLs in the archive, one per line.
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli.h"

namespace newsvault::app {
namespace {

class ListCommand final : public Command {
 public:
  explicit ListCommand(CLI::App& parent) {
    app_ = parent.add_subcommand("list", "List archived URLs with their titles and counts");
    app_->add_flag("--json", json_, "One JSON object per line per URL");
    app_->add_flag("--articles-only", articles_only_,
                   "Only URLs with at least one article version");
    app_->add_option("--since", since_, "Only URLs captured at or after this time");
  }

  int Run(const GlobalOptions& global) override {
    std::optional<core::Timestamp> since;
    if (!ParseOptionalTime(since_, "--since", &since)) return kExitUsage;
    int exit_code = kExitOk;
    std::unique_ptr<storage::Archive> archive = OpenArchiveOrReport(global, false, &exit_code);
    if (!archive) return exit_code;
    core::Result<std::vector<storage::UrlSummary>> urls = archive->ListUrls();
    if (!urls.ok()) {
      PrintError(urls.error().message());
      return ExitCodeFor(urls.error());
    }
    for (const storage::UrlSummary& u : *urls) {
      if (articles_only_ && u.versions == 0) continue;
      if (since && u.last_capture < *since) continue;
      if (json_) {
        nlohmann::json j = {{"url", u.url},
                            {"urlkey", u.urlkey},
                            {"title", u.title},
                            {"published", u.published},
                            {"captures", u.captures},
                            {"versions", u.versions},
                            {"first_capture", FormatTime(u.first_capture)},
                            {"last_capture", FormatTime(u.last_capture)}};
        std::cout << j.dump() << "\n";
      } else {
        std::cout << FormatTime(u.last_capture) << "  " << u.captures << "c " << u.versions << "v  "
                  << u.url;
        if (!u.title.empty()) std::cout << "  \"" << u.title << "\"";
        std::cout << "\n";
      }
    }
    return kExitOk;
  }

 private:
  bool json_ = false;
  bool articles_only_ = false;
  std::string since_;
};

}  // namespace

std::unique_ptr<Command> MakeListCommand(CLI::App& parent) {
  return std::make_unique<ListCommand>(parent);
}

}  // namespace newsvault::app
