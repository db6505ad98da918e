// ReadPageMetadata and StripTitleAffixes: titles, site names, canonical
// URLs and the other page-level fields, by source priority.
#include "parser/metadata_extractor.h"

#include <gtest/gtest.h>

#include <string>

#include "parser/boilerplate.h"
#include "parser/gumbo_document.h"
#include "parser/node_stats.h"

namespace newsvault::parser {
namespace {

PageMetadata Read(const std::string& html, const std::string& url = "https://news.test/a/b.html") {
  const Document doc = ParseHtml(html);
  const auto stats = ComputeNodeStats(doc);
  const PageSignals signals = CollectSignals(doc);
  const JsonLdArticle json_ld = ParseJsonLd({signals.json_ld.begin(), signals.json_ld.end()});
  const auto chrome = MarkChromeZones(doc, stats, true, false);
  std::optional<core::Url> base;
  if (auto parsed = core::Url::Parse(url); parsed.ok()) base = *parsed;
  return ReadPageMetadata(doc, signals, json_ld, chrome, base);
}

TEST(TitleAffixes, StripsSiteSuffixesAndPrefixes) {
  EXPECT_EQ(StripTitleAffixes("Headline here | The Site", "The Site"), "Headline here");
  EXPECT_EQ(StripTitleAffixes("The Site - Headline here", "The Site"), "Headline here");
  EXPECT_EQ(StripTitleAffixes("Headline here – example.com", ""), "Headline here");
  EXPECT_EQ(StripTitleAffixes("Opinion | Why the barrier matters | The Site", "The Site"),
            "Why the barrier matters");
}

TEST(TitleAffixes, SplitsOnlyOnTheFirstSeparatorKindFound) {
  EXPECT_EQ(StripTitleAffixes("Biden - Trump debate: what we learned | The Site", "The Site"),
            "Biden - Trump debate: what we learned");
  EXPECT_EQ(StripTitleAffixes("No separators at all", "Site"), "No separators at all");
}

TEST(PageMetadata, PrefersTheVisibleHeadlineWhenItAgrees) {
  const PageMetadata m = Read(
      "<title>Barrier approved after long debate | Gazette</title>"
      "<meta property='og:site_name' content='Gazette'>"
      "<header class='site-header'><h1>Gazette</h1></header>"
      "<article><h1>Barrier approved after long debate</h1><p>text</p></article>");
  EXPECT_EQ(m.title, "Barrier approved after long debate");
  ASSERT_NE(m.headline, kNoNode);
  EXPECT_EQ(m.site_name, "Gazette");
}

TEST(PageMetadata, FallsBackToTheCleanedMetaTitle) {
  const PageMetadata m = Read(
      "<title>Storm closes schools - Daily Example</title>"
      "<meta property='og:site_name' content='Daily Example'><h1>Daily Example</h1>");
  EXPECT_EQ(m.title, "Storm closes schools");
  EXPECT_EQ(m.headline, kNoNode);
}

TEST(PageMetadata, ResolvesCanonicalAndLeadImage) {
  const PageMetadata m = Read(
      "<link rel='canonical' href='/a/b.html?x=1#top'>"
      "<meta property='og:image' content='../img/lead.jpg'>");
  EXPECT_EQ(m.canonical_url, "https://news.test/a/b.html?x=1");
  EXPECT_EQ(m.lead_image, "https://news.test/img/lead.jpg");
}

TEST(PageMetadata, ReadsTagsDescriptionAndDeclaredLanguages) {
  const PageMetadata m = Read(
      "<html lang='de-AT'><meta name='description' content='Kurz'>"
      "<meta property='article:tag' content='Wien'><meta property='article:tag' content='wien'>"
      "<meta property='article:tag' content='Politik'><meta property='og:locale' content='de_AT'>");
  EXPECT_EQ(m.description, "Kurz");
  EXPECT_EQ(m.tags, (std::vector<std::string>{"Wien", "Politik"}));
  ASSERT_FALSE(m.declared_languages.empty());
  EXPECT_EQ(m.declared_languages.front(), "de-AT");
}

}  // namespace
}  // namespace newsvault::parser
