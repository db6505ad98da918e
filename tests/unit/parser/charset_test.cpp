// DecodeToUtf8: DESIGN §2 order (BOM, HTTP, <meta> prescan, detection,
// UTF-8) and the WHATWG Encoding standard's label and decoder rules.
#include "parser/charset.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/parser/parser_test_util.h"

namespace newsvault::parser {
namespace {

using testing::ReadFixture;

// Given a page in windows-1251 with no declaration anywhere, we should detect
// the encoding from the bytes (uchardet) and decode the Russian text.
TEST(Charset, DetectsUndeclaredWindows1251) {
  const std::string bytes = ReadFixture("pages/charset/ru-windows-1251-undeclared.html");
  const DecodedText text = DecodeToUtf8(bytes, "text/html");
  EXPECT_EQ(text.charset, "windows-1251");
  EXPECT_EQ(text.source, "detected");
  EXPECT_EQ(text.replaced, 0);
  EXPECT_NE(text.utf8.find("Правительство объявило о новой программе поддержки малого бизнеса"),
            std::string::npos);
}

TEST(Charset, HonoursMetaHttpEquivWindows1251) {
  const std::string bytes = ReadFixture("pages/charset/ru-windows-1251-meta.html");
  const DecodedText text = DecodeToUtf8(bytes, "");
  EXPECT_EQ(text.charset, "windows-1251");
  EXPECT_EQ(text.source, "meta");
  EXPECT_NE(text.utf8.find("Новая программа поддержки бизнеса"), std::string::npos);
}

TEST(Charset, HonoursHttpCharsetOverMeta) {
  // The HTTP header outranks the page's own <meta> (WHATWG "encoding sniffing").
  const std::string bytes = ReadFixture("pages/charset/ru-windows-1251-meta.html");
  const DecodedText text = DecodeToUtf8(bytes, "text/html; charset=\"KOI8-R\"");
  EXPECT_EQ(text.charset, "KOI8-R");
  EXPECT_EQ(text.source, "http");
}

TEST(Charset, DecodesShiftJisDeclaredByMetaCharset) {
  const std::string bytes = ReadFixture("pages/charset/ja-shift_jis.html");
  const DecodedText text = DecodeToUtf8(bytes, "text/html");
  EXPECT_EQ(text.charset, "Shift_JIS");
  EXPECT_EQ(text.replaced, 0);
  EXPECT_NE(
      text.utf8.find("東京都は来年度から、子育て世帯への支援を大幅に拡充すると発表しました。"),
      std::string::npos);
}

TEST(Charset, DecodesGb2312LabelAsGbk) {
  const std::string bytes = ReadFixture("pages/charset/zh-gbk.html");
  const DecodedText text = DecodeToUtf8(bytes, "");
  EXPECT_EQ(text.charset, "GBK");
  EXPECT_EQ(text.replaced, 0);
  EXPECT_NE(text.utf8.find("国家统计局今天发布数据显示"), std::string::npos);
}

TEST(Charset, Utf8ByteOrderMarkWinsOverHttpAndIsDropped) {
  const std::string bytes = "\xEF\xBB\xBF<p>caf\xC3\xA9</p>";
  const DecodedText text = DecodeToUtf8(bytes, "text/html; charset=windows-1252");
  EXPECT_EQ(text.source, "bom");
  EXPECT_EQ(text.charset, "UTF-8");
  EXPECT_EQ(text.utf8, "<p>caf\xC3\xA9</p>");
}

TEST(Charset, DecodesUtf16LittleEndianWithBom) {
  const std::string bytes("\xFF\xFE<\0p\0>\0\xE9\0", 10);
  const DecodedText text = DecodeToUtf8(bytes, "");
  EXPECT_EQ(text.source, "bom");
  EXPECT_EQ(text.charset, "UTF-16LE");
  EXPECT_EQ(text.utf8, "<p>\xC3\xA9");
}

TEST(Charset, DecodesUtf16BigEndianWithBom) {
  const std::string bytes("\xFE\xFF\0<\0p\0>\x04\x10", 10);
  const DecodedText text = DecodeToUtf8(bytes, "");
  EXPECT_EQ(text.charset, "UTF-16BE");
  EXPECT_EQ(text.utf8, "<p>\xD0\x90");  // U+0410 CYRILLIC CAPITAL LETTER A
}

TEST(Charset, PassesValidUtf8ThroughByteForByte) {
  const std::string bytes =
      "<html><body><p>Zürich — 東京 — Москва 🙂</p></body></html>";
  const DecodedText text = DecodeToUtf8(bytes, "text/html; charset=utf-8");
  EXPECT_EQ(text.utf8, bytes);
  EXPECT_EQ(text.replaced, 0);
  EXPECT_EQ(text.source, "http");
}

TEST(Charset, ReplacesInvalidUtf8UnderUtf8LabelAndCountsIt) {
  // A lone continuation byte, a truncated 3-byte sequence, an overlong "/".
  const std::string bytes =
      "a\x80"
      "b\xE2\x82"
      "c\xC0\xAF"
      "d";
  const DecodedText text = DecodeToUtf8(bytes, "text/html; charset=UTF-8");
  EXPECT_EQ(text.charset, "UTF-8");
  EXPECT_EQ(text.utf8,
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD"
            "c\xEF\xBF\xBD\xEF\xBF\xBD"
            "d");
  EXPECT_EQ(text.replaced, 4);
}

TEST(Charset, DefaultsToUtf8ForUndeclaredValidUtf8) {
  const DecodedText text = DecodeToUtf8("<p>plain ascii</p>", "");
  EXPECT_EQ(text.charset, "UTF-8");
  EXPECT_EQ(text.source, "default");
}

TEST(Charset, LatinOneLabelMeansWindows1252) {
  // WHATWG maps iso-8859-1 to windows-1252, where 0x93/0x94 are curly quotes.
  const DecodedText text = DecodeToUtf8("\x93hi\x94 caf\xE9", "text/html; charset=ISO-8859-1");
  EXPECT_EQ(text.charset, "windows-1252");
  EXPECT_EQ(text.utf8, "\xE2\x80\x9Chi\xE2\x80\x9D caf\xC3\xA9");
}

TEST(Charset, UnknownHttpLabelFallsThroughToMeta) {
  const std::string bytes = "<meta charset=\"windows-1251\"><p>\xCF\xF0\xE8\xE2\xE5\xF2</p>";
  const DecodedText text = DecodeToUtf8(bytes, "text/html; charset=no-such-thing");
  EXPECT_EQ(text.source, "meta");
  EXPECT_NE(text.utf8.find("Привет"), std::string::npos);
}

TEST(Charset, ReplacesBytesInvalidInADeclaredLegacyEncoding) {
  // 0x82 0x20 is not a valid Shift_JIS double-byte sequence.
  const DecodedText text = DecodeToUtf8("ok\x82 ok", "text/html; charset=shift_jis");
  EXPECT_EQ(text.charset, "Shift_JIS");
  EXPECT_GE(text.replaced, 1);
  EXPECT_EQ(text.utf8.substr(0, 2), "ok");
  EXPECT_NE(text.utf8.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(Charset, EmptyInputIsEmptyUtf8) {
  const DecodedText text = DecodeToUtf8("", "");
  EXPECT_EQ(text.utf8, "");
  EXPECT_EQ(text.charset, "UTF-8");
}

}  // namespace
}  // namespace newsvault::parser
