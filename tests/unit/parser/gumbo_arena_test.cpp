// GumboArena (gumbo_arena.h): the per-parse allocator behind ParseHtml.
#include "parser/gumbo_arena.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <iterator>
#include <vector>

namespace newsvault::parser {
namespace {

TEST(GumboArena, BlocksAreAlignedAndDoNotOverlap) {
  constexpr size_t kSizes[] = {1, 7, 16, 17, 100, 4000, 70000, 3};
  GumboArena arena;
  std::vector<char*> blocks;
  for (size_t size : kSizes) {
    auto* block = static_cast<char*>(GumboArena::Allocate(&arena, size));
    ASSERT_NE(block, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(block) % alignof(std::max_align_t), 0u) << size;
    std::memset(block, static_cast<int>(size & 0xFF), size);
    blocks.push_back(block);
  }
  // Each block still holds what was written to it: no two overlap.
  for (size_t i = 0; i < std::size(kSizes); ++i) {
    for (size_t b = 0; b < kSizes[i]; ++b) {
      ASSERT_EQ(static_cast<unsigned char>(blocks[i][b]), kSizes[i] & 0xFF) << kSizes[i];
    }
  }
}

TEST(GumboArena, AFreedBlockIsReusedForTheSameSizeClass) {
  GumboArena arena;
  void* first = GumboArena::Allocate(&arena, 40);
  GumboArena::Deallocate(&arena, first);
  EXPECT_EQ(GumboArena::Allocate(&arena, 33), first);  // 33 and 40 share the 48-byte class
  EXPECT_NE(GumboArena::Allocate(&arena, 40), first);
  GumboArena::Deallocate(&arena, nullptr);  // like free(nullptr): nothing
}

TEST(GumboArena, AGrowingBufferReservesAboutTwiceItsFinalSize) {
  // Gumbo grows string buffers and vectors by doubling: allocate the bigger
  // block, copy, free the old one. Freed blocks must not pile up.
  GumboArena arena;
  void* buffer = GumboArena::Allocate(&arena, 16);
  for (size_t size = 32; size <= (8u << 20); size *= 2) {
    void* bigger = GumboArena::Allocate(&arena, size);
    GumboArena::Deallocate(&arena, buffer);
    buffer = bigger;
  }
  // Live: 8 MiB; everything freed before it sums to under 8 MiB more.
  EXPECT_LT(arena.reserved_bytes(), (16u << 20) + (1u << 20));
}

}  // namespace
}  // namespace newsvault::parser
