// `newsvault robots FILE AGENT URL [--json]`: explains a robots.txt decision
// (RFC 9309) for one agent and URL — no network, no archive.
//
// Exit codes: 0 allowed, 1 disallowed, 2 usage error (unreadable file, bad URL).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <system_error>

#include <nlohmann/json.hpp>

#include "app/cli.h"
#include "core/url.h"
#include "crawler/robots.h"

namespace newsvault::app {
namespace {

class RobotsCommand final : public Command {
 public:
  explicit RobotsCommand(CLI::App& parent) {
    app_ = parent.add_subcommand("robots", "Explain whether robots.txt allows an agent a URL");
    app_->add_option("file", file_, "A saved robots.txt; - for stdin")->required();
    app_->add_option("agent", agent_, "User-agent, e.g. newsvault or newsvault/0.1")->required();
    app_->add_option("url", url_, "Absolute http(s) URL, or a path starting with /")->required();
    app_->add_flag("--json", json_, "Print the decision as one JSON object");
  }

  int Run(const GlobalOptions& global) override {
    if (url_.empty() || url_.front() != '/') {
      core::Result<core::Url> parsed = core::Url::Parse(url_);
      if (!parsed.ok()) {
        PrintError(parsed.error().message());
        return kExitUsage;
      }
    }
    std::string body;
    if (!ReadInput(&body)) {
      PrintError("cannot read " + file_);
      return kExitUsage;
    }
    const crawler::RobotsTxt robots = crawler::ParseRobotsTxt(body);
    if (!global.quiet) {
      // What the parser skipped or guessed is often the answer to "why".
      for (const crawler::RobotsOddity& odd : robots.oddities) {
        PrintWarning(file_ + (odd.line > 0 ? ":" + std::to_string(odd.line) : "") + ": " +
                     odd.message);
      }
    }
    const crawler::RobotsDecision decision = crawler::Decide(robots, agent_, url_);
    if (json_) {
      nlohmann::json j;
      j["allowed"] = decision.allowed;
      j["line"] = decision.line > 0 ? nlohmann::json(decision.line) : nlohmann::json();
      j["rule"] = decision.line > 0 ? nlohmann::json(decision.rule) : nlohmann::json();
      j["reason"] = decision.reason;
      j["agent_group"] =
          decision.agent_group.empty() ? nlohmann::json() : nlohmann::json(decision.agent_group);
      j["crawl_delay"] = decision.crawl_delay_seconds
                             ? nlohmann::json(*decision.crawl_delay_seconds)
                             : nlohmann::json();
      std::cout << j.dump() << "\n";
    } else {
      std::cout << (decision.allowed ? "ALLOWED" : "DISALLOWED") << "\n";
      if (decision.line > 0) {
        std::cout << "line " << decision.line << ": " << decision.rule << "\n";
      } else {
        std::cout << decision.reason << "\n";
      }
    }
    return decision.allowed ? kExitOk : kExitPartial;
  }

 private:
  bool ReadInput(std::string* body) const {
    std::ostringstream buffer;
    if (file_ == "-") {
      buffer << std::cin.rdbuf();
    } else {
      // A directory opens fine and reads as empty, which would mean "allow all".
      std::error_code error;
      if (std::filesystem::is_directory(file_, error)) return false;
      std::ifstream in(file_, std::ios::binary);
      if (!in) return false;
      buffer << in.rdbuf();
      if (in.bad()) return false;
    }
    *body = buffer.str();
    return true;
  }

  std::string file_;
  std::string agent_;
  std::string url_;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeRobotsCommand(CLI::App& parent) {
  return std::make_unique<RobotsCommand>(parent);
}

}  // namespace newsvault::app
