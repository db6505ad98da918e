// `newsvault archive URL...`: one-off archive of pages (fetch, extract, store).
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/cli.h"
#include "core/url.h"
#include "crawler/curl_http_client.h"
#include "crawler/page_archiver.h"

namespace newsvault::app {
namespace {

class ArchiveCommand final : public Command {
 public:
  explicit ArchiveCommand(CLI::App& parent) {
    app_ = parent.add_subcommand("archive", "Fetch URLs now and store them as new captures");
    app_->add_option("urls", urls_, "http(s) URLs to archive")->required();
    app_->add_flag("--json", json_, "One JSON object per URL on stdout");
    app_->add_option("--max-body-bytes", options_.fetch.max_body_bytes,
                     "Keep at most this many body bytes per response")
        ->capture_default_str();
    app_->add_option("--timeout", timeout_seconds_, "Whole-transfer time limit, seconds")
        ->capture_default_str();
    app_->add_option("--connect-timeout", connect_timeout_seconds_, "Connect time limit, seconds")
        ->capture_default_str();
    app_->add_option("--contact", contact_, "Contact URL shown in the User-Agent");
  }

  int Run(const GlobalOptions& global) override {
    // Bad URLs are usage errors: say so before touching the network or the archive.
    for (const std::string& url : urls_) {
      core::Result<core::Url> parsed = core::Url::Parse(url);
      if (!parsed.ok()) {
        PrintError(parsed.error().message());
        return kExitUsage;
      }
    }
    options_.fetch.total_timeout = std::chrono::milliseconds(timeout_seconds_ * 1000);
    options_.fetch.connect_timeout = std::chrono::milliseconds(connect_timeout_seconds_ * 1000);
    options_.fetch.user_agent = std::string("newsvault/") + Version();
    if (!contact_.empty()) options_.fetch.user_agent += " (+" + contact_ + ")";

    int exit_code = kExitOk;
    std::unique_ptr<storage::Archive> archive = OpenArchiveOrReport(global, true, &exit_code);
    if (!archive) return exit_code;

    crawler::CurlHttpClient client;
    crawler::PageArchiver archiver(client, *archive, options_);
    for (const std::string& url : urls_) {
      crawler::PageReport report = archiver.ArchiveUrl(url);
      Print(report);
      if (!report.fetch_status.ok()) {
        PrintError(url + ": " + report.fetch_status.message());
        // A store failure means the archive itself is in trouble: stop there.
        if (ExitCodeFor(report.fetch_status) == kExitArchive) return kExitArchive;
        exit_code = kExitPartial;
      } else if (!report.Succeeded()) {
        PrintError(url + ": HTTP " + std::to_string(report.final_status_code) +
                   " (capture stored)");
        exit_code = kExitPartial;
      }
      for (const std::string& note : report.notes) {
        PrintWarning(url + ": " + note);
      }
    }
    return exit_code;
  }

 private:
  void Print(const crawler::PageReport& report) const {
    if (json_) {
      nlohmann::json j;
      j["url"] = report.url;
      j["ok"] = report.Succeeded();
      j["status"] = report.final_status_code;
      if (!report.fetch_status.ok()) j["error"] = report.fetch_status.message();
      j["article"] = report.has_article;
      j["title"] = report.title;
      j["version"] = report.version;
      j["new_version"] = report.new_version;
      j["captures"] = nlohmann::json::array();
      for (const crawler::HopReport& hop : report.hops) {
        j["captures"].push_back({{"url", hop.url},
                                 {"status", hop.status_code},
                                 {"time", FormatTime(hop.stored.time)},
                                 {"new_payload", hop.stored.new_payload},
                                 {"truncated", std::string(core::TruncationName(hop.truncation))}});
      }
      j["notes"] = report.notes;
      // Flushed per URL: a script (or a crash test) sees each page as soon as it is stored.
      std::cout << j.dump() << std::endl;
      return;
    }
    if (report.hops.empty()) return;
    const crawler::HopReport& last = report.hops.back();
    std::cout << "archived " << last.url << "  HTTP " << last.status_code;
    if (report.hops.size() > 1) std::cout << "  (" << report.hops.size() - 1 << " redirects)";
    if (report.has_article) {
      std::cout << "  version " << report.version
                << (report.new_version ? " (new)" : " (unchanged)") << "  \"" << report.title
                << "\"";
    } else {
      std::cout << "  no article";
    }
    std::cout << (last.stored.new_payload ? "" : "  [payload already stored]") << std::endl;
  }

  std::vector<std::string> urls_;
  bool json_ = false;
  crawler::PageArchiverOptions options_;
  int timeout_seconds_ = 60;
  int connect_timeout_seconds_ = 10;
  std::string contact_;
};

}  // namespace

std::unique_ptr<Command> MakeArchiveCommand(CLI::App& parent) {
  return std::make_unique<ArchiveCommand>(parent);
}

}  // namespace newsvault::app
