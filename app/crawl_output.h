// What `newsvault crawl` prints while it runs and when it ends (issue 3 item 8).
//
// A terminal gets one progress line on stderr, redrawn in place (pages, rate,
// queue, in flight, errors), with errors printed above it. Anything else (cron,
// a pipe, a log file) gets one line per crawl event on stderr, text
//   2026-11-28T12:00:00Z fetched 200 https://example.com/a site=example bytes=1234
// or, with --log-format json, one JSON object per line
//   {"time":"…","event":"fetched","url":"…","site":"…","status":200,"detail":"","bytes":1234}
// -q keeps only error events. The summary at the end is human lines on stdout,
// or CrawlSummary::ToJson with --json. docs/cli.md documents these shapes.
//
// Thread safety: CrawlLogSink is called from the crawler's thread only
// (crawler/crawler.h); the Format functions are pure.
#pragma once

#include <ostream>
#include <string>

#include "core/clock.h"
#include "core/timestamp.h"
#include "crawler/crawler.h"

namespace newsvault::app {

enum class LogFormat { kText, kJson };

// One event as a log line, without the newline.
std::string FormatEventText(const crawler::CrawlEvent& event, core::Timestamp now);
std::string FormatEventJson(const crawler::CrawlEvent& event, core::Timestamp now);
// "pages 120  3.4/s  queue 56  in flight 3  errors 1"
std::string FormatProgress(const crawler::CrawlProgress& progress);
// The human summary: several lines, each ending in '\n'.
std::string FormatSummaryText(const crawler::CrawlSummary& summary);

struct CrawlOutputOptions {
  LogFormat format = LogFormat::kText;
  // Redraw a progress line instead of logging each event (stderr is a terminal).
  bool progress_line = false;
  // Only error events (-q). No progress line.
  bool quiet = false;
  // Also print every event above the progress line (-v on a terminal).
  bool verbose = false;
};

class CrawlLogSink final : public crawler::CrawlEventSink {
 public:
  // `out` (stderr) and `clock` must outlive the sink.
  CrawlLogSink(std::ostream& out, CrawlOutputOptions options, const core::Clock& clock);

  void OnEvent(const crawler::CrawlEvent& event) override;
  void OnProgress(const crawler::CrawlProgress& progress) override;
  // Erases the progress line, if one is shown, so the summary starts clean.
  void Finish();

 private:
  void ClearProgress();

  std::ostream& out_;
  CrawlOutputOptions options_;
  const core::Clock& clock_;
  bool progress_shown_ = false;
};

}  // namespace newsvault::app
