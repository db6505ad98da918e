// The newsvault binary: parses the command line and runs one subcommand.
//
// Global options (--db, --config, -v, -q) are accepted before or after the
// subcommand (CLI11 fallthrough). Usage errors exit 2, as DESIGN §1 says.
#include <iostream>
#include <memory>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/cli.h"
#include "core/log.h"

using newsvault::app::Command;
using newsvault::app::GlobalOptions;

int main(int argc, char** argv) {
  CLI::App app{"newsvault: crawl, archive and export news sites as versioned WARC archives"};
  app.set_version_flag("--version", newsvault::app::Version());
  app.require_subcommand(1);
  app.fallthrough();  // inherited by subcommands: global options work after them too

  GlobalOptions global;
  app.add_option("--db", global.db_path, "Archive directory (RocksDB)")->capture_default_str();
  app.add_option("--config", global.config_path, "Config file (TOML)");
  app.add_flag("-v,--verbose", global.verbose, "More log output (repeat for more)");
  app.add_flag("-q,--quiet", global.quiet, "Errors only");

  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(newsvault::app::MakeArchiveCommand(app));
  commands.push_back(newsvault::app::MakeHistoryCommand(app));
  commands.push_back(newsvault::app::MakeShowCommand(app));
  commands.push_back(newsvault::app::MakeListCommand(app));
  commands.push_back(newsvault::app::MakeExtractCommand(app));
  commands.push_back(newsvault::app::MakeExportCommand(app));
  commands.push_back(newsvault::app::MakeStatsCommand(app));
  commands.push_back(newsvault::app::MakeIndexCommand(app));
  commands.push_back(newsvault::app::MakeImportCommand(app));
  commands.push_back(newsvault::app::MakeRobotsCommand(app));
  commands.push_back(newsvault::app::MakeCrawlCommand(app));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return newsvault::app::kExitUsage;
  }

  using newsvault::core::LogLevel;
  newsvault::core::SetLogLevel(global.quiet         ? LogLevel::kError
                               : global.verbose > 0 ? LogLevel::kDebug
                                                    : LogLevel::kInfo);
  for (const auto& command : commands) {
    if (command->app()->parsed()) return command->Run(global);
  }
  return newsvault::app::kExitUsage;
}
