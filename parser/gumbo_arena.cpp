#include "parser/gumbo_arena.h"

#include <bit>
#include <cstdlib>
#include <cstring>

namespace newsvault::parser {
namespace {

// Every block carries its size class in a header as wide as the strictest
// alignment, so the payload stays aligned for any type Gumbo stores.
constexpr size_t kHeader = alignof(std::max_align_t);
constexpr size_t kChunkBytes = 256 * 1024;

// Small blocks (nodes, attributes, short strings: most of a tree) come in
// steps of 16 bytes, as malloc's do, so the arena is no bigger than malloc
// for them; from 512 bytes on, powers of two (Gumbo grows those by doubling).
constexpr size_t kStep = 16;
constexpr size_t kSmallLimit = 512;
constexpr size_t kSmallClasses = kSmallLimit / kStep;  // classes 0..31: 16..512 bytes
constexpr int kSmallLimitBits = 9;                     // 512 == 1 << 9

size_t ClassOf(size_t size) {
  if (size <= kSmallLimit) return size == 0 ? 0 : (size + kStep - 1) / kStep - 1;
  // 513..1024 -> kSmallClasses, 1025..2048 -> kSmallClasses + 1, ...
  return kSmallClasses + static_cast<size_t>(std::bit_width(size - 1) - kSmallLimitBits - 1);
}

size_t ClassBytes(size_t size_class) {
  if (size_class < kSmallClasses) return (size_class + 1) * kStep;
  return kSmallLimit << (size_class - kSmallClasses + 1);
}

}  // namespace

GumboArena::~GumboArena() {
  for (char* chunk : chunks_) std::free(chunk);
}

void* GumboArena::Allocate(void* arena, size_t size) {
  return static_cast<GumboArena*>(arena)->Take(size);
}

void GumboArena::Deallocate(void* arena, void* block) {
  if (block != nullptr) static_cast<GumboArena*>(arena)->Give(block);
}

void* GumboArena::Take(size_t size) {
  const size_t size_class = ClassOf(size);
  if (size_class >= kClasses) return nullptr;
  if (void* head = free_lists_[size_class]) {
    void* next = nullptr;
    std::memcpy(&next, head, sizeof next);
    free_lists_[size_class] = next;
    return head;
  }
  char* block = Bump(kHeader + ClassBytes(size_class));
  if (block == nullptr) return nullptr;
  std::memcpy(block, &size_class, sizeof size_class);
  return block + kHeader;
}

void GumboArena::Give(void* block) {
  size_t size_class = 0;
  std::memcpy(&size_class, static_cast<char*>(block) - kHeader, sizeof size_class);
  void* head = free_lists_[size_class];
  std::memcpy(block, &head, sizeof head);
  free_lists_[size_class] = block;
}

char* GumboArena::Bump(size_t bytes) {
  if (static_cast<size_t>(limit_ - cursor_) < bytes) {
    // A block too big for a normal chunk gets a chunk of its own; the rest
    // of the current chunk stays in use for small blocks.
    const size_t chunk_bytes = bytes > kChunkBytes / 4 ? bytes : kChunkBytes;
    char* chunk = static_cast<char*>(std::malloc(chunk_bytes));
    if (chunk == nullptr) return nullptr;
    chunks_.push_back(chunk);
    reserved_ += chunk_bytes;
    if (chunk_bytes != kChunkBytes) return chunk;
    cursor_ = chunk;
    limit_ = chunk + chunk_bytes;
  }
  char* block = cursor_;
  cursor_ += bytes;
  return block;
}

}  // namespace newsvault::parser
