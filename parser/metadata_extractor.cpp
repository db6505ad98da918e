#include "parser/metadata_extractor.h"

#include "parser/text_util.h"
#include "parser/url_util.h"

namespace newsvault::parser {
namespace {

// Title separators, most specific first: the first kind found splits the title.
constexpr std::string_view kTitleSeparators[] = {" | ",  " – ", " — ", " - ",
                                                 " :: ", " · ", " • ", " » "};

// Headlines are short; an <h1> wrapping half the page is read only this far.
constexpr size_t kMaxHeadlineBytes = 1024;

// An <h1> contained in a meta title must cover this share of the title
// (without affixes) to be taken as the headline.
constexpr double kMinHeadlineShare = 0.6;

// A lone <h1> that disagrees with the meta titles is the headline only with
// at least this many characters: shorter ones are section or site labels.
constexpr size_t kMinLoneHeadlineChars = 20;

std::string FirstNonEmpty(std::initializer_list<std::string_view> values) {
  for (const std::string_view v : values) {
    const std::string_view t = TrimSpace(v);
    if (!t.empty()) return CollapseWhitespace(t);
  }
  return {};
}

bool NamesSite(std::string_view segment, std::string_view site_name) {
  const std::string seg = NormalizeForCompare(segment);
  const std::string site = NormalizeForCompare(site_name);
  if (!site.empty() && (seg == site || site.find(seg) != std::string::npos ||
                        (seg.find(site) != std::string::npos && seg.size() <= site.size() + 8))) {
    return true;
  }
  // "example.com", "Example.co.uk": a host name as a segment.
  return seg.find(' ') == std::string::npos && seg.find('.') != std::string::npos &&
         seg.size() <= 40;
}

std::vector<std::string> SplitTitle(std::string_view title) {
  for (const std::string_view sep : kTitleSeparators) {
    if (title.find(sep) == std::string_view::npos) continue;
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t pos; (pos = title.find(sep, start)) != std::string_view::npos;
         start = pos + sep.size()) {
      out.emplace_back(TrimSpace(title.substr(start, pos - start)));
    }
    out.emplace_back(TrimSpace(title.substr(start)));
    return out;
  }
  return {std::string(title)};
}

// Picks the headline element: an <h1> outside chrome that agrees with a
// meta title, or nullopt.
NodeId AgreeingHeadline(const Document& doc, const PageSignals& signals,
                        const std::vector<uint8_t>& chrome,
                        const std::vector<std::string>& meta_titles, std::string_view site) {
  for (const NodeId h1 : signals.h1s) {
    if (chrome[h1]) continue;
    const std::string text = NormalizeForCompare(doc.Text(h1, kMaxHeadlineBytes));
    if (text.empty() || text == NormalizeForCompare(site)) continue;
    for (const std::string& title : meta_titles) {
      const std::string full = NormalizeForCompare(title);
      const std::string stripped = NormalizeForCompare(StripTitleAffixes(title, site));
      if (text == full || text == stripped) return h1;
      if (full.find(text) != std::string::npos &&
          static_cast<double>(text.size()) >=
              kMinHeadlineShare * static_cast<double>(stripped.size())) {
        return h1;
      }
    }
  }
  return kNoNode;
}

// With no <h1> agreeing with the meta titles: the page's only <h1> outside
// chrome, when it reads like a headline (long enough, not the site's name).
// Sites write SEO and social titles that differ from the visible headline,
// and a reader takes the visible one.
NodeId LoneHeadline(const Document& doc, const PageSignals& signals,
                    const std::vector<uint8_t>& chrome, std::string_view site) {
  NodeId found = kNoNode;
  for (const NodeId h1 : signals.h1s) {
    if (chrome[h1] || doc.Text(h1, kMaxHeadlineBytes).empty()) continue;
    if (found != kNoNode) return kNoNode;  // several: no lone headline
    found = h1;
  }
  if (found == kNoNode) return kNoNode;
  const std::string text = doc.Text(found, kMaxHeadlineBytes);
  if (CountTextChars(text) < kMinLoneHeadlineChars || NamesSite(text, site)) return kNoNode;
  return found;
}

// A page declaring no site name still signs its <title>: "Headline | Site",
// "Site :: Headline", "Headline - Section - Site". The segment at the other
// end from the headline is the site.
std::string SiteFromTitle(std::string_view page_title, std::string_view headline) {
  const std::vector<std::string> segments = SplitTitle(TrimSpace(page_title));
  if (segments.size() < 2 || headline.empty()) return {};
  const std::string h = NormalizeForCompare(headline);
  if (NormalizeForCompare(segments.front()) == h) return CollapseWhitespace(segments.back());
  if (NormalizeForCompare(segments.back()) == h) return CollapseWhitespace(segments.front());
  return {};
}

std::vector<std::string> Tags(const PageSignals& signals, const JsonLdArticle& json_ld) {
  std::vector<std::string> tags;
  auto add = [&tags](std::string_view tag) {
    const std::string t = CollapseWhitespace(tag);
    if (t.empty() || tags.size() >= kMaxTags) return;
    for (const std::string& seen : tags) {
      if (NormalizeForCompare(seen) == NormalizeForCompare(t)) return;
    }
    tags.push_back(t);
  };
  for (const std::string_view tag : signals.MetaAll("article:tag")) add(tag);
  if (tags.empty()) {
    for (const std::string& k : json_ld.keywords) add(k);
  }
  if (tags.empty()) {
    for (const std::string& k : SplitAndTrim(signals.Meta("keywords"), ",;")) add(k);
  }
  return tags;
}

}  // namespace

std::string StripTitleAffixes(std::string_view title, std::string_view site_name) {
  const std::vector<std::string> segments = SplitTitle(TrimSpace(title));
  if (segments.size() == 1) return CollapseWhitespace(title);
  std::vector<std::string> kept;
  for (const std::string& s : segments) {
    if (!s.empty() && !NamesSite(s, site_name)) kept.push_back(s);
  }
  if (kept.empty()) return CollapseWhitespace(title);
  const std::string* longest = &kept.front();
  for (const std::string& s : kept) {
    if (CountTextChars(s) > CountTextChars(*longest)) longest = &s;
  }
  return CollapseWhitespace(*longest);
}

PageMetadata ReadPageMetadata(const Document& doc, const PageSignals& signals,
                              const JsonLdArticle& json_ld, const std::vector<uint8_t>& chrome,
                              const std::optional<core::Url>& base) {
  PageMetadata m;
  m.site_name = FirstNonEmpty(
      {signals.Meta("og:site_name"), json_ld.publisher, signals.Meta("application-name")});

  std::vector<std::string> meta_titles;
  for (const std::string_view t :
       {std::string_view(json_ld.headline), signals.Meta("og:title"), signals.Meta("twitter:title"),
        std::string_view(signals.title)}) {
    if (!TrimSpace(t).empty()) meta_titles.push_back(CollapseWhitespace(t));
  }
  m.headline = AgreeingHeadline(doc, signals, chrome, meta_titles, m.site_name);
  if (m.headline == kNoNode) m.headline = LoneHeadline(doc, signals, chrome, m.site_name);
  if (m.headline != kNoNode) {
    m.title = doc.Text(m.headline, kMaxHeadlineBytes);
  } else if (!meta_titles.empty()) {
    m.title = StripTitleAffixes(meta_titles.front(), m.site_name);
  } else {
    for (const NodeId h1 : signals.h1s) {
      if (chrome[h1] || doc.Text(h1, kMaxHeadlineBytes).empty()) continue;
      m.headline = h1;
      m.title = doc.Text(h1, kMaxHeadlineBytes);
      break;
    }
  }

  if (m.site_name.empty()) m.site_name = SiteFromTitle(signals.title, m.title);

  m.canonical_url = ResolveUrl(base, signals.canonical);
  if (m.canonical_url.empty()) m.canonical_url = ResolveUrl(base, signals.Meta("og:url"));
  if (m.canonical_url.empty()) m.canonical_url = ResolveUrl(base, json_ld.url);

  m.description = FirstNonEmpty({signals.Meta("og:description"), signals.Meta("description"),
                                 signals.Meta("twitter:description"), json_ld.description});
  m.section = FirstNonEmpty({signals.Meta("article:section"), json_ld.section});
  m.tags = Tags(signals, json_ld);
  for (const std::string_view image :
       {signals.Meta("og:image"), signals.Meta("og:image:url"), signals.Meta("og:image:secure_url"),
        signals.Meta("twitter:image"), std::string_view(json_ld.image)}) {
    m.lead_image = ResolveUrl(base, image);
    if (!m.lead_image.empty()) break;
  }

  for (const std::string_view lang :
       {std::string_view(signals.html_lang), signals.Meta("content-language"),
        signals.Meta("language"), signals.Meta("dc.language"), signals.Meta("og:locale"),
        std::string_view(json_ld.language)}) {
    if (!TrimSpace(lang).empty()) m.declared_languages.emplace_back(TrimSpace(lang));
  }
  return m;
}

}  // namespace newsvault::parser
