#include "parser/content_scorer.h"

#include <algorithm>
#include <string>

#include "parser/boilerplate.h"
#include "parser/text_util.h"

namespace newsvault::parser {
namespace {

// --- Stage 2: paragraph scores ---------------------------------------------
// A block needs this much text of its own (non-space characters) to score.
constexpr uint32_t kMinParagraphChars = 25;
// Every scoring paragraph is worth kParagraphBase, plus one per comma, plus
// one per kCharsPerLengthPoint characters up to kMaxLengthPoints.
constexpr double kParagraphBase = 1.0;
constexpr uint32_t kCharsPerLengthPoint = 100;
constexpr double kMaxLengthPoints = 3.0;
// How many ancestor levels a paragraph's score reaches. Level 0 (parent)
// gets it all, level 1 half, deeper levels 1/(3 * level).
constexpr int kAncestorLevels = 5;

// --- Stage 3: candidate weights ---------------------------------------------
constexpr double kPositiveClassWeight = 25;
constexpr double kNegativeClassWeight = -25;
// Semantic markup for "this is the article". Less than a paragraph-rich
// block earns, so teaser <article>s in rails do not win on the tag alone.
constexpr double kArticleTagBonus = 10;
constexpr double kMainTagBonus = 5;
constexpr double kArticleBodyItempropBonus = 30;

// --- Stage 4: choosing --------------------------------------------------------
// Siblings join when their score reaches this share of the top score (and at
// least kSiblingMinScore)...
constexpr double kSiblingScoreShare = 0.2;
constexpr double kSiblingMinScore = 10;
// ...or when they are paragraphs: long with few links, or short, link-free
// and ending a sentence; or prose blocks without headings (a lead in its
// own container beside the body).
constexpr uint32_t kSiblingParagraphChars = 80;
constexpr double kSiblingMaxLinkDensity = 0.25;

// --- Stage 5: split bodies ----------------------------------------------------
// Templates that put ads or rails between stretches of the article cut its
// body into several containers with the tag and class of the best candidate,
// under different parents. Such a "chunk" joins when it scores as a sibling
// must (the sibling threshold) and is prose, not links, with at least
// kMinChunkChars of text: the class weight alone must not carry a small
// box that reuses the body's class (a newsletter block in a CMS "body" field).
constexpr uint32_t kMinChunkChars = 250;

// Tags whose own text counts as a paragraph (block containers with direct
// text count too: old pages write <div>text<br>text</div>).
bool IsScorableBlock(std::string_view tag) {
  return tag == "p" || tag == "pre" || tag == "td" || tag == "div" || tag == "section" ||
         tag == "article" || tag == "main" || tag == "blockquote" || tag == "dd" || tag == "center";
}

double TagWeight(std::string_view tag) {
  if (tag == "div") return 5;
  if (tag == "pre" || tag == "td" || tag == "blockquote") return 3;
  if (tag == "address" || tag == "ol" || tag == "ul" || tag == "dl" || tag == "dd" || tag == "dt" ||
      tag == "li" || tag == "form") {
    return -3;
  }
  if (tag == "h1" || tag == "h2" || tag == "h3" || tag == "h4" || tag == "h5" || tag == "h6" ||
      tag == "th") {
    return -5;
  }
  return 0;
}

double InitialScore(const Document& doc, NodeId id, const ScoringOptions& options) {
  const std::string_view tag = doc.Tag(id);
  double score = TagWeight(tag);
  if (tag == "article") score += kArticleTagBonus;
  if (tag == "main") score += kMainTagBonus;
  if (EqualsIgnoreCase(doc.Attr(id, "itemprop"), "articleBody")) score += kArticleBodyItempropBonus;
  if (options.use_class_hints) {
    const ClassHints hints = ReadClassHints(doc.ClassAndId(id));
    if (hints.positive) score += kPositiveClassWeight;
    if (hints.negative) score += kNegativeClassWeight;
  }
  return score;
}

bool EndsSentence(const Document& doc, NodeId id) {
  const std::string text = doc.Text(id, 4096);
  return !text.empty() && (text.back() == '.' || text.back() == '!' || text.back() == '?' ||
                           text.ends_with("\xE3\x80\x82"));  // U+3002 ideographic full stop
}

bool HasHeading(const Document& doc, NodeId id) {
  for (NodeId n = id; n != kNoNode; n = doc.Next(n, id)) {
    const std::string_view tag = doc.Tag(n);
    if (tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6') return true;
  }
  return false;
}

}  // namespace

ContentSelection SelectContent(const Document& doc, const std::vector<NodeStats>& stats,
                               const ScoringOptions& options) {
  const std::vector<uint8_t> chrome = MarkChromeZones(doc, stats, options.use_class_hints);
  // Candidate scores; NaN-free: `scored` says which nodes are candidates.
  std::vector<double> score(doc.size(), 0.0);
  std::vector<uint8_t> scored(doc.size(), 0);

  // Stages 1-2: paragraphs feed their ancestors.
  for (NodeId id = 1; id < doc.size(); ++id) {
    if (!doc.IsElement(id) || chrome[id] || !IsScorableBlock(doc.Tag(id))) continue;
    const NodeStats& s = stats[id];
    if (s.own_chars < kMinParagraphChars) continue;
    const double points =
        kParagraphBase + s.own_commas +
        std::min(static_cast<double>(s.own_chars / kCharsPerLengthPoint), kMaxLengthPoints);
    // A block with its own text is also a candidate for itself (text in a
    // <div> with <br>s): it gets its own points.
    NodeId target = doc.Tag(id) == "p" ? doc.node(id).parent : id;
    for (int level = 0; level < kAncestorLevels && target != kNoNode && target != 0; ++level) {
      if (!doc.IsElement(target)) break;
      if (!scored[target]) {
        scored[target] = 1;
        score[target] = InitialScore(doc, target, options);
      }
      const double divider = level == 0 ? 1.0 : (level == 1 ? 2.0 : level * 3.0);
      score[target] += points / divider;
      target = doc.node(target).parent;
    }
  }

  // Stage 3: scale by link density; pick the best.
  ContentSelection result;
  double best = 0;
  for (NodeId id = 1; id < doc.size(); ++id) {
    if (!scored[id]) continue;
    score[id] *= 1.0 - stats[id].LinkDensity();
    if (score[id] > best && !chrome[id]) {
      best = score[id];
      result.top = id;
    }
  }
  if (result.top == kNoNode) return result;

  // Stage 4: an only child says nothing its parent would not; its parent's
  // siblings may then join.
  const NodeId best_candidate = result.top;
  NodeId top = result.top;
  while (doc.node(top).parent != kNoNode && doc.node(top).parent != 0 &&
         !doc.IsTag(doc.node(top).parent, "body") && !doc.IsTag(doc.node(top).parent, "html") &&
         doc.ElementChildCount(doc.node(top).parent) == 1 && !chrome[doc.node(top).parent]) {
    top = doc.node(top).parent;
    if (scored[top]) best = std::max(best, score[top]);
  }
  result.top = top;
  result.top_score = best;

  const NodeId parent = doc.node(top).parent;
  const double threshold = std::max(kSiblingMinScore, best * kSiblingScoreShare);
  const std::string top_class(doc.Attr(top, "class"));
  for (NodeId sib = doc.node(parent).first_child; sib != kNoNode;
       sib = doc.node(sib).next_sibling) {
    if (sib == top) {
      result.parts.push_back(sib);
      continue;
    }
    if (!doc.IsElement(sib) || chrome[sib]) continue;
    const NodeStats& s = stats[sib];
    // Siblings sharing the top's class are usually more of the same text.
    const double bonus =
        (!top_class.empty() && doc.Attr(sib, "class") == top_class) ? best * kSiblingScoreShare : 0;
    bool join = scored[sib] && score[sib] + bonus >= threshold;
    const double density = s.LinkDensity();
    if (!join && doc.IsTag(sib, "p")) {
      join = (s.chars > kSiblingParagraphChars && density < kSiblingMaxLinkDensity) ||
             (s.chars > 0 && s.chars <= kSiblingParagraphChars && s.link_chars == 0 &&
              EndsSentence(doc, sib));
    }
    // A lead or standfirst in its own container: prose, not a headline block.
    if (!join && s.chars > kSiblingParagraphChars && density < kSiblingMaxLinkDensity &&
        !HasHeading(doc, sib) && EndsSentence(doc, sib)) {
      join = true;
    }
    if (join) result.parts.push_back(sib);
  }

  // Stage 5: chunks of a split body, in document order with the parts. A
  // chunk looks like the best candidate as scored, or like the top it moved
  // up to (the same wrapper around each chunk).
  std::vector<NodeId> chunks;
  for (const NodeId model : {best_candidate, top}) {
    const std::string_view model_class = doc.Attr(model, "class");
    if (model_class.empty()) continue;
    for (NodeId id = 1; id < doc.size(); ++id) {
      if (!scored[id] || chrome[id] || doc.node(id).parent == parent ||
          doc.Tag(id) != doc.Tag(model) || doc.Attr(id, "class") != model_class ||
          score[id] < threshold || stats[id].chars < kMinChunkChars ||
          stats[id].LinkDensity() >= kSiblingMaxLinkDensity) {
        continue;
      }
      const auto overlaps = [&](NodeId part) {
        return doc.IsAncestorOrSelf(part, id) || doc.IsAncestorOrSelf(id, part);
      };
      if (std::none_of(result.parts.begin(), result.parts.end(), overlaps) &&
          std::none_of(chunks.begin(), chunks.end(), overlaps)) {
        chunks.push_back(id);
      }
    }
  }
  if (!chunks.empty()) {
    result.parts.insert(result.parts.end(), chunks.begin(), chunks.end());
    std::sort(result.parts.begin(), result.parts.end());  // ids are in document order
  }
  return result;
}

}  // namespace newsvault::parser
