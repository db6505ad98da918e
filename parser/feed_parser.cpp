#include "parser/feed_parser.h"

#include <optional>
#include <utility>

#include "core/url.h"
#include "parser/feed_date.h"
#include "parser/text_util.h"
#include "parser/xml_document.h"

namespace newsvault::parser {
namespace {

using core::Url;

constexpr std::string_view kAtom03Namespace = "http://purl.org/atom/ns#";
constexpr std::string_view kRdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kRss10Namespace = "http://purl.org/rss/1.0/";
constexpr std::string_view kRss090Namespace = "http://my.netscape.com/rdf/simple/0.9/";
constexpr std::string_view kDcNamespace = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kDcTermsNamespace = "http://purl.org/dc/terms/";

// RFC 4287 §4.2.7.2: the IANA URI form of rel="alternate".
constexpr std::string_view kIanaAlternate = "http://www.iana.org/assignments/relation/alternate";

// An extension element (dc:date, atom:updated) in its namespace or, when the
// feed forgot to declare the prefix, without one.
std::optional<XmlElement> ExtensionChild(const XmlElement& parent, std::string_view ns,
                                         std::string_view name) {
  if (auto child = parent.FirstChild(ns, name)) return child;
  return parent.FirstChild({}, name);
}

std::string ChildText(const XmlElement& parent, std::string_view ns, std::string_view name) {
  auto child = parent.FirstChild(ns, name);
  return child ? child->Text() : std::string();
}

class FeedReader {
 public:
  FeedReader(std::string_view feed_url, FeedParseResult& out) : out_(out) {
    auto parsed = Url::Parse(feed_url);
    if (parsed) {
      feed_url_ = std::move(*parsed);
    } else {
      Odd("feed URL " + QuoteForOddity(feed_url) + " is unusable (" + parsed.status().message() +
          "); only absolute links are kept");
    }
  }

  void Read(const XmlElement& root) {
    const std::string_view name = root.local_name();
    const std::string_view ns = root.namespace_uri();
    if (name == "rss" && ns.empty()) {
      out_.kind = FeedKind::kRss;
      ReadRss(root);
    } else if (name == "RDF" && (ns == kRdfNamespace || ns.empty())) {
      out_.kind = FeedKind::kRdf;
      ReadRdf(root);
    } else if (name == "feed" && (ns == kAtomNamespace || ns == kAtom03Namespace || ns.empty())) {
      out_.kind = FeedKind::kAtom;
      if (ns.empty()) Odd("Atom feed without the Atom namespace");
      ReadAtom(root, ns);
    } else {
      Odd("not a feed: the document element is <" + std::string(name) + ">" +
          (ns.empty() ? "" : " in namespace " + QuoteForOddity(ns)));
    }
  }

  void Odd(std::string oddity) { NoteOddity(out_.oddities, std::move(oddity)); }

 private:
  // RSS 2.0: rss/channel/item.
  void ReadRss(const XmlElement& root) {
    auto base = WithXmlBase(feed_url_, root);
    if (auto channel = root.FirstChild({}, "channel")) {
      base = WithXmlBase(base, *channel);
      out_.title = CollapseWhitespace(ChildText(*channel, {}, "title"));
    } else {
      Odd("RSS feed without a <channel>; reading its items all the same");
    }
    // Items anywhere, not just under the channel: recovering from a missing
    // end tag nests the items that follow inside an earlier element.
    for (const XmlElement& item : root.Descendants({}, "item")) {
      if (!Add(ReadRssItem(item, base))) return;
    }
  }

  std::optional<FeedEntry> ReadRssItem(const XmlElement& item, const std::optional<Url>& base) {
    FeedEntry entry;
    const auto item_base = WithXmlBase(base, item);
    entry.title = CollapseWhitespace(ChildText(item, {}, "title"));
    auto link = item.FirstChild({}, "link");
    if (!link) link = item.FirstDescendant({}, "link", "item");  // recovered nesting
    if (link) entry.url = Resolve(item_base, link->Text(), "item link");
    if (auto guid = item.FirstChild({}, "guid")) {
      entry.id = guid->Text();
      // The guid is the item's URL unless isPermaLink="false" (the default is true).
      const bool permalink = guid->Attribute("isPermaLink").value_or("true") != "false";
      if (entry.url.empty() && permalink) entry.url = Resolve(item_base, entry.id, "item guid");
    }
    auto pub_date = item.FirstChild({}, "pubDate");
    if (!pub_date) pub_date = item.FirstDescendant({}, "pubDate", "item");
    entry.published = Date(pub_date);
    if (entry.published.empty()) entry.published = Date(ExtensionChild(item, kDcNamespace, "date"));
    entry.updated = Date(ExtensionChild(item, kAtomNamespace, "updated"));
    if (entry.updated.empty()) {
      entry.updated = Date(ExtensionChild(item, kDcTermsNamespace, "modified"));
    }
    return Finish(std::move(entry), "item");
  }

  // RSS 1.0 / 0.90: rdf:RDF with channel and item siblings.
  void ReadRdf(const XmlElement& root) {
    const auto base = WithXmlBase(feed_url_, root);
    for (const XmlElement& child : root.Children()) {
      const std::string_view ns = child.namespace_uri();
      if (ns != kRss10Namespace && ns != kRss090Namespace && !ns.empty()) continue;
      if (child.local_name() == "channel") {
        out_.title = CollapseWhitespace(ChildText(child, ns, "title"));
      } else if (child.local_name() == "item") {
        FeedEntry entry;
        const auto item_base = WithXmlBase(base, child);
        entry.title = CollapseWhitespace(ChildText(child, ns, "title"));
        if (auto link = child.FirstChild(ns, "link")) {
          entry.url = Resolve(item_base, link->Text(), "item link");
        }
        entry.id = child.Attribute("about", kRdfNamespace).value_or("");
        if (entry.url.empty() && !entry.id.empty()) {
          entry.url = Resolve(item_base, entry.id, "item rdf:about");
        }
        entry.published = Date(ExtensionChild(child, kDcNamespace, "date"));
        entry.updated = Date(ExtensionChild(child, kDcTermsNamespace, "modified"));
        if (!Add(Finish(std::move(entry), "item"))) return;
      }
    }
  }

  // Atom (RFC 4287 §4.1.1 feed, §4.1.2 entry). `ns` is the feed's namespace.
  void ReadAtom(const XmlElement& root, std::string_view ns) {
    const auto base = WithXmlBase(feed_url_, root);
    out_.title = CollapseWhitespace(ChildText(root, ns, "title"));
    for (const XmlElement& entry_element : root.Children()) {
      if (!entry_element.Is(ns, "entry")) continue;
      FeedEntry entry;
      const auto entry_base = WithXmlBase(base, entry_element);
      entry.title = CollapseWhitespace(ChildText(entry_element, ns, "title"));
      entry.id = ChildText(entry_element, ns, "id");
      entry.url = AlternateLink(entry_element, ns, entry_base);
      if (entry.url.empty() && !entry.id.empty() && Url::Parse(entry.id).ok()) {
        Odd("entry " + QuoteForOddity(entry.id) + " has no alternate link; using its id");
        entry.url = Resolve(entry_base, entry.id, "entry id");
      }
      // Atom 0.3 called them issued and modified.
      entry.published = Date(entry_element.FirstChild(ns, "published"));
      if (entry.published.empty()) entry.published = Date(entry_element.FirstChild(ns, "issued"));
      entry.updated = Date(entry_element.FirstChild(ns, "updated"));
      if (entry.updated.empty()) entry.updated = Date(entry_element.FirstChild(ns, "modified"));
      if (!Add(Finish(std::move(entry), "entry"))) return;
    }
  }

  // RFC 4287 §4.2.7.2: a link without rel is "alternate". Among several, an
  // HTML one (or one without a type) is preferred: others may be the same story
  // in another format (AMP, JSON, a podcast).
  std::string AlternateLink(const XmlElement& entry, std::string_view ns,
                            const std::optional<Url>& entry_base) {
    std::optional<XmlElement> chosen;
    for (const XmlElement& link : entry.Children()) {
      if (!link.Is(ns, "link")) continue;
      const std::string rel = ToLowerAscii(TrimSpace(link.Attribute("rel").value_or("alternate")));
      if (rel != "alternate" && rel != kIanaAlternate) continue;
      const std::string type = ToLowerAscii(TrimSpace(link.Attribute("type").value_or("")));
      const bool html = type.empty() || type == "text/html" || type == "application/xhtml+xml";
      if (!chosen || html) chosen = link;
      if (html) break;
    }
    if (!chosen) return {};
    auto href = chosen->Attribute("href");
    if (!href) {
      Odd("entry link without href");
      return {};
    }
    return Resolve(WithXmlBase(entry_base, *chosen), *href, "entry link");
  }

  // XML Base §4.2: an element's xml:base is resolved against its parent's base.
  std::optional<Url> WithXmlBase(const std::optional<Url>& base, const XmlElement& element) {
    auto xml_base = element.Attribute("base", kXmlNamespace);
    if (!xml_base) return base;
    auto resolved = base ? base->Resolve(TrimSpace(*xml_base)) : Url::Parse(TrimSpace(*xml_base));
    if (resolved) return std::move(*resolved);
    Odd("xml:base " + QuoteForOddity(*xml_base) + " ignored: " + resolved.status().message());
    return base;
  }

  // The absolute, normalised form of `reference`, or empty (with an oddity).
  std::string Resolve(const std::optional<Url>& base, std::string_view reference,
                      std::string_view what) {
    const std::string_view ref = TrimSpace(reference);
    if (ref.empty()) return {};
    auto url = base ? base->Resolve(ref) : Url::Parse(ref);
    if (url) return url->Normalized();
    Odd(std::string(what) + " " + QuoteForOddity(ref) + " skipped: " + url.status().message());
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

  std::optional<FeedEntry> Finish(FeedEntry entry, std::string_view what) {
    if (!entry.url.empty()) return entry;
    Odd(std::string(what) + " " + QuoteForOddity(entry.title.empty() ? entry.id : entry.title) +
        " has no usable link; skipped");
    return std::nullopt;
  }

  // Adds an entry; false once the cap is reached (reading should stop).
  bool Add(std::optional<FeedEntry> entry) {
    if (!entry) return true;
    if (out_.entries.size() >= kMaxFeedEntries) {
      Odd("more than " + std::to_string(kMaxFeedEntries) + " entries; the rest are dropped");
      return false;
    }
    out_.entries.push_back(std::move(*entry));
    return true;
  }

  FeedParseResult& out_;
  std::optional<Url> feed_url_;
};

}  // namespace

std::string_view FeedKindName(FeedKind kind) {
  switch (kind) {
    case FeedKind::kRss:
      return "rss";
    case FeedKind::kRdf:
      return "rdf";
    case FeedKind::kAtom:
      return "atom";
    case FeedKind::kUnknown:
      break;
  }
  return "unknown";
}

FeedParseResult ParseFeed(std::string_view xml, std::string_view feed_url) {
  FeedParseResult result;
  FeedReader reader(feed_url, result);
  const XmlDocument document = XmlDocument::Parse(xml, feed_url);
  NoteXmlProblems(document, "feed", result.oddities);
  if (auto root = document.root()) {
    reader.Read(*root);
  } else {
    reader.Odd("no XML document element");
  }
  return result;
}

}  // namespace newsvault::parser
