// libFuzzer target: the pre-Gumbo pass must not change the tree (issue 3's
// script and style elision, nesting_limiter.h). For any input, ParseHtml with
// script and style bodies emptied and ParseHtml keeping them must give the
// same elements, attributes and text, apart from the text inside <script>
// and <style>. A difference means the pass read a tag, comment or raw-text
// end differently from Gumbo; the fuzzer aborts on it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "parser/gumbo_document.h"
#include "tests/support/dom_outline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  using newsvault::testing::OutlineWithoutScriptText;
  const std::string elided = OutlineWithoutScriptText(newsvault::parser::ParseHtml(html));
  const std::string kept =
      OutlineWithoutScriptText(newsvault::parser::ParseHtml(html, {.keep_script_text = true}));
  if (elided != kept) {
    std::fprintf(stderr, "prescan changed the tree\n  kept:   %s\n  elided: %s\n", kept.c_str(),
                 elided.c_str());
    std::abort();
  }
  return 0;
}
