// CdxjSorter: sorts the CDXJ lines of an export in bounded memory.
//
// An export indexes every record it writes (storage/cdxj.h) and the index
// must come out sorted: pywb and WACZ readers binary-search it. Holding every
// line until the end costs ~300-400 bytes per record (~250 MB for a
// 600k-record export), against issue 5's "bounded memory for export". So this
// is an external merge sort: lines are kept up to a byte budget; when it is
// reached they are sorted and spilled to a temporary file (a "run"), and
// Finish merges the runs into the output with a k-way merge (a min-heap over
// one buffered reader per run), at most kCdxjSortMaxFanIn runs at a time,
// merging in passes beyond that so open files stay bounded. When nothing was
// spilled, Finish sorts in memory and writes the output directly: no
// temporary file at all.
//
// Order: plain byte order of whole lines (std::string's operator<, which
// compares as unsigned char, i.e. `LC_ALL=C sort`), duplicates kept: exactly
// what std::sort over all the lines gives, as pywb and warcio expect.
//
// Memory: about memory_budget_bytes of lines, plus while merging one 64 KiB
// buffer and one line per open run. Disk: the lines once more, in a directory
// NEAR.tmpXXXXXX beside the output, removed by Finish and by the destructor,
// whether the sort succeeded or not.
//
// Thread safety: not thread-safe; one owner.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "storage/temp_directory.h"

namespace newsvault::storage {

// 32 MiB of lines (~100k records) before the first spill: most exports never
// touch the disk, and a huge one holds a fixed amount whatever its size.
inline constexpr size_t kDefaultCdxjSortMemoryBytes = size_t{32} << 20;
// Runs merged at once: one open file and one 64 KiB buffer each.
inline constexpr size_t kCdxjSortMaxFanIn = 64;

struct CdxjSorterOptions {
  // Bytes of lines held in memory before they are sorted and spilled to a run
  // file; a line counts its capacity plus the std::string holding it.
  // Default kDefaultCdxjSortMemoryBytes. 0 spills at every line.
  size_t memory_budget_bytes = kDefaultCdxjSortMemoryBytes;
  // The spill directory is made beside this path (NEAR.tmpXXXXXX).
  // Default (empty): beside the output.
  std::string spill_near;
};

class CdxjSorter {
 public:
  explicit CdxjSorter(std::string output_path, CdxjSorterOptions options = {});
  ~CdxjSorter();  // removes any spill files
  CdxjSorter(const CdxjSorter&) = delete;
  CdxjSorter& operator=(const CdxjSorter&) = delete;

  // Takes one line, without its '\n'. REQUIRES: Finish not called yet.
  // IoError naming the file when a run cannot be spilled.
  core::Status Add(std::string line);

  // Writes every line added, sorted, each followed by '\n', to the output path
  // (created or truncated), then removes the spill files. Call once. IoError
  // naming the file on failure; the output may then be partly written and is
  // left for the caller to remove (it may be a file the caller owns).
  core::Status Finish();

  // Lines added so far.
  uint64_t lines() const { return lines_added_; }
  // Sorted runs spilled to disk from memory (0 when all lines fit in the
  // budget); merge passes write further files not counted here.
  uint64_t runs_spilled() const { return runs_spilled_; }

 private:
  core::Status Spill();
  core::Status MergeRuns();
  std::string NextRunPath();

  std::string output_path_;
  CdxjSorterOptions options_;
  std::vector<std::string> lines_;  // in memory, unsorted
  size_t buffered_bytes_ = 0;       // of lines_, as memory_budget_bytes counts them
  uint64_t lines_added_ = 0;
  uint64_t runs_spilled_ = 0;
  uint64_t run_files_ = 0;  // names run files, spilled or merged
  TempDirectory spill_dir_;
  std::vector<std::string> runs_;  // run files not merged yet, oldest first
  bool finished_ = false;
};

}  // namespace newsvault::storage
