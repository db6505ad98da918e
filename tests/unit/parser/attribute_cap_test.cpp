// The attribute cap of LimitNesting (nesting_limiter.h): Gumbo compares each
// new attribute with every earlier one of its tag, so a tag's cost grows with
// the square of its attribute count. The cap bounds that count, which the
// tests check directly (a size counter, not a clock).
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "parser/nesting_limiter.h"

namespace newsvault::parser {
namespace {

std::string TagWithAttributes(size_t n, std::string_view tag = "div") {
  std::string html = "<" + std::string(tag);
  for (size_t i = 0; i < n; ++i)
    html += " a" + std::to_string(i) + "=\"v>" + std::to_string(i) + "\"";
  return html;
}

size_t CountAttributes(std::string_view html) {
  size_t n = 0;
  for (size_t pos = 0; (pos = html.find(" a", pos)) != std::string_view::npos; ++pos) ++n;
  return n;
}

TEST(AttributeCap, KeepsAtMostTheCapOfOneTagsAttributesAndItsContent) {
  // Given one start tag with 100 000 attributes (values holding '>')...
  const std::string html = TagWithAttributes(100000) + ">text</div><p>after</p>";
  std::string storage;
  const std::string_view out = LimitNesting(html, storage);
  // ...Gumbo should get only the first kMaxAttributesPerTag of them, the
  // tag still closed and everything after it intact.
  EXPECT_EQ(CountAttributes(out), kMaxAttributesPerTag);
  EXPECT_TRUE(out.starts_with(TagWithAttributes(kMaxAttributesPerTag)));
  EXPECT_TRUE(out.ends_with(">text</div><p>after</p>"));
}

TEST(AttributeCap, CapsEveryTagIncludingVoidAndRawTextOnes) {
  const std::string html = TagWithAttributes(1000, "img") + ">" + TagWithAttributes(1000, "p") +
                           ">x" + TagWithAttributes(1000, "script") + ">var x = '<b>';</script>";
  std::string storage;
  const std::string_view out = LimitNesting(html, storage);
  EXPECT_EQ(CountAttributes(out), 3 * kMaxAttributesPerTag);
  EXPECT_TRUE(out.ends_with(">var x = '<b>';</script>"));
}

TEST(AttributeCap, AnUnterminatedTagIsCappedToo) {
  const std::string html = "<p>before</p>" + TagWithAttributes(50000);
  std::string storage;
  const std::string_view out = LimitNesting(html, storage);
  EXPECT_EQ(CountAttributes(out), kMaxAttributesPerTag);
  EXPECT_LT(out.size(), html.size() / 100);
}

TEST(AttributeCap, LeavesOrdinaryTagsUntouched) {
  // A tag at the cap, with spaces around '=' and a valueless attribute.
  std::string html = "<div hidden class = \"x\"";
  for (size_t i = 2; i < kMaxAttributesPerTag; ++i) html += " data-" + std::to_string(i) + "=1";
  html += ">text</div>";
  std::string storage;
  const std::string_view out = LimitNesting(html, storage);
  EXPECT_EQ(out.data(), html.data());  // no copy made
}

}  // namespace
}  // namespace newsvault::parser
