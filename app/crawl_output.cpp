// Log lines, progress line and summary of `newsvault crawl`; see crawl_output.h.
#include "app/crawl_output.h"

#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

namespace newsvault::app {
namespace {

bool IsErrorEvent(const crawler::CrawlEvent& event) {
  return event.kind == crawler::CrawlEvent::Kind::kError ||
         event.kind == crawler::CrawlEvent::Kind::kHostDropped;
}

// `detail="..."` with quotes and backslashes escaped and control characters
// dropped, so one event stays one line a log shipper can split on spaces.
std::string QuotedDetail(std::string_view detail) {
  std::string out = "detail=\"";
  for (const char c : detail) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string CountsLine(const std::map<std::string, uint64_t>& counts) {
  if (counts.empty()) return "none";
  std::string line;
  for (const auto& [kind, count] : counts) {
    if (!line.empty()) line += ", ";
    line += kind + " " + std::to_string(count);
  }
  return line;
}

std::string HumanBytes(uint64_t bytes) {
  char buf[64];
  const double b = static_cast<double>(bytes);
  if (bytes >= (1u << 30)) {
    std::snprintf(buf, sizeof buf, "%.1f GiB", b / (1u << 30));
  } else if (bytes >= (1u << 20)) {
    std::snprintf(buf, sizeof buf, "%.1f MiB", b / (1u << 20));
  } else if (bytes >= 1024) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", b / 1024);
  } else {
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
  }
  return buf;
}

}  // namespace

std::string FormatEventText(const crawler::CrawlEvent& event, core::Timestamp now) {
  std::string line =
      core::FormatIsoSeconds(now) + " " + std::string(crawler::CrawlEventKindName(event.kind));
  if (event.status_code != 0) line += " " + std::to_string(event.status_code);
  if (!event.url.empty()) line += " " + event.url;
  if (!event.site.empty()) line += " site=" + event.site;
  if (event.bytes != 0) line += " bytes=" + std::to_string(event.bytes);
  if (!event.detail.empty()) line += " " + QuotedDetail(event.detail);
  return line;
}

std::string FormatEventJson(const crawler::CrawlEvent& event, core::Timestamp now) {
  nlohmann::ordered_json j;
  j["time"] = core::FormatIsoSeconds(now);
  j["event"] = std::string(crawler::CrawlEventKindName(event.kind));
  j["url"] = event.url;
  j["site"] = event.site;
  j["status"] = event.status_code;
  j["detail"] = event.detail;
  j["bytes"] = event.bytes;
  // Pages are web input: replace invalid UTF-8 rather than throw.
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string FormatProgress(const crawler::CrawlProgress& progress) {
  char rate[32];
  std::snprintf(rate, sizeof rate, "%.1f", progress.pages_per_second);
  return "pages " + std::to_string(progress.pages) + "  " + rate + "/s  queue " +
         std::to_string(progress.queued) + "  in flight " + std::to_string(progress.in_flight) +
         "  errors " + std::to_string(progress.errors);
}

std::string FormatSummaryText(const crawler::CrawlSummary& summary) {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f s",
                static_cast<double>(summary.duration.count()) / 1000.0);
  std::string text = "crawl run " + std::to_string(summary.run_id) +
                     (summary.resumed ? " (resumed)" : "") + " stopped: " + summary.stop_reason +
                     "\n";
  text += "  pages fetched  " + std::to_string(summary.pages_fetched) + "\n";
  text += "  new articles   " + std::to_string(summary.new_articles) + "\n";
  text += "  new versions   " + std::to_string(summary.new_versions) + "\n";
  text += "  not modified   " + std::to_string(summary.not_modified) + "\n";
  text += "  bytes          " + HumanBytes(summary.bytes) + " (" + std::to_string(summary.bytes) +
          ")\n";
  text += "  errors         " + CountsLine(summary.errors_by_kind) + "\n";
  text += "  skipped        " + CountsLine(summary.skipped_by_kind) + "\n";
  text += "  frontier left  " + std::to_string(summary.frontier_left) + "\n";
  text += "  duration       " + std::string(seconds) + "\n";
  return text;
}

CrawlLogSink::CrawlLogSink(std::ostream& out, CrawlOutputOptions options, const core::Clock& clock)
    : out_(out), options_(options), clock_(clock) {
  if (options_.quiet) options_.progress_line = false;
}

void CrawlLogSink::OnEvent(const crawler::CrawlEvent& event) {
  const bool error = IsErrorEvent(event);
  if (options_.quiet && !error) return;
  // On a terminal the progress line stands for the events; errors (and with
  // -v everything) still get a line of their own above it.
  if (options_.progress_line && !error && !options_.verbose) return;
  ClearProgress();
  const core::Timestamp now = clock_.Now();
  out_ << (options_.format == LogFormat::kJson ? FormatEventJson(event, now)
                                               : FormatEventText(event, now))
       << '\n';
  // Unbuffered enough for `tail -f` and for a crash to lose nothing logged.
  out_.flush();
}

void CrawlLogSink::OnProgress(const crawler::CrawlProgress& progress) {
  if (!options_.progress_line) return;
  // "\r" back to column 0, ESC[K erases what a longer previous line left.
  out_ << "\r\x1b[K" << FormatProgress(progress);
  out_.flush();
  progress_shown_ = true;
}

void CrawlLogSink::Finish() { ClearProgress(); }

void CrawlLogSink::ClearProgress() {
  if (!progress_shown_) return;
  out_ << "\r\x1b[K";
  out_.flush();
  progress_shown_ = false;
}

}  // namespace newsvault::app
