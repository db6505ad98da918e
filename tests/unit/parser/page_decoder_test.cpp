// DecodePage: Content-Encoding, then "is this HTML?" (Content-Type, else
// WHATWG MIME sniffing), then charset.
#include "parser/page_decoder.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace newsvault::parser {
namespace {

std::string Gzip(const std::string& data) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(compressBound(data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = data.size();
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = out.size();
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST(PageDecoder, HtmlContentTypeIsHtml) {
  auto page = DecodePage("<p>hi</p>", "text/html; charset=utf-8", "");
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->is_html);
  EXPECT_EQ(page->text.utf8, "<p>hi</p>");
}

TEST(PageDecoder, XhtmlIsHtml) {
  auto page = DecodePage("<html/>", "application/xhtml+xml", "");
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->is_html);
}

TEST(PageDecoder, ImagesAndPdfsAreNotHtml) {
  for (const char* type : {"image/png", "application/pdf", "application/json", "text/css"}) {
    auto page = DecodePage("<html><body>looks like html</body></html>", type, "");
    ASSERT_TRUE(page.ok());
    EXPECT_FALSE(page->is_html) << type;
  }
}

TEST(PageDecoder, SniffsHtmlWhenTypeIsMissingOrGeneric) {
  for (const char* type : {"", "application/octet-stream", "text/plain"}) {
    auto page = DecodePage("\n  <!DOCTYPE html><html><p>x</p></html>", type, "");
    ASSERT_TRUE(page.ok());
    EXPECT_TRUE(page->is_html) << "'" << type << "'";
  }
  auto body_first = DecodePage("<BODY>text</BODY>", "", "");
  ASSERT_TRUE(body_first.ok());
  EXPECT_TRUE(body_first->is_html);
}

TEST(PageDecoder, SniffsBinaryAndPlainTextAsNotHtml) {
  const std::string png("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);
  auto image = DecodePage(png, "application/octet-stream", "");
  ASSERT_TRUE(image.ok());
  EXPECT_FALSE(image->is_html);
  auto nul = DecodePage(std::string("<p>\0\0\0", 6), "", "");
  ASSERT_TRUE(nul.ok());
  EXPECT_FALSE(nul->is_html);
  auto text = DecodePage("Just some notes, not markup.", "text/plain", "");
  ASSERT_TRUE(text.ok());
  EXPECT_FALSE(text->is_html);
}

TEST(PageDecoder, UndoesGzipBeforeDecoding) {
  const std::string html = "<html><body><p>Zürich</p></body></html>";
  auto page = DecodePage(Gzip(html), "text/html; charset=utf-8", "gzip");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_TRUE(page->is_html);
  EXPECT_EQ(page->text.utf8, html);
}

TEST(PageDecoder, BrokenGzipIsCorruption) {
  // A valid gzip header, then a deflate block of the reserved type 11.
  const std::string broken("\x1F\x8B\x08\0\0\0\0\0\0\x03\x07\xFF\xFF", 13);
  auto page = DecodePage(broken, "text/html", "gzip");
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), core::StatusCode::kCorruption);
}

TEST(PageDecoder, ConvertsDeclaredCharset) {
  auto page = DecodePage("<p>\xCF\xF0\xE8\xE2\xE5\xF2</p>", "text/html; charset=windows-1251", "");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->text.utf8, "<p>Привет</p>");
}

TEST(PageDecoder, EmptyBodyIsNotHtml) {
  auto page = DecodePage("", "", "");
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->is_html);
}

}  // namespace
}  // namespace newsvault::parser
