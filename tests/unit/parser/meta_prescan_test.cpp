// PrescanForCharset: HTML 13.2.3.2 "prescan a byte stream to determine its
// encoding", and the label table of the WHATWG Encoding standard.
#include "parser/meta_prescan.h"

#include <gtest/gtest.h>

#include <string>

#include "parser/encoding_labels.h"

namespace newsvault::parser {
namespace {

TEST(MetaPrescan, FindsMetaCharsetAttribute) {
  EXPECT_EQ(PrescanForCharset("<!doctype html><html><head><meta charset=\"windows-1251\">"),
            "windows-1251");
}

TEST(MetaPrescan, FindsUnquotedAndUppercaseCharset) {
  EXPECT_EQ(PrescanForCharset("<HTML><HEAD><META CHARSET=Shift_JIS>"), "Shift_JIS");
}

TEST(MetaPrescan, FindsHttpEquivContentType) {
  EXPECT_EQ(PrescanForCharset("<meta http-equiv=\"Content-Type\" content=\"text/html; "
                              "charset=gb2312\">"),
            "GBK");
}

TEST(MetaPrescan, IgnoresContentCharsetWithoutHttpEquiv) {
  // Per the spec a content= charset counts only with http-equiv=content-type.
  EXPECT_EQ(PrescanForCharset("<meta name=\"x\" content=\"text/html; charset=koi8-r\">"), "");
}

TEST(MetaPrescan, SkipsCommentsAndOtherTags) {
  EXPECT_EQ(PrescanForCharset("<!-- <meta charset=koi8-r> --><title a='>'>x</title>"
                              "<meta charset=\"iso-8859-5\">"),
            "ISO-8859-5");
}

TEST(MetaPrescan, IgnoresQuotedGreaterThanInsideAnotherTag) {
  EXPECT_EQ(PrescanForCharset("<link title=\"<meta charset=koi8-r>\"><meta charset=utf-8>"),
            "UTF-8");
}

TEST(MetaPrescan, DeclaredUtf16MeansUtf8) {
  // A page whose bytes are ASCII-compatible cannot really be UTF-16.
  EXPECT_EQ(PrescanForCharset("<meta charset=\"utf-16\">"), "UTF-8");
}

TEST(MetaPrescan, LooksOnlyAtTheFirst1024Bytes) {
  const std::string late = std::string(kPrescanBytes, ' ') + "<meta charset=\"koi8-r\">";
  EXPECT_EQ(PrescanForCharset(late), "");
}

TEST(MetaPrescan, UnknownLabelIsNoDeclaration) {
  EXPECT_EQ(PrescanForCharset("<meta charset=\"klingon\">"), "");
}

TEST(MetaPrescan, ExtractsCharsetParameterFromContentType) {
  EXPECT_EQ(ExtractCharsetParameter("text/html; charset=UTF-8"), "UTF-8");
  EXPECT_EQ(ExtractCharsetParameter("text/html;charset=\"windows-1251\""), "windows-1251");
  EXPECT_EQ(ExtractCharsetParameter("text/html"), "");
  EXPECT_EQ(ExtractCharsetParameter("text/html; charset="), "");
}

TEST(EncodingLabels, MapsLabelsPerWhatwg) {
  EXPECT_EQ(CanonicalEncoding("latin1"), "windows-1252");
  EXPECT_EQ(CanonicalEncoding(" ISO-8859-1 "), "windows-1252");
  EXPECT_EQ(CanonicalEncoding("ascii"), "windows-1252");
  EXPECT_EQ(CanonicalEncoding("utf8"), "UTF-8");
  EXPECT_EQ(CanonicalEncoding("x-sjis"), "Shift_JIS");
  EXPECT_EQ(CanonicalEncoding("gb2312"), "GBK");
  EXPECT_EQ(CanonicalEncoding("cp1251"), "windows-1251");
  EXPECT_EQ(CanonicalEncoding("WINDOWS-1251"), "windows-1251");  // uchardet's spelling
  EXPECT_EQ(CanonicalEncoding("ks_c_5601-1987"), "EUC-KR");
  EXPECT_EQ(CanonicalEncoding("nonsense"), "");
}

TEST(EncodingLabels, ChoosesTheSupersetIconvDecoder) {
  EXPECT_EQ(IconvName("Shift_JIS"), "CP932");
  EXPECT_EQ(IconvName("GBK"), "GB18030");
  EXPECT_EQ(IconvName("windows-1251"), "windows-1251");
}

}  // namespace
}  // namespace newsvault::parser
