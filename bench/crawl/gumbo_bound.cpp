// nv_bench_gumbo_bound: the "Gumbo bound" of the crawl benchmark (issue 3).
//
// Parses every *.html file under the given paths with Gumbo alone, `--passes`
// times, single-threaded, and reports the CPU time per page and the rate one
// core reaches. Times nproc, that rate is the most any crawler that parses
// every page with Gumbo can fetch on this machine. Gumbo is called with the
// options newsvault's parser uses (parser/gumbo_document.cpp: default options,
// max_errors = 0, since recording parse errors costs time nobody reads);
// `--record-errors` measures plain gumbo_parse() instead.
//
// Only the parse and the tree's destruction are timed; reading the file is
// not. Output: one JSON object on stdout (bench/crawl/run reads it).
//
// `--parse newsvault` times newsvault's own parse instead (parser::ParseHtml:
// the pre-Gumbo pass that caps nesting and empties script and style bodies,
// Gumbo, and the copy into our Document), so the crawl's CPU beyond its own
// parse can be told apart from the CPU beyond a full Gumbo parse.
//
// Thread safety: a single-threaded command-line program.
#include <gumbo.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "parser/gumbo_document.h"

namespace newsvault::bench {
namespace {

struct GumboOutputDeleter {
  const GumboOptions* options;
  void operator()(GumboOutput* output) const { gumbo_destroy_output(options, output); }
};

// Thread CPU time: what one core spends, whatever else the machine is doing.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

bool ReadFile(const std::filesystem::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return static_cast<bool>(in) || in.eof();
}

void CollectHtml(const std::filesystem::path& path, std::vector<std::filesystem::path>& files) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".html") {
        files.push_back(entry.path());
      }
    }
  } else {
    files.push_back(path);
  }
}

int Usage() {
  std::fprintf(
      stderr,
      "usage: nv_bench_gumbo_bound [--passes N] [--record-errors] [--parse gumbo|newsvault] "
      "PATH...\n"
      "  parses every *.html under PATH (files or directories) N times with Gumbo\n"
      "  (or with newsvault's parser::ParseHtml)\n");
  return 2;
}

int Main(int argc, char** argv) {
  int passes = 1;
  bool record_errors = false;
  bool newsvault_parse = false;
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--passes" && i + 1 < argc) {
      passes = std::atoi(argv[++i]);
      if (passes < 1) return Usage();
    } else if (arg == "--record-errors") {
      record_errors = true;
    } else if (arg == "--parse" && i + 1 < argc) {
      const std::string_view which = argv[++i];
      if (which != "gumbo" && which != "newsvault") return Usage();
      newsvault_parse = which == "newsvault";
    } else if (arg.starts_with("-")) {
      return Usage();
    } else {
      CollectHtml(argv[i], files);
    }
  }
  if (files.empty()) return Usage();
  std::sort(files.begin(), files.end());

  GumboOptions options = kGumboDefaultOptions;
  if (!record_errors) options.max_errors = 0;

  double cpu_seconds = 0;
  double wall_seconds = 0;
  uint64_t pages = 0;
  uint64_t bytes = 0;
  uint64_t nodes_sink = 0;  // keeps the result observable
  std::string html;
  for (int pass = 0; pass < passes; ++pass) {
    for (const auto& file : files) {
      if (!ReadFile(file, html)) {
        std::fprintf(stderr, "nv_bench_gumbo_bound: cannot read %s\n", file.c_str());
        return 1;
      }
      const auto wall_start = std::chrono::steady_clock::now();
      const double cpu_start = ThreadCpuSeconds();
      if (newsvault_parse) {
        nodes_sink += parser::ParseHtml(html).size();
      } else {
        std::unique_ptr<GumboOutput, GumboOutputDeleter> output(
            gumbo_parse_with_options(&options, html.data(), html.size()),
            GumboOutputDeleter{&options});
        if (output && output->root->type == GUMBO_NODE_ELEMENT) {
          nodes_sink += output->root->v.element.children.length;
        }
      }
      cpu_seconds += ThreadCpuSeconds() - cpu_start;
      wall_seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
      ++pages;
      bytes += html.size();
    }
  }

  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const double cpu_ms_per_page = cpu_seconds * 1000.0 / static_cast<double>(pages);
  const double wall_ms_per_page = wall_seconds * 1000.0 / static_cast<double>(pages);
  std::printf(
      "{\"files\": %zu, \"passes\": %d, \"pages\": %llu, \"mean_page_bytes\": %.0f, "
      "\"record_errors\": %s, \"parse\": \"%s\", \"cpu_ms_per_page\": %.4f, \"wall_ms_per_page\": "
      "%.4f, "
      "\"pages_per_s_one_core\": %.1f, \"cores\": %u, \"bound_pages_per_s\": %.1f, "
      "\"root_children\": %llu}\n",
      files.size(), passes, static_cast<unsigned long long>(pages),
      static_cast<double>(bytes) / static_cast<double>(pages), record_errors ? "true" : "false",
      newsvault_parse ? "newsvault" : "gumbo", cpu_ms_per_page, wall_ms_per_page,
      1000.0 / cpu_ms_per_page, cores, 1000.0 / cpu_ms_per_page * cores,
      static_cast<unsigned long long>(nodes_sink));
  return 0;
}

}  // namespace
}  // namespace newsvault::bench

int main(int argc, char** argv) { return newsvault::bench::Main(argc, argv); }
