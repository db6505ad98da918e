// nv_bench_frontier_memory: what a 1 million URL frontier costs in memory
// (issue 3: "a 1 million URL frontier adds under 100 MB").
//
// Opens a fresh archive, begins a crawl run, then enqueues --urls page URLs
// spread over --hosts origins through storage::CrawlStore::Enqueue, in batches
// of --batch (as a crawler does with the links of one page), and reports the
// process's resident memory before and after (VmRSS and the peak VmHWM from
// /proc/self/status), the frontier size the store reports, and the time taken.
// The frontier lives in RocksDB, so what this measures is the memory the
// store's caches and memtables take while holding it.
//
// Output: one JSON object on stdout (bench/crawl/run reads it).
//
// Thread safety: a single-threaded command-line program.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "core/timestamp.h"
#include "storage/archive.h"
#include "storage/crawl_store.h"

namespace newsvault::bench {
namespace {

// A "VmRSS:" style line of /proc/self/status, in MB; -1 when absent.
double StatusMb(std::string_view key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(key)) {
      return static_cast<double>(std::strtoll(line.c_str() + key.size(), nullptr, 10)) / 1024.0;
    }
  }
  return -1;
}

int Usage() {
  std::fprintf(stderr,
               "usage: nv_bench_frontier_memory --db DIR [--urls N] [--hosts H] [--batch B]\n"
               "  DIR must not exist yet (a fresh archive is created there)\n");
  return 2;
}

int Fail(const core::Status& status) {
  std::fprintf(stderr, "nv_bench_frontier_memory: %s\n", status.ToString().c_str());
  return 1;
}

int Main(int argc, char** argv) {
  std::string db;
  int64_t urls = 1'000'000;
  int64_t hosts = 20;
  int64_t batch = 200;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view arg = argv[i];
    if (arg == "--db") {
      db = argv[i + 1];
    } else if (arg == "--urls") {
      urls = std::atoll(argv[i + 1]);
    } else if (arg == "--hosts") {
      hosts = std::atoll(argv[i + 1]);
    } else if (arg == "--batch") {
      batch = std::atoll(argv[i + 1]);
    } else {
      return Usage();
    }
  }
  if (argc % 2 == 0 || db.empty() || urls < 1 || hosts < 1 || batch < 1) return Usage();

  auto archive = storage::OpenArchive(db);
  if (!archive.ok()) return Fail(archive.status());
  storage::CrawlStore& store = (*archive)->Crawl();
  auto run = store.BeginRun(core::SystemClock::Default().Now());
  if (!run.ok()) return Fail(run.status());

  const double rss_before = StatusMb("VmRSS:");
  const double hwm_before = StatusMb("VmHWM:");
  const auto start = std::chrono::steady_clock::now();
  uint64_t added = 0;
  std::vector<storage::FrontierEntry> entries;
  for (int64_t n = 0; n < urls;) {
    entries.clear();
    for (int64_t j = 0; j < batch && n < urls; ++j, ++n) {
      const int64_t host = n % hosts;
      storage::FrontierEntry entry;
      entry.url = "http://127.0.0." + std::to_string(10 + host) + ":8080/news/2026/11/28/story-" +
                  std::to_string(n / hosts) + ".html";
      entry.site = "host-" + std::to_string(host);
      entry.kind = storage::FrontierKind::kPage;
      entry.depth = 2;
      entry.via = "http://127.0.0." + std::to_string(10 + host) + ":8080/";
      entries.push_back(std::move(entry));
    }
    auto result = store.Enqueue(entries, run->id, storage::EnqueuePolicy::kOncePerRun);
    if (!result.ok()) return Fail(result.status());
    added += result->size();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto size = store.FrontierSize();
  if (!size.ok()) return Fail(size.status());
  const double rss_after = StatusMb("VmRSS:");
  const double hwm_after = StatusMb("VmHWM:");

  std::printf(
      "{\"urls\": %lld, \"hosts\": %lld, \"batch\": %lld, \"added\": %llu, "
      "\"frontier_size\": %llu, \"seconds\": %.1f, \"rss_before_mb\": %.1f, "
      "\"rss_after_mb\": %.1f, \"hwm_before_mb\": %.1f, \"hwm_after_mb\": %.1f}\n",
      static_cast<long long>(urls), static_cast<long long>(hosts), static_cast<long long>(batch),
      static_cast<unsigned long long>(added), static_cast<unsigned long long>(*size), seconds,
      rss_before, rss_after, hwm_before, hwm_after);
  return 0;
}

}  // namespace
}  // namespace newsvault::bench

int main(int argc, char** argv) { return newsvault::bench::Main(argc, argv); }
