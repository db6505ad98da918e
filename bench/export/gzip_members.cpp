// Benchmark of issue 5 item 5: per-record gzip members with zlib vs libdeflate.
//
// Builds the records an export writes for each HTML page given (a request, a
// response carrying the page, a metadata record), compresses every record as
// its own gzip member with storage::GzipMember exactly as WarcWriter calls it
// ({head, block, trailer}), alternating the engines pass by pass so both see
// the same machine load, and prints one JSON line per engine and size class:
// input MB/s over wall time and over this process's CPU time, and the output
// size. It writes the uncompressed records (records.warc) and each engine's
// members (zlib.warc.gz, libdeflate.warc.gz) into --out so bench/export/run
// can time `gzip -6` on the same bytes and check the members decode.
//
// Usage: nv_bench_gzip_members [--passes N] [--level L] --out DIR PAGE.html...
//
// Thread safety: single-threaded program.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "storage/gzip_member_writer.h"
#include "storage/warc_record.h"

namespace {

using newsvault::storage::GzipEngine;

struct Record {
  std::string head;
  std::string block;
  std::string size_class;
  size_t size() const { return head.size() + block.size() + 4; }
};

std::string ClassOf(size_t bytes) {
  if (bytes < 4096) return "small (<4 KB)";
  if (bytes < 100 * 1024) return "page 4-100 KB";
  if (bytes < 300 * 1024) return "page 100-300 KB";
  return "page >=300 KB";
}

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

bool AddRecord(std::vector<Record>& out, newsvault::storage::WarcRecord r, int n) {
  auto head = newsvault::storage::FormatWarcHead(
      r, "<urn:uuid:00000000-0000-4000-8000-" + std::to_string(100000000000 + n) + ">",
      "2026-11-28T12:00:00Z");
  if (!head.ok()) {
    std::cerr << "cannot format a record: " << head.status().ToString() << "\n";
    return false;
  }
  Record rec{*head, std::move(r.block), ""};
  rec.size_class = ClassOf(rec.size());
  out.push_back(std::move(rec));
  return true;
}

// The three records newsvault writes for one fetched page.
bool AddPage(std::vector<Record>& out, const std::string& html, int n) {
  std::string url = "https://news.example.org/2026/11/28/story-" + std::to_string(n) + ".html";
  newsvault::storage::WarcRecord req;
  req.type = "request";
  req.content_type = "application/http;msgtype=request";
  req.fields = {{"WARC-Target-URI", url}};
  req.block = "GET /2026/11/28/story-" + std::to_string(n) +
              ".html HTTP/1.1\r\nHost: news.example.org\r\nUser-Agent: newsvault/0.1 "
              "(+https://example.org/bot)\r\nAccept: text/html,application/xhtml+xml\r\n"
              "Accept-Encoding: gzip, br\r\nConnection: keep-alive\r\n\r\n";
  newsvault::storage::WarcRecord resp;
  resp.type = "response";
  resp.content_type = "application/http;msgtype=response";
  resp.fields = {{"WARC-Target-URI", url}, {"WARC-IP-Address", "192.0.2.7"}};
  resp.block = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
               std::to_string(html.size()) +
               "\r\nCache-Control: max-age=60\r\nDate: Sat, 28 Nov 2026 12:00:00 GMT\r\n"
               "Server: nginx\r\nVary: Accept-Encoding\r\n\r\n" +
               html;
  newsvault::storage::WarcRecord meta;
  meta.type = "metadata";
  meta.content_type = "application/warc-fields";
  meta.fields = {{"WARC-Target-URI", url}};
  meta.block =
      "via: https://news.example.org/\r\nhopsFromSeed: L\r\nfetchTimeMs: 87\r\n"
      "outlink: https://news.example.org/world/\r\noutlink: https://cdn.example.org/"
      "site.css\r\n";
  return AddRecord(out, std::move(req), 3 * n) && AddRecord(out, std::move(resp), 3 * n + 1) &&
         AddRecord(out, std::move(meta), 3 * n + 2);
}

struct Totals {
  double wall = 0;
  double cpu = 0;
  size_t in = 0;
  size_t out = 0;
  size_t records = 0;
};

const char* Name(GzipEngine e) { return e == GzipEngine::kZlib ? "zlib" : "libdeflate"; }

}  // namespace

int main(int argc, char** argv) {
  int passes = 5;
  int level = newsvault::storage::kWarcGzipLevel;
  std::string out_dir;
  std::vector<std::string> pages;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--passes" && i + 1 < argc) {
      passes = std::stoi(argv[++i]);
    } else if (a == "--level" && i + 1 < argc) {
      level = std::stoi(argv[++i]);
    } else if (a == "--out" && i + 1 < argc) {
      out_dir = argv[++i];
    } else {
      pages.push_back(a);
    }
  }
  if (out_dir.empty() || pages.empty()) {
    std::cerr << "usage: nv_bench_gzip_members [--passes N] [--level L] --out DIR PAGE.html...\n";
    return 2;
  }

  std::vector<Record> records;
  for (size_t i = 0; i < pages.size(); ++i) {
    std::ifstream in(pages[i], std::ios::binary);
    std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.eof() && !in) {
      std::cerr << "cannot read " << pages[i] << "\n";
      return 1;
    }
    if (!AddPage(records, html, static_cast<int>(i))) return 1;
  }
  {
    std::ofstream raw(out_dir + "/records.warc", std::ios::binary);
    for (const Record& r : records)
      raw << r.head << r.block << newsvault::storage::kWarcRecordTrailer;
    if (!raw) {
      std::cerr << "cannot write " << out_dir << "/records.warc\n";
      return 1;
    }
  }

  // Per engine and class: one Totals per pass; the medians are reported.
  std::map<std::pair<std::string, std::string>, std::vector<Totals>> runs;
  const GzipEngine engines[] = {GzipEngine::kZlib, GzipEngine::kLibdeflate};
  for (int p = 0; p < passes; ++p) {
    for (GzipEngine e : engines) {
      std::map<std::string, Totals> pass;
      std::ofstream members;
      if (p == 0) members.open(out_dir + "/" + Name(e) + ".warc.gz", std::ios::binary);
      for (const Record& r : records) {
        double c0 = CpuSeconds();
        auto t0 = std::chrono::steady_clock::now();
        auto m = newsvault::storage::GzipMember(
            {r.head, r.block, newsvault::storage::kWarcRecordTrailer}, level, e);
        auto t1 = std::chrono::steady_clock::now();
        double c1 = CpuSeconds();
        if (!m.ok()) {
          std::cerr << Name(e) << ": " << m.status().ToString() << "\n";
          return 1;
        }
        if (p == 0) members << *m;
        for (const std::string& cls : {r.size_class, std::string("all")}) {
          Totals& t = pass[cls];
          t.wall += std::chrono::duration<double>(t1 - t0).count();
          t.cpu += c1 - c0;
          t.in += r.size();
          t.out += m->size();
          ++t.records;
        }
      }
      if (p == 0 && !members) {
        std::cerr << "cannot write the " << Name(e) << " members\n";
        return 1;
      }
      for (auto& [cls, t] : pass) runs[{Name(e), cls}].push_back(t);
    }
  }

  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
  };
  for (auto& [key, ts] : runs) {
    std::vector<double> wall, cpu;
    for (const Totals& t : ts) {
      wall.push_back(static_cast<double>(t.in) / 1e6 / t.wall);
      cpu.push_back(static_cast<double>(t.in) / 1e6 / t.cpu);
    }
    const Totals& t = ts.front();
    std::printf(
        "{\"kind\": \"members\", \"engine\": \"%s\", \"level\": %d, \"class\": \"%s\", "
        "\"records\": %zu, \"in_bytes\": %zu, \"out_bytes\": %zu, \"passes\": %zu, "
        "\"mb_s_wall\": %.1f, \"mb_s_cpu\": %.1f}\n",
        key.first.c_str(), level, key.second.c_str(), t.records, t.in, t.out, ts.size(),
        median(wall), median(cpu));
  }
  return 0;
}
