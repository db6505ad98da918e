#include "storage/cdxj_sorter.h"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <span>
#include <string_view>
#include <system_error>
#include <utility>

namespace newsvault::storage {
namespace {

constexpr size_t kIoBufferBytes = size_t{64} << 10;

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

std::string ErrnoText() { return std::strerror(errno); }

core::Result<File> OpenFile(const std::string& path, const char* mode, std::string_view verb) {
  File file(std::fopen(path.c_str(), mode));
  if (!file) {
    return core::Status::IoError("cannot " + std::string(verb) + " " + path + ": " + ErrnoText());
  }
  // A bigger buffer than BUFSIZ: fewer system calls for lines of a few hundred bytes.
  std::setvbuf(file.get(), nullptr, _IOFBF, kIoBufferBytes);
  return file;
}

// Flushes and closes, so a full disk shows up here rather than being lost.
core::Status CloseWritten(File file, const std::string& path) {
  if (std::fclose(file.release()) != 0) {
    return core::Status::IoError("cannot write " + path + ": " + ErrnoText());
  }
  return core::Status::Ok();
}

// How lines are laid out in a file. Runs are length-prefixed so a line comes
// back byte for byte whatever it holds (the in-memory sort would keep a '\n'
// inside a line too); the output is the CDXJ text, one line per '\n'.
enum class Layout { kRun, kText };

// Writes lines to a run or the output, turning stdio errors into a Status.
class LineWriter {
 public:
  static core::Result<LineWriter> Create(const std::string& path, Layout layout) {
    ASSIGN_OR_RETURN(File file, OpenFile(path, "wb", "create"));
    return LineWriter(std::move(file), path, layout);
  }

  core::Status Write(std::string_view line) {
    bool ok = true;
    if (layout_ == Layout::kRun) {
      const uint64_t size = line.size();
      ok = std::fwrite(&size, sizeof size, 1, file_.get()) == 1;
    }
    ok = ok && std::fwrite(line.data(), 1, line.size(), file_.get()) == line.size();
    if (layout_ == Layout::kText) ok = ok && std::fputc('\n', file_.get()) != EOF;
    if (!ok) return core::Status::IoError("cannot write " + path_ + ": " + ErrnoText());
    return core::Status::Ok();
  }

  core::Status Close() { return CloseWritten(std::move(file_), path_); }

 private:
  LineWriter(File file, std::string path, Layout layout)
      : file_(std::move(file)), path_(std::move(path)), layout_(layout) {}

  File file_;
  std::string path_;
  Layout layout_;
};

// Reads a run back one line at a time through a buffer.
class RunReader {
 public:
  static core::Result<std::unique_ptr<RunReader>> Open(const std::string& path) {
    ASSIGN_OR_RETURN(File file, OpenFile(path, "rb", "open"));
    return std::unique_ptr<RunReader>(new RunReader(std::move(file), path));
  }

  // Moves to the next line: true when there is one, false at the end.
  core::Result<bool> Next() {
    uint64_t size = 0;
    size_t got = std::fread(&size, 1, sizeof size, file_.get());
    if (got == 0 && std::feof(file_.get())) return false;
    if (got == sizeof size) {
      line_.resize(size);
      got = std::fread(line_.data(), 1, line_.size(), file_.get());
      if (got == line_.size()) return true;
    }
    if (std::ferror(file_.get())) {
      return core::Status::IoError("cannot read " + path_ + ": " + ErrnoText());
    }
    return core::Status::Corruption("spilled run " + path_ + " ends inside a line");
  }

  const std::string& line() const { return line_; }

 private:
  RunReader(File file, std::string path) : file_(std::move(file)), path_(std::move(path)) {}

  File file_;
  std::string path_;
  std::string line_;
};

// K-way merge of sorted runs into `out`: a min-heap holds one reader per run
// that still has a line, keyed by that line.
core::Status Merge(std::span<const std::string> runs, LineWriter& out) {
  std::vector<std::unique_ptr<RunReader>> readers;
  std::vector<size_t> heap;  // indexes into readers
  for (const std::string& run : runs) {
    ASSIGN_OR_RETURN(std::unique_ptr<RunReader> reader, RunReader::Open(run));
    ASSIGN_OR_RETURN(bool has_line, reader->Next());
    if (!has_line) continue;
    heap.push_back(readers.size());
    readers.push_back(std::move(reader));
  }
  // std::*_heap keep the greatest on top; "greater" puts the smallest line there.
  auto greater = [&readers](size_t a, size_t b) { return readers[b]->line() < readers[a]->line(); };
  std::make_heap(heap.begin(), heap.end(), greater);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), greater);
    RunReader& smallest = *readers[heap.back()];
    RETURN_IF_ERROR(out.Write(smallest.line()));
    ASSIGN_OR_RETURN(bool has_line, smallest.Next());
    if (has_line) {
      std::push_heap(heap.begin(), heap.end(), greater);
    } else {
      heap.pop_back();
    }
  }
  return core::Status::Ok();
}

}  // namespace

CdxjSorter::CdxjSorter(std::string output_path, CdxjSorterOptions options)
    : output_path_(std::move(output_path)), options_(std::move(options)) {}

CdxjSorter::~CdxjSorter() = default;  // spill_dir_ removes the runs

core::Status CdxjSorter::Add(std::string line) {
  assert(!finished_);
  // capacity(), not size(): what the line really holds on the heap.
  buffered_bytes_ += line.capacity() + sizeof(std::string);
  lines_.push_back(std::move(line));
  ++lines_added_;
  if (buffered_bytes_ >= options_.memory_budget_bytes) return Spill();
  return core::Status::Ok();
}

std::string CdxjSorter::NextRunPath() {
  return spill_dir_.path() + "/run-" + std::to_string(++run_files_);
}

core::Status CdxjSorter::Spill() {
  if (!spill_dir_.created()) {
    RETURN_IF_ERROR(
        spill_dir_.Create(options_.spill_near.empty() ? output_path_ : options_.spill_near));
  }
  std::sort(lines_.begin(), lines_.end());
  std::string path = NextRunPath();
  ASSIGN_OR_RETURN(LineWriter run, LineWriter::Create(path, Layout::kRun));
  for (const std::string& line : lines_) RETURN_IF_ERROR(run.Write(line));
  RETURN_IF_ERROR(run.Close());
  runs_.push_back(std::move(path));
  ++runs_spilled_;
  lines_.clear();  // keeps its capacity for the next run, which the budget bounds
  buffered_bytes_ = 0;
  return core::Status::Ok();
}

core::Status CdxjSorter::MergeRuns() {
  if (!lines_.empty()) RETURN_IF_ERROR(Spill());
  // Oldest runs first: each pass merges runs of about the same size, so every
  // line is rewritten about log_fanin(runs) times.
  size_t first = 0;
  while (runs_.size() - first > kCdxjSortMaxFanIn) {
    std::span<const std::string> group(runs_.data() + first, kCdxjSortMaxFanIn);
    std::string path = NextRunPath();
    ASSIGN_OR_RETURN(LineWriter merged, LineWriter::Create(path, Layout::kRun));
    RETURN_IF_ERROR(Merge(group, merged));
    RETURN_IF_ERROR(merged.Close());
    // Merged runs go at once, so the disk holds the lines about once more, not once per pass.
    for (const std::string& run : group) {
      std::error_code ignored;
      std::filesystem::remove(run, ignored);
    }
    first += kCdxjSortMaxFanIn;
    runs_.push_back(std::move(path));
  }
  ASSIGN_OR_RETURN(LineWriter out, LineWriter::Create(output_path_, Layout::kText));
  RETURN_IF_ERROR(Merge(std::span<const std::string>(runs_).subspan(first), out));
  return out.Close();
}

core::Status CdxjSorter::Finish() {
  assert(!finished_);
  finished_ = true;
  core::Status status = core::Status::Ok();
  if (runs_.empty()) {
    // Everything fit: no temporary file at all.
    std::sort(lines_.begin(), lines_.end());
    auto out = LineWriter::Create(output_path_, Layout::kText);
    status = out.status();
    for (size_t i = 0; status.ok() && i < lines_.size(); ++i) status = out->Write(lines_[i]);
    if (status.ok()) status = out->Close();
  } else {
    status = MergeRuns();
  }
  lines_ = {};
  runs_.clear();
  spill_dir_.Remove();
  return status;
}

}  // namespace newsvault::storage
