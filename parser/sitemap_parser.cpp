#include "parser/sitemap_parser.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "core/content_decoding.h"
#include "core/url.h"
#include "parser/feed_date.h"
#include "parser/feed_parser.h"
#include "parser/text_util.h"
#include "parser/xml_document.h"

namespace newsvault::parser {
namespace {

using core::Url;

constexpr std::string_view kSitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
// Google's names from before sitemaps.org (2005-2006); still served by old CMSes.
constexpr std::string_view kGoogleSitemap084Namespace =
    "http://www.google.com/schemas/sitemap/0.84";
constexpr std::string_view kGoogleSitemap09Namespace = "http://www.google.com/schemas/sitemap/0.9";

// The protocol: a loc is "less than 2,048 characters".
constexpr size_t kMaxLocBytes = 2048;
constexpr std::string_view kChangefreqs[] = {"always",  "hourly", "daily", "weekly",
                                             "monthly", "yearly", "never"};

bool LooksLikeXml(std::string_view content) {
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);  // UTF-8 BOM
  // UTF-16 BOMs: only XML is written in UTF-16 here; libxml2 decodes it.
  if (content.starts_with("\xFF\xFE") || content.starts_with("\xFE\xFF")) return true;
  const size_t first = content.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && content[first] == '<';
}

class SitemapReader {
 public:
  SitemapReader(std::string_view sitemap_url, SitemapParseResult& out) : out_(out) {
    auto parsed = Url::Parse(sitemap_url);
    if (parsed) {
      base_ = std::move(*parsed);
    } else {
      Odd("sitemap URL " + QuoteForOddity(sitemap_url) + " is unusable (" +
          parsed.status().message() + "); only absolute locs are kept");
    }
  }

  void Odd(std::string oddity) { NoteOddity(out_.oddities, std::move(oddity)); }

  // One URL per line (protocol, "Text file"); blank lines are skipped.
  void ReadText(std::string_view text) {
    out_.kind = SitemapKind::kText;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    while (!text.empty()) {
      const size_t end = text.find('\n');
      const std::string_view line = TrimSpace(text.substr(0, end));
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      if (line.empty()) continue;
      SitemapEntry entry;
      entry.url = Loc(line, /*allow_relative=*/false);
      if (!entry.url.empty() && !Add(std::move(entry))) return;
    }
  }

  void ReadXml(const XmlElement& root) {
    const std::string_view name = root.local_name();
    const std::string_view ns = root.namespace_uri();
    if (name != "urlset" && name != "sitemapindex") {
      Odd("not a sitemap: the document element is <" + std::string(name) + ">");
      return;
    }
    if (ns.empty()) {
      Odd("sitemap without the sitemaps.org namespace");
    } else if (ns != kSitemapNamespace && ns != kGoogleSitemap084Namespace &&
               ns != kGoogleSitemap09Namespace) {
      Odd("sitemap in unexpected namespace " + QuoteForOddity(ns) + "; read all the same");
    }
    // Entries are read in the root's own namespace, whichever it is.
    const bool index = name == "sitemapindex";
    out_.kind = index ? SitemapKind::kIndex : SitemapKind::kUrlset;
    const std::string_view entry_name = index ? "sitemap" : "url";
    for (const XmlElement& element : root.Children()) {
      if (!element.Is(ns, entry_name)) continue;
      SitemapEntry entry;
      auto loc = element.FirstChild(ns, "loc");
      entry.url = loc ? Loc(loc->Text(), /*allow_relative=*/true) : std::string();
      if (entry.url.empty()) {
        if (!loc) Odd("<" + std::string(entry_name) + "> without <loc>; skipped");
        continue;
      }
      entry.lastmod = Date(element.FirstChild(ns, "lastmod"));
      if (!index) ReadUrlDetails(element, ns, entry);
      if (!Add(std::move(entry))) return;
    }
  }

  // The sitemaps protocol also accepts RSS 2.0 and Atom feeds as sitemaps.
  void ReadFeed(std::string_view xml, std::string_view sitemap_url) {
    FeedParseResult feed = ParseFeed(xml, sitemap_url);
    out_.kind = SitemapKind::kUrlset;
    for (std::string& oddity : feed.oddities) Odd(std::move(oddity));
    for (FeedEntry& item : feed.entries) {
      SitemapEntry entry;
      entry.url = std::move(item.url);
      entry.lastmod = item.updated.empty() ? std::move(item.published) : std::move(item.updated);
      if (!Add(std::move(entry))) return;
    }
  }

 private:
  void ReadUrlDetails(const XmlElement& url, std::string_view ns, SitemapEntry& entry) {
    if (auto changefreq = url.FirstChild(ns, "changefreq")) {
      const std::string value = ToLowerAscii(changefreq->Text());
      if (std::find(std::begin(kChangefreqs), std::end(kChangefreqs), value) !=
          std::end(kChangefreqs)) {
        entry.changefreq = value;
      } else {
        Odd("unknown changefreq " + QuoteForOddity(value));
      }
    }
    if (auto priority = url.FirstChild(ns, "priority")) {
      const std::string text = priority->Text();
      double value = -1;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (ec == std::errc() && end == text.data() + text.size() && value >= 0.0 && value <= 1.0) {
        entry.priority = value;
      } else {
        Odd("priority " + QuoteForOddity(text) + " is not a number from 0.0 to 1.0");
      }
    }
    // Google News: <news:news> with <news:publication_date> and <news:title>.
    auto news = url.FirstChild(kGoogleNewsNamespace, "news");
    if (!news) news = url.FirstChild({}, "news");  // an undeclared "news:" prefix
    if (!news) return;
    const std::string_view news_ns = news->namespace_uri();
    entry.is_news = true;
    if (auto title = news->FirstChild(news_ns, "title")) {
      entry.news_title = CollapseWhitespace(title->Text());
    }
    entry.news_published = Date(news->FirstChild(news_ns, "publication_date"));
  }

  // The absolute, normalised http(s) URL of a loc, or empty (with an oddity).
  std::string Loc(std::string_view text, bool allow_relative) {
    const std::string_view loc = TrimSpace(text);
    if (loc.empty()) {
      Odd("empty loc skipped");
      return {};
    }
    if (loc.size() >= kMaxLocBytes) {
      Odd("loc of " + std::to_string(loc.size()) + " bytes skipped (limit " +
          std::to_string(kMaxLocBytes) + ")");
      return {};
    }
    auto absolute = Url::Parse(loc);
    if (absolute) return absolute->Normalized();
    if (allow_relative && base_ && absolute.status().code() == core::StatusCode::kInvalidArgument) {
      // The protocol wants absolute locs; a relative one is resolved, as crawlers do.
      if (auto resolved = base_->Resolve(loc)) {
        Odd("relative loc " + QuoteForOddity(loc) + " resolved against the sitemap URL");
        return resolved->Normalized();
      }
    }
    Odd("loc " + QuoteForOddity(loc) + " skipped: " + absolute.status().message());
    return {};
  }

  std::string Date(const std::optional<XmlElement>& element) {
    if (!element) return {};
    const std::string text = element->Text();
    if (text.empty()) return {};
    std::string date = FeedDateToRfc3339(text);
    if (date.empty()) {
      Odd("unreadable date " + QuoteForOddity(text) + " in <" + std::string(element->local_name()) +
          ">");
    }
    return date;
  }

  // Adds an entry; false once the protocol's cap is reached (reading stops).
  bool Add(SitemapEntry entry) {
    if (out_.entries.size() >= kMaxSitemapEntries) {
      Odd("more than " + std::to_string(kMaxSitemapEntries) + " entries; the rest are dropped");
      return false;
    }
    out_.entries.push_back(std::move(entry));
    return true;
  }

  SitemapParseResult& out_;
  std::optional<Url> base_;
};

}  // namespace

std::string_view SitemapKindName(SitemapKind kind) {
  switch (kind) {
    case SitemapKind::kUrlset:
      return "urlset";
    case SitemapKind::kIndex:
      return "index";
    case SitemapKind::kText:
      return "text";
    case SitemapKind::kUnknown:
      break;
  }
  return "unknown";
}

SitemapParseResult ParseSitemap(std::string_view content, std::string_view sitemap_url) {
  SitemapParseResult result;
  SitemapReader reader(sitemap_url, result);
  if (!LooksLikeXml(content)) {
    if (content.size() > kMaxSitemapBytes) {
      reader.Odd("text sitemap longer than " + std::to_string(kMaxSitemapBytes) +
                 " bytes; cut there");
      content = content.substr(0, kMaxSitemapBytes);
    }
    reader.ReadText(content);
    return result;
  }
  const XmlDocument document = XmlDocument::Parse(content, sitemap_url);
  NoteXmlProblems(document, "sitemap", result.oddities);
  auto root = document.root();
  if (!root) {
    reader.Odd("no XML document element");
    return result;
  }
  const std::string_view name = root->local_name();
  if (name == "rss" || name == "feed" || name == "RDF") {
    reader.ReadFeed(content, sitemap_url);
  } else {
    reader.ReadXml(*root);
  }
  return result;
}

SitemapParseResult ParseSitemapBytes(std::string_view bytes, std::string_view sitemap_url) {
  if (bytes.size() < 2 || bytes[0] != '\x1f' || bytes[1] != '\x8b') {
    return ParseSitemap(bytes, sitemap_url);
  }
  auto decoded = core::DecodeContent(bytes, "gzip", kMaxSitemapBytes);
  if (!decoded) {
    SitemapParseResult result;
    NoteOddity(result.oddities, "undecodable gzip sitemap: " + decoded.status().message());
    return result;
  }
  SitemapParseResult result = ParseSitemap(decoded->bytes, sitemap_url);
  if (decoded->truncated) {
    // Put the reason first: it explains the XML errors that follow.
    std::string why =
        decoded->bytes.size() >= kMaxSitemapBytes
            ? "gzip sitemap inflates past " + std::to_string(kMaxSitemapBytes) + " bytes; cut there"
            : std::string("gzip sitemap data ends early");
    result.oddities.insert(result.oddities.begin(), std::move(why));
  }
  return result;
}

}  // namespace newsvault::parser
