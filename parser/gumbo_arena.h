// GumboArena: the memory one Gumbo parse allocates from (GumboOptions's
// allocator/deallocator hooks), released all at once when the parse's tree
// has been copied.
//
// Why: Gumbo makes hundreds of thousands of small allocations per news page
// (nodes, attribute vectors, growing string buffers) and frees each one again
// in gumbo_destroy_output's walk of the tree. Through glibc malloc that was
// about a tenth of a crawl's CPU. Here an allocation is a bump of a pointer
// or a pop from a free list of its size class, and the tree is dropped by
// freeing a few large chunks, with no walk at all.
//
// Blocks freed during the parse (a string buffer that grew, a token's
// scratch) go back on their size class's free list and are reused. Classes
// step by 16 bytes up to 512 (as malloc's do), then by powers of two, so
// memory stays close to what malloc would hold for the same tree.
//
// Thread safety: one arena per parse, used by one thread.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace newsvault::parser {

class GumboArena {
 public:
  GumboArena() = default;
  GumboArena(const GumboArena&) = delete;
  GumboArena& operator=(const GumboArena&) = delete;
  ~GumboArena();

  // The hooks to put in GumboOptions, with `this` as the userdata. Allocate
  // returns nullptr only when the system is out of memory.
  static void* Allocate(void* arena, size_t size);
  static void Deallocate(void* arena, void* block);

  // Bytes taken from the system so far (for tests and the peak-memory story).
  size_t reserved_bytes() const { return reserved_; }

 private:
  // 32 classes of 16..512 bytes, then powers of two up to 2^62 bytes.
  static constexpr size_t kClasses = 32 + 53;

  void* Take(size_t size);
  void Give(void* block);
  char* Bump(size_t bytes);

  std::vector<char*> chunks_;
  char* cursor_ = nullptr;
  char* limit_ = nullptr;
  size_t reserved_ = 0;
  void* free_lists_[kClasses] = {};
};

}  // namespace newsvault::parser
