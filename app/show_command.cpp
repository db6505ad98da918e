// `newsvault show URL [--at T] [--format text|json|html]`: one article version.
#include <iostream>

#include "app/article_output.h"
#include "app/cli.h"

namespace newsvault::app {
namespace {

class ShowCommand final : public Command {
 public:
  explicit ShowCommand(CLI::App& parent) {
    app_ = parent.add_subcommand("show", "Print one version of an archived article");
    app_->add_option("url", url_, "Article URL")->required();
    app_->add_option("--at", at_, "The version current at this time (default: the latest)");
    app_->add_option("--version", version_, "A version number (1 = first)");
    app_->add_option("--format", format_, "text, json or html")
        ->check(CLI::IsMember({"text", "json", "html"}))
        ->capture_default_str();
    app_->add_flag("--json", json_, "Same as --format json");
  }

  int Run(const GlobalOptions& global) override {
    std::optional<core::Timestamp> at;
    if (!ParseOptionalTime(at_, "--at", &at)) return kExitUsage;
    int exit_code = kExitOk;
    std::unique_ptr<storage::Archive> archive = OpenArchiveOrReport(global, false, &exit_code);
    if (!archive) return exit_code;
    core::Result<std::vector<storage::ArticleVersionRecord>> versions = archive->Versions(url_);
    if (!versions.ok()) {
      PrintError(versions.error().message());
      return ExitCodeFor(versions.error());
    }
    const storage::ArticleVersionRecord* chosen = nullptr;
    for (const storage::ArticleVersionRecord& v : *versions) {
      if (version_ != 0 && v.number != version_) continue;
      if (at && v.time > *at) continue;
      chosen = &v;  // versions are oldest first: the last match is the one current then
    }
    if (chosen == nullptr) {
      PrintError(versions->empty() ? "no article versions of " + url_ + " in " + global.db_path
                                   : "no version of " + url_ + " matches --at/--version");
      return kExitPartial;
    }
    const std::string format = json_ ? "json" : format_;
    if (format == "json") {
      nlohmann::json j = ArticleAsJson(chosen->article);
      j["version"] = chosen->number;
      j["version_time"] = FormatTime(chosen->time);
      std::cout << j.dump(2) << "\n";
    } else if (format == "html") {
      std::cout << ArticleAsHtml(chosen->article);
    } else {
      std::cout << "Version: " << chosen->number << " of " << versions->size() << " (captured "
                << FormatTime(chosen->time) << ")\n"
                << ArticleAsText(chosen->article);
    }
    return kExitOk;
  }

 private:
  std::string url_;
  std::string at_;
  uint32_t version_ = 0;
  std::string format_ = "text";
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeShowCommand(CLI::App& parent) {
  return std::make_unique<ShowCommand>(parent);
}

}  // namespace newsvault::app
