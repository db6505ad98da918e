// WarcByteSource: the bytes of a .warc or .warc.gz file, decompressed, in
// bounded memory, with the file offsets a CDX index needs.
//
// A .warc.gz is a series of gzip members, normally one per record (WARC 1.1
// Annex D.2). This source inflates them one after another with zlib (window
// bits 15+32: gzip or zlib wrapper, detected) and remembers where each member
// starts and ends in the compressed file, so the record reader can report a
// record's offset and length as its member's start and compressed length. A
// whole file compressed as one gzip stream is read too; its records then share
// one member. Plain .warc files are read as they are; offsets are file offsets.
//
// A damaged member (bad header, bad deflate data, CRC mismatch, file cut off)
// becomes a fault naming the member's offset; Resync() then resumes at the next
// gzip member found after it. Only this file includes zlib (the adapter).
//
// Internal to storage/warc_reader.cpp. Thread safety: one thread per source.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace newsvault::storage {

struct WarcSourceFault {
  uint64_t offset = 0;  // the damaged member's start (compressed file offset)
  uint64_t member = 0;  // index of that member
  std::string message;  // one line, without the offset
};

class WarcByteSource {
 public:
  // NotFound / IoError when the file cannot be opened or read.
  static core::Result<std::unique_ptr<WarcByteSource>> Open(const std::string& path);
  ~WarcByteSource();
  WarcByteSource(const WarcByteSource&) = delete;
  WarcByteSource& operator=(const WarcByteSource&) = delete;

  bool compressed() const { return compressed_; }

  // The next byte without consuming it; -1 at the end of the file or when a
  // fault stops the stream (see fault()).
  int Peek();
  // Consumes and returns the next byte, or -1 like Peek().
  int Get();
  // Consumes up to `n` bytes, appending at most `keep` of them to `out` (which
  // may be null); returns how many were consumed (fewer at end or on a fault).
  uint64_t Read(uint64_t n, std::string* out, uint64_t keep);

  // Where the next byte belongs (valid after Peek() returned a byte): the
  // start of its gzip member, or its own offset in a plain file.
  uint64_t NextRecordOffset() const;
  // Index of the member the next byte / the last consumed byte came from.
  uint64_t NextMember() const { return out_member_; }
  uint64_t LastConsumedMember() const { return last_consumed_member_; }
  // True when the next byte is the first byte its gzip member produced.
  bool NextIsMemberStart() const;
  // Compressed end offset of member `index` once its end has been read.
  std::optional<uint64_t> MemberEnd(uint64_t index) const;
  // Compressed bytes consumed so far (plain: bytes consumed).
  uint64_t RawPosition() const;

  const std::optional<WarcSourceFault>& fault() const { return fault_; }
  // Clears the fault and continues at the next gzip member that starts after
  // the damaged one (plain files: continues after the bad bytes).
  void Resync();
  // Discards the rest of the current gzip member (a record inside it could not
  // be parsed); the next byte is then the first of the next member.
  void SkipRestOfMember();

 private:
  struct FileClose {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  struct Inflater;

  WarcByteSource(std::unique_ptr<std::FILE, FileClose> file, bool compressed);
  bool Fill();  // refills out_; false at end or on a fault
  bool FillPlain();
  bool FillGzip();
  bool RefillInput();  // false at end of file
  void SetFault(std::string message);
  bool SeekRaw(uint64_t offset);

  std::unique_ptr<std::FILE, FileClose> file_;
  bool compressed_ = false;
  std::unique_ptr<Inflater> inflater_;

  std::vector<unsigned char> in_;
  size_t in_pos_ = 0, in_len_ = 0;
  uint64_t in_file_offset_ = 0;  // file offset of in_[0]
  bool in_eof_ = false;
  bool read_error_ = false;  // the OS failed a read: nothing more is read

  std::vector<char> out_;
  size_t out_pos_ = 0, out_len_ = 0;
  uint64_t out_offset_ = 0;         // plain: file offset of out_[0]
  uint64_t out_member_ = 0;         // member that produced out_
  uint64_t out_member_start_ = 0;   // its start offset
  uint64_t out_member_before_ = 0;  // bytes that member produced before out_[0]
  uint64_t last_consumed_member_ = 0;

  bool member_active_ = false;
  bool member_from_scan_ = false;  // found by Resync's scan: may be a false match
  uint64_t member_index_ = 0;      // index of the member being inflated (1-based)
  uint64_t member_start_ = 0;
  uint64_t member_output_ = 0;
  std::vector<std::pair<uint64_t, uint64_t>> member_ends_;  // recent (index, end)

  std::optional<WarcSourceFault> fault_;
};

}  // namespace newsvault::storage
