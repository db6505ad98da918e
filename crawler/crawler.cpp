// Crawler::Run: the scheduler loop of a crawl run (crawler/crawler.h). The
// run's state lives in crawl_run.h; this file wires the steps in order.
#include "crawler/crawler.h"

#include <utility>

#include "crawler/crawl_run.h"

namespace newsvault::crawler {

class Crawler::Impl {
 public:
  Impl(CrawlerOptions options, Fetcher& fetcher, storage::Archive& archive,
       const core::Clock& clock)
      : options_(std::move(options)), fetcher_(fetcher), archive_(archive), clock_(clock) {}

  core::Result<CrawlSummary> Run(const std::atomic<bool>& stop, CrawlEventSink& sink) {
    CrawlRunner runner(options_, fetcher_, archive_, clock_, stop, sink);
    return runner.Run();
  }

 private:
  CrawlerOptions options_;
  Fetcher& fetcher_;
  storage::Archive& archive_;
  const core::Clock& clock_;
};

Crawler::Crawler(CrawlerOptions options, Fetcher& fetcher, storage::Archive& archive,
                 const core::Clock& clock)
    : impl_(std::make_unique<Impl>(std::move(options), fetcher, archive, clock)) {}

Crawler::~Crawler() = default;

core::Result<CrawlSummary> Crawler::Run(const std::atomic<bool>& stop, CrawlEventSink& sink) {
  return impl_->Run(stop, sink);
}

}  // namespace newsvault::crawler
