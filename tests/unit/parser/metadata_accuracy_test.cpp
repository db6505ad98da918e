// Metadata accuracy over the labelled set of issue 4: tests/fixtures/metadata
// holds news pages written after real templates of many countries and CMSes,
// each PAGE.html with a PAGE.expected.json of the fields a careful reader
// would give. Every page goes through the same path as `newsvault extract`
// (DecodePage with a text/html type, so the charset comes from the page, then
// ExtractArticle); the test prints a per-field accuracy table and every miss,
// and fails when a gated field falls below its gate.
//
// Labels: a field absent from the expected file is not labelled (not counted
// for that page); "authors": [] means the page names no person; "published"
// is the local day (YYYY-MM-DD) and "published_time" the full RFC 3339 value
// when the page gives a time.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/article.h"
#include "parser/article_extractor.h"
#include "parser/language_detector.h"
#include "parser/page_decoder.h"
#include "parser/text_util.h"
#include "tests/support/test_paths.h"

namespace newsvault::parser {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Gates a little under issue 4's targets (published day 0.92, title 0.90,
// authors 0.80), so one relabelled page does not break the build while a real
// regression does.
constexpr double kMinPublishedDay = 0.90;
constexpr double kMinTitleExact = 0.88;
constexpr double kMinAuthorSetExact = 0.78;
constexpr double kMinLanguage = 0.90;
constexpr size_t kMinPages = 40;

struct FieldScore {
  int right = 0;
  int labelled = 0;
  double Accuracy() const { return labelled == 0 ? 0.0 : static_cast<double>(right) / labelled; }
};

struct Miss {
  std::string page, field, expected, got;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string Join(const std::vector<std::string>& values) {
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + values[i];
  return out + "]";
}

// Author sets compare without order and case (a byline in capitals names the
// same people).
std::vector<std::string> NormalizedSet(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& n : names) out.push_back(NormalizeForCompare(n));
  std::sort(out.begin(), out.end());
  return out;
}

class Scorer {
 public:
  void Compare(const std::string& page, const std::string& field, const std::string& expected,
               const std::string& got) {
    FieldScore& s = scores_[field];
    ++s.labelled;
    if (expected == got) {
      ++s.right;
    } else {
      misses_.push_back({page, field, expected, got});
    }
  }
  const FieldScore& Score(const std::string& field) { return scores_[field]; }

  void Print(size_t pages) const {
    std::printf("\nMetadata accuracy over %zu labelled pages (tests/fixtures/metadata)\n", pages);
    std::printf("%-16s %8s %8s %9s\n", "field", "right", "labelled", "accuracy");
    for (const auto& [field, s] : scores_) {
      std::printf("%-16s %8d %8d %9.3f\n", field.c_str(), s.right, s.labelled, s.Accuracy());
    }
    std::printf("\nMisses (page, field, expected, got):\n");
    for (const Miss& m : misses_) {
      std::printf("  %-32s %-15s expected \"%s\"\n  %-32s %-15s      got \"%s\"\n", m.page.c_str(),
                  m.field.c_str(), m.expected.c_str(), "", "", m.got.c_str());
    }
    std::fflush(stdout);
  }

 private:
  std::map<std::string, FieldScore> scores_;
  std::vector<Miss> misses_;
};

core::Article ExtractLikeTheCli(const std::string& bytes, const std::string& url) {
  // The same decode path as `newsvault extract FILE`: the page's own charset
  // declarations decide (no Content-Type charset given).
  core::Result<DecodedPage> page = DecodePage(bytes, "text/html", "");
  EXPECT_TRUE(page.ok());
  if (!page.ok() || !page->is_html) return {};
  ExtractInput input{page->text.utf8, url, std::nullopt};
  // A fixed "now" after every labelled date keeps the plausibility check reproducible.
  input.now = std::chrono::sys_days{std::chrono::year{2026} / 11 / 28};
  return ExtractArticle(input);
}

std::string Day(const std::string& rfc3339) { return rfc3339.substr(0, 10); }

// RFC 3339 §5.6: "Z" and "+00:00" are the same offset.
std::string SameOffsetSpelling(std::string value) {
  if (value.ends_with("Z")) value.replace(value.size() - 1, 1, "+00:00");
  return value;
}

// Titles compare with white space collapsed (an ideographic space and an
// ASCII one are the same gap between words); every other character counts.
std::string CollapsedTitle(const std::string& title) { return CollapseWhitespace(title); }

TEST(MetadataAccuracy, LabelledNewsPagesMeetTheFieldGates) {
  // Given every labelled page of the set...
  const fs::path dir = fs::path(newsvault::testing::kFixturesDir) / "metadata";
  std::vector<fs::path> labels;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(".expected.json")) labels.push_back(entry.path());
  }
  std::sort(labels.begin(), labels.end());
  ASSERT_GE(labels.size(), kMinPages) << "the labelled set is too small";

  // ...when each is extracted as `newsvault extract` does...
  Scorer scorer;
  for (const fs::path& label_path : labels) {
    const std::string label_name = label_path.filename().string();
    const std::string page = label_name.substr(0, label_name.size() - strlen(".expected.json"));
    const json label = json::parse(ReadFile(label_path));
    const fs::path html = dir / (page + ".html");
    ASSERT_TRUE(fs::exists(html)) << "no page for label " << label_name;
    const core::Article a = ExtractLikeTheCli(ReadFile(html), label.value("url", ""));

    if (label.contains("published")) {
      scorer.Compare(page, "published_day", label["published"], Day(a.published));
    }
    if (label.contains("published_time")) {
      scorer.Compare(page, "published_time",
                     SameOffsetSpelling(label["published_time"].get<std::string>()),
                     SameOffsetSpelling(a.published));
    }
    if (label.contains("modified")) {
      scorer.Compare(page, "modified_day", label["modified"], Day(a.modified));
    }
    if (label.contains("title")) {
      scorer.Compare(page, "title_exact", CollapsedTitle(label["title"]), CollapsedTitle(a.title));
    }
    if (label.contains("authors")) {
      const auto expected = label["authors"].get<std::vector<std::string>>();
      const bool same = NormalizedSet(expected) == NormalizedSet(a.authors);
      scorer.Compare(page, "author_set_exact", Join(expected),
                     same ? Join(expected) : Join(a.authors));
    }
    if (label.contains("language")) {
      scorer.Compare(page, "language", label["language"], PrimaryLanguageSubtag(a.language));
    }
    if (label.contains("site_name")) {
      scorer.Compare(page, "site_name", label["site_name"], a.site_name);
    }
    if (label.contains("section")) scorer.Compare(page, "section", label["section"], a.section);
    if (label.contains("canonical_url")) {
      scorer.Compare(page, "canonical_url", label["canonical_url"], a.canonical_url);
    }
  }
  scorer.Print(labels.size());

  // ...the gated fields should be right on enough pages.
  EXPECT_GE(scorer.Score("published_day").Accuracy(), kMinPublishedDay);
  EXPECT_GE(scorer.Score("title_exact").Accuracy(), kMinTitleExact);
  EXPECT_GE(scorer.Score("author_set_exact").Accuracy(), kMinAuthorSetExact);
  EXPECT_GE(scorer.Score("language").Accuracy(), kMinLanguage);
}

}  // namespace
}  // namespace newsvault::parser
