#include "parser/date_extractor.h"

#include <optional>

#include "parser/boilerplate.h"
#include "parser/date_parser.h"
#include "parser/text_util.h"

namespace newsvault::parser {
namespace {

constexpr std::string_view kPublishedMeta[] = {"article:published_time",
                                               "og:article:published_time",
                                               "og:published_time",
                                               "datepublished",
                                               "pubdate",
                                               "publishdate",
                                               "publish_date",
                                               "publish-date",
                                               "article.published",
                                               "parsely-pub-date",
                                               "sailthru.date",
                                               "dc.date.issued",
                                               "dcterms.issued",
                                               "dcterms.created",
                                               "dc.date",
                                               "date",
                                               "article:published"};
constexpr std::string_view kModifiedMeta[] = {
    "article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified",
    "dcterms.modified",      "dc.date.modified",         "article.updated", "lastmod",
    "last-modified",         "article:modified"};

// Words before a date saying it is an update, not the publication.
constexpr std::string_view kUpdateWords[] = {
    "updated",      "update",         "modified",   "aktualisiert", "mis à jour", "actualizado",
    "aggiornato",   "atualizado",     "bijgewerkt", "обновлено",    "обновлён",   "изменено",
    "cập nhật",     "更新",           "modifica",   "modifié",      "güncelleme", "güncellendi",
    "aktualizacja", "zaktualizowano", "uppdaterad", "oppdatert",    "opdateret",  "päivitetty",
    "diperbarui",   "수정",           "تحديث"};
// How far back from a date its label may start.
constexpr size_t kLabelWindowBytes = 40;
// A date-labelled element holds a dateline, not a paragraph.
constexpr uint32_t kMaxDateLabelChars = 100;
// How many siblings before a <time> are read for its label.
constexpr size_t kLabelSiblings = 3;

enum class DateKind { kPublished, kModified };

bool LabelSaysUpdate(std::string_view label) {
  if (label.size() > kLabelWindowBytes) label = label.substr(label.size() - kLabelWindowBytes);
  // Lowercased beyond ASCII: "Обновлено", "Güncelleme", "Mis à jour".
  const std::string lower = ToLowerSimple(label);
  for (const std::string_view word : kUpdateWords) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

class Finder {
 public:
  explicit Finder(const DateContext& c) : c_(c), order_(DateOrderForLanguage(c.language_tag)) {}

  ExtractedDates Run() {
    Offer(DateKind::kPublished, c_.json_ld.date_published, "json-ld");
    Offer(DateKind::kModified, c_.json_ld.date_modified, "json-ld");
    for (const std::string_view key : kPublishedMeta) {
      Offer(DateKind::kPublished, c_.signals.Meta(key), "meta");
    }
    for (const std::string_view key : kModifiedMeta) {
      Offer(DateKind::kModified, c_.signals.Meta(key), "meta");
    }
    if (c_.use_dom) {
      // The article's own dates first: its <time> elements, the dateline
      // under the headline, its date-labelled elements; <time> elements
      // elsewhere (rails, teasers) only when the article gives none.
      DateElements(true);
      TextAfterHeadline();
      DateLabels();
      DateElements(false);
    }
    if (auto d = DateFromUrl(c_.url)) Take(DateKind::kPublished, *d, "url");
    return out_;
  }

 private:
  void Offer(DateKind kind, std::string_view value, const char* source) {
    if (Have(kind) || TrimSpace(value).empty()) return;
    if (auto d = ParseDateValue(value, order_)) Take(kind, *d, source);
  }

  bool Have(DateKind kind) const {
    return kind == DateKind::kPublished ? !out_.published.empty() : !out_.modified.empty();
  }

  void Take(DateKind kind, const ParsedDate& d, const char* source) {
    if (Have(kind) || !IsPlausible(d, c_.today)) return;
    if (kind == DateKind::kPublished) {
      out_.published = FormatRfc3339(d);
      out_.published_source = source;
    } else {
      out_.modified = FormatRfc3339(d);
      out_.modified_source = source;
    }
  }

  DateKind KindOf(NodeId id) const {
    const Document& doc = c_.doc;
    const std::string_view itemprop = doc.Attr(id, "itemprop");
    if (FindIgnoreCase(itemprop, "datemodified") != std::string_view::npos) {
      return DateKind::kModified;
    }
    if (FindIgnoreCase(itemprop, "datepublished") != std::string_view::npos) {
      return DateKind::kPublished;
    }
    const std::string hints = doc.ClassAndId(id);
    if (hints.find("update") != std::string::npos || hints.find("modif") != std::string::npos) {
      return DateKind::kModified;
    }
    // The label in front of it ("Updated <time>"): the last few siblings before it.
    const NodeId parent = doc.node(id).parent;
    NodeId recent[kLabelSiblings] = {kNoNode, kNoNode, kNoNode};
    size_t count = 0;
    for (NodeId s = doc.node(parent).first_child; s != kNoNode && s != id;
         s = doc.node(s).next_sibling) {
      recent[count++ % kLabelSiblings] = s;
    }
    std::string label;
    for (size_t k = count > kLabelSiblings ? count - kLabelSiblings : 0; k < count; ++k) {
      const NodeId s = recent[k % kLabelSiblings];
      label += doc.IsText(s) ? std::string(doc.TextOf(s).substr(0, kLabelWindowBytes * 4))
                             : doc.Text(s, kLabelWindowBytes * 4);
    }
    return LabelSaysUpdate(label) ? DateKind::kModified : DateKind::kPublished;
  }

  // <time> and itemprop date elements, in the article scope or elsewhere.
  void DateElements(bool in_scope) {
    for (const NodeId id : c_.signals.dates) {
      const bool inside = c_.scope != kNoNode && c_.doc.IsAncestorOrSelf(c_.scope, id);
      if (inside != in_scope || c_.chrome[id]) continue;
      const DateKind kind = KindOf(id);
      if (Have(kind)) continue;
      for (const std::string_view value :
           {c_.doc.Attr(id, "datetime"), c_.doc.Attr(id, "content")}) {
        if (auto d = ParseDateValue(value, order_)) {
          Take(kind, *d, "time");
          break;
        }
      }
      if (!Have(kind)) {
        if (auto d = ParseDateValue(c_.doc.Text(id, 200), order_)) Take(kind, *d, "time");
      }
    }
  }

  // Short elements of the article scope whose class or id says date
  // ("date", "timestamp", "pubdate"...): datelines printed above the headline
  // or apart from it. Their own label or a label before them tells an update.
  void DateLabels() {
    if (c_.scope == kNoNode || (Have(DateKind::kPublished) && Have(DateKind::kModified))) return;
    const Document& doc = c_.doc;
    for (NodeId id = c_.scope; id != kNoNode;) {
      const bool candidate = doc.IsElement(id) && !c_.chrome[id] && !c_.stats[id].invisible &&
                             c_.stats[id].chars > 0 && c_.stats[id].chars <= kMaxDateLabelChars &&
                             HasDateHint(doc.ClassAndId(id));
      if (candidate) ReadDateLabel(id);
      // A label's text is read whole: its subtree is skipped.
      id = doc.Next(id, c_.scope, candidate);
    }
  }

  void ReadDateLabel(NodeId id) {
    const std::string text = c_.doc.Text(id, kMaxDateLabelChars * 4);
    std::string_view rest = text;
    for (int found = 0; found < 2 && !rest.empty(); ++found) {
      auto match = FindDateMatch(rest, order_);
      if (!match) break;
      const bool update = LabelSaysUpdate(rest.substr(0, match->begin)) ||
                          (found == 0 && KindOf(id) == DateKind::kModified);
      Take(update ? DateKind::kModified : DateKind::kPublished, match->date, "text");
      rest.remove_prefix(match->end);
    }
  }

  // Written dates just after the headline ("04/02/2025", "Updated: ...").
  void TextAfterHeadline() {
    if (Have(DateKind::kPublished) && Have(DateKind::kModified)) return;
    const Document& doc = c_.doc;
    const NodeId start = c_.headline != kNoNode ? c_.headline : c_.scope;
    if (start == kNoNode) return;
    std::string window;
    size_t chars = 0;
    // Walk forward in document order from the end of the headline.
    NodeId id = c_.headline != kNoNode ? doc.Next(start, 0, true) : start;
    for (; id != kNoNode && chars < kDatelineScanChars;) {
      const bool skip =
          doc.IsElement(id) && (c_.chrome[id] || doc.IsNonRendering(id) || doc.IsTag(id, "a"));
      if (doc.IsText(id) && !c_.stats[id].invisible && !c_.chrome[id]) {
        window += ' ';
        window += doc.TextOf(id);
        chars += c_.stats[id].chars;
      }
      id = doc.Next(id, 0, skip);
    }
    std::string_view rest = window;
    for (int found = 0; found < 3 && !rest.empty(); ++found) {
      auto match = FindDateMatch(rest, order_);
      if (!match) break;
      const DateKind kind = LabelSaysUpdate(rest.substr(0, match->begin)) ? DateKind::kModified
                                                                          : DateKind::kPublished;
      Take(kind, match->date, "text");
      rest.remove_prefix(match->end);
    }
  }

  const DateContext& c_;
  DateOrder order_;
  ExtractedDates out_;
};

}  // namespace

ExtractedDates ExtractDates(const DateContext& context) { return Finder(context).Run(); }

}  // namespace newsvault::parser
