// libFuzzer target over the whole page path a crawl takes after the network:
// content decoding, charset detection and conversion, Gumbo parsing,
// metadata and body extraction (issue 4 item 5).
//
// The first input byte picks the Content-Encoding and Content-Type the page
// claims, so the fuzzer also explores broken gzip/deflate/br bodies and
// mislabelled charsets. Any crash, sanitizer report, leak or timeout is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "parser/article_extractor.h"
#include "parser/page_decoder.h"

namespace {

constexpr std::string_view kEncodings[] = {"", "gzip", "deflate", "br", "identity"};
constexpr std::string_view kContentTypes[] = {"text/html",
                                              "text/html; charset=utf-8",
                                              "text/html; charset=windows-1251",
                                              "text/html; charset=shift_jis",
                                              "",
                                              "application/octet-stream"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t selector = data[0];
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::string_view encoding = kEncodings[selector % std::size(kEncodings)];
  const std::string_view content_type = kContentTypes[(selector / 8) % std::size(kContentTypes)];

  // A 4 MiB cap keeps a compressed bomb from dominating a fuzzing run.
  auto page = newsvault::parser::DecodePage(body, content_type, encoding, 4u << 20);
  if (!page.ok() || !page->is_html) return 0;
  newsvault::core::Article article = newsvault::parser::ExtractArticle(
      {page->text.utf8, "https://news.example.com/2025/02/04/story.html", std::nullopt});
  (void)newsvault::parser::LooksLikeArticle(article);
  return 0;
}
