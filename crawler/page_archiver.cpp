#include "crawler/page_archiver.h"

#include <string_view>

#include "crawler/redirect_follower.h"
#include "crawler/response_body.h"
#include "parser/article_extractor.h"

namespace newsvault::crawler {
namespace {

std::string TruncationNote(const core::HttpExchange& hop, const FetchOptions& fetch) {
  switch (hop.truncation) {
    case core::Truncation::kLength:
      return "body cut at the " + std::to_string(fetch.max_body_bytes) +
             "-byte limit (stored truncated)";
    case core::Truncation::kTime:
      return "transfer stopped by the time limit (stored truncated)";
    case core::Truncation::kDisconnect:
      return "server closed the connection mid-body (stored truncated)";
    case core::Truncation::kUnspecified:
      return "body incomplete (stored truncated)";
    case core::Truncation::kNone:
      break;
  }
  return {};
}

}  // namespace

PageReport PageArchiver::ArchiveUrl(const std::string& url) {
  PageReport report;
  report.url = url;
  RedirectChain chain = FetchWithRedirects(client_, url, options_.fetch, options_.max_redirects);
  report.fetch_status = chain.status;

  for (size_t i = 0; i < chain.hops.size(); ++i) {
    const core::HttpExchange& hop = chain.hops[i];
    const bool is_final = chain.status.ok() && i + 1 == chain.hops.size();
    std::optional<core::Article> article;
    if (is_final) article = ExtractFinalHop(hop, report);

    core::Result<storage::StoreOutcome> stored =
        archive_.StoreCapture(hop, article ? &*article : nullptr);
    if (!stored.ok()) {
      // The archive refused the write: stop, the caller reports it. What was
      // stored before stays stored.
      report.fetch_status = stored.error().WithContext("could not store " + hop.url);
      return report;
    }
    HopReport hop_report;
    hop_report.url = hop.url;
    hop_report.status_code = hop.status_code;
    hop_report.stored = *stored;
    hop_report.truncation = hop.truncation;
    report.hops.push_back(hop_report);
    report.final_status_code = hop.status_code;
    if (is_final && article) {
      report.version = stored->version;
      report.new_version = stored->new_version;
    }
    if (std::string note = TruncationNote(hop, options_.fetch); !note.empty()) {
      report.notes.push_back(std::move(note));
    }
  }
  return report;
}

std::optional<core::Article> PageArchiver::ExtractFinalHop(const core::HttpExchange& hop,
                                                           PageReport& report) {
  if (hop.status_code < 200 || hop.status_code >= 300) return std::nullopt;
  if (hop.response_body.empty()) {
    report.notes.push_back("empty body: no article");
    return std::nullopt;
  }
  // The parser reads a de-chunked, decoded copy; the archive keeps the wire bytes.
  const std::string_view content_type = hop.Header("Content-Type").value_or("");
  core::Result<parser::DecodedPage> page = DecodeHtmlPage(hop, options_.max_decoded_bytes);
  if (!page.ok()) {
    report.notes.push_back(page.error().message() + " (stored undecoded, no article)");
    return std::nullopt;
  }
  if (!page->is_html) {
    report.notes.push_back("not HTML (" +
                           std::string(content_type.empty() ? "unknown type" : content_type) +
                           "): stored without article");
    return std::nullopt;
  }
  if (page->body_truncated) {
    report.notes.push_back("decoded body cut at " + std::to_string(options_.max_decoded_bytes) +
                           " bytes before extraction");
  }
  core::Article article = parser::ExtractArticle({page->text.utf8, hop.url, hop.started});
  if (!parser::LooksLikeArticle(article)) {
    report.notes.push_back("no article found on the page");
    return std::nullopt;
  }
  report.has_article = true;
  report.title = article.title;
  return article;
}

}  // namespace newsvault::crawler
