// `newsvault crawl --config FILE`: one crawl run over the configured sites
// (issue 3 items 2 and 8), what cron runs every 30 minutes (docs/cron.md).
//
// SIGINT/SIGTERM set a stop flag; the crawler then starts no new transfers,
// stores what it fetched and returns its summary, which is printed as usual. A
// second signal gets the default action (the handler resets itself), so a
// stuck run can still be interrupted.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/crawl_options.h"
#include "app/crawl_output.h"
#include "config/crawl_config.h"
#include "config/duration.h"
#include "core/clock.h"
#include "core/log.h"
#include "crawler/crawler.h"
#include "crawler/curl_multi_fetcher.h"

namespace newsvault::app {
namespace {

// Set from the signal handler: a lock-free atomic store is async-signal-safe.
std::atomic<bool> g_stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void OnStopSignal(int) { g_stop_requested.store(true); }

void InstallStopHandlers() {
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  // SA_RESETHAND: the second Ctrl-C kills. No SA_RESTART: blocking waits
  // return early so the crawler notices the flag sooner.
  action.sa_flags = static_cast<int>(SA_RESETHAND);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

class CrawlCommand final : public Command {
 public:
  explicit CrawlCommand(CLI::App& parent) : db_option_(parent.get_option_no_throw("--db")) {
    app_ = parent.add_subcommand("crawl", "Crawl the sites of a config file into the archive");
    app_->add_option("--site", flags_.sites, "Crawl only this site (repeatable)");
    app_->add_option("--max-pages", max_pages_, "Stop after this many fetches (0 = no limit)");
    app_->add_option("--max-time", max_time_, "Stop after this long, e.g. 25m (0s = no limit)");
    app_->add_flag("--revisit-all", flags_.revisit_all,
                   "Re-check every known article now, whatever the schedule says");
    app_->add_option("--log-format", log_format_, "Event log lines: text or json")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    app_->add_flag("--json", json_, "Print the summary as one JSON object on stdout");
  }

  int Run(const GlobalOptions& global) override {
    if (global.config_path.empty()) {
      PrintError("crawl needs --config FILE (see docs/config.md)");
      return kExitUsage;
    }
    core::Result<config::CrawlConfig> config = config::LoadCrawlConfig(global.config_path);
    if (!config.ok()) {
      PrintError(config.error().message());
      return kExitUsage;
    }
    if (max_pages_) {
      if (*max_pages_ < 0) {
        PrintError("--max-pages: must be 0 or more");
        return kExitUsage;
      }
      flags_.max_pages = *max_pages_;
    }
    if (max_time_) {
      core::Result<std::chrono::milliseconds> d = config::ParseDuration(*max_time_);
      if (!d.ok()) {
        PrintError("--max-time: " + d.error().message());
        return kExitUsage;
      }
      flags_.max_time = *d;
    }
    core::Result<crawler::CrawlerOptions> options = MakeCrawlerOptions(*config, flags_, Version());
    if (!options.ok()) {
      PrintError(options.error().message());
      return kExitUsage;
    }

    // --db on the command line wins over [archive] path (DESIGN §1).
    GlobalOptions archive_global = global;
    if (db_option_ == nullptr || db_option_->count() == 0) {
      archive_global.db_path = config->archive.path;
    }
    int exit_code = kExitOk;
    std::unique_ptr<storage::Archive> archive = OpenArchiveOrReport(
        archive_global, /*create=*/true, &exit_code, storage::Durability::kGroupCommit);
    if (!archive) return exit_code;

    const LogFormat format = log_format_ == "json" ? LogFormat::kJson : LogFormat::kText;
    if (format == LogFormat::kJson) core::SetLogJson(true);
    CrawlOutputOptions output;
    output.format = format;
    output.progress_line = format == LogFormat::kText && isatty(STDERR_FILENO) == 1;
    output.quiet = global.quiet;
    output.verbose = global.verbose > 0;
    const core::Clock& clock = core::SystemClock::Default();
    CrawlLogSink sink(std::cerr, output, clock);

    crawler::CurlMultiFetcherOptions fetcher_options;
    fetcher_options.max_total_connections = options->concurrency;
    fetcher_options.max_host_connections = options->politeness.connections_per_host;
    crawler::CurlMultiFetcher fetcher(fetcher_options);
    crawler::Crawler crawler(std::move(options).value(), fetcher, *archive, clock);

    InstallStopHandlers();
    core::Result<crawler::CrawlSummary> summary = crawler.Run(g_stop_requested, sink);
    sink.Finish();
    if (!summary.ok()) {
      PrintError("crawl failed: " + summary.error().message());
      const int code = ExitCodeFor(summary.error());
      return code == kExitOk ? kExitPartial : code;
    }
    if (json_) {
      std::cout << summary->ToJson() << std::endl;
    } else {
      std::cout << FormatSummaryText(*summary) << std::flush;
    }
    return summary->HadErrors() ? kExitPartial : kExitOk;
  }

 private:
  const CLI::Option* db_option_;  // the global --db, to tell "given" from "default"
  CrawlFlags flags_;
  std::optional<int64_t> max_pages_;
  std::optional<std::string> max_time_;
  std::string log_format_ = "text";
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeCrawlCommand(CLI::App& parent) {
  return std::make_unique<CrawlCommand>(parent);
}

}  // namespace newsvault::app
