// UTF-8 primitives: validation and repair per the WHATWG UTF-8 decoder.
#include "parser/utf8.h"

#include <gtest/gtest.h>

#include <string>

#include "parser/text_util.h"

namespace newsvault::parser {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8("ascii"));
  EXPECT_TRUE(IsValidUtf8("Ærø Москва 東京 🙂"));
  EXPECT_TRUE(IsValidUtf8("\xEF\xBF\xBD"));  // U+FFFD itself
}

TEST(Utf8, RejectsOverlongsSurrogatesAndTruncation) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE6\x9D"));          // truncated
}

TEST(Utf8, RepairReplacesEachMaximalInvalidSubpartOnce) {
  std::string out;
  // E6 9D is a truncated 3-byte sequence: one replacement, not two.
  EXPECT_EQ(RepairUtf8("x\xE6\x9Dy\xFF", out), 2);
  EXPECT_EQ(out, "x\xEF\xBF\xBDy\xEF\xBF\xBD");
}

TEST(Utf8, EncodesAndDecodesRoundTrip) {
  std::string out;
  for (const char32_t cp : {U'A', U'é', U'Ж', U'東', U'🙂'}) AppendUtf8(out, cp);
  size_t pos = 0;
  EXPECT_EQ(DecodeUtf8(out, pos), U'A');
  EXPECT_EQ(DecodeUtf8(out, pos), U'é');
  EXPECT_EQ(DecodeUtf8(out, pos), U'Ж');
  EXPECT_EQ(DecodeUtf8(out, pos), U'東');
  EXPECT_EQ(DecodeUtf8(out, pos), U'🙂');
  EXPECT_EQ(pos, out.size());
}

TEST(TextUtil, CollapsesUnicodeWhitespace) {
  EXPECT_EQ(CollapseWhitespace("  a\u00A0\u00A0b\n\tc\u3000d  "), "a b c d");
  EXPECT_EQ(TrimSpace("\u00A0 x \u2009"), "x");
}

TEST(TextUtil, CountsTextCharsAndWords) {
  EXPECT_EQ(CountTextChars("a b\nc"), 3u);
  EXPECT_EQ(CountTextChars("Жук"), 3u);
  EXPECT_EQ(CountWords("  one two\u00A0three "), 3);
  EXPECT_EQ(CountCommas("a, b，c、d"), 3u);
}

TEST(Utf8, FindsABadByteAfterAnyLengthOfAscii) {
  // The ASCII fast path reads eight bytes at a time; a bad byte at any
  // offset of that word, or in the tail after it, must still be found.
  for (size_t prefix = 0; prefix < 20; ++prefix) {
    const std::string ascii(prefix, 'a');
    EXPECT_FALSE(IsValidUtf8(ascii + "\xFF" + "bcdefghij")) << prefix;
    EXPECT_FALSE(IsValidUtf8(ascii + "\xC3")) << prefix;  // cut-off sequence at the end
    EXPECT_TRUE(IsValidUtf8(ascii + "\xC3\xA9" + "bcdefghij")) << prefix;
  }
}

}  // namespace
}  // namespace newsvault::parser
