// `newsvault extract FILE [--url U] [--json] [--xpath-* XPATH]`: extraction
// only — no network, no archive; --xpath-* try [site.extract] overrides.
// `newsvault extract --batch DIR --out DIR [--jobs N]`: the same for a folder of
// pages, one JSON per page (app/batch_extract.h).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "app/article_output.h"
#include "app/batch_extract.h"
#include "app/cli.h"
#include "parser/article_extractor.h"
#include "parser/page_decoder.h"
#include "parser/xpath_overrides.h"

namespace newsvault::app {
namespace {

class ExtractCommand final : public Command {
 public:
  explicit ExtractCommand(CLI::App& parent) {
    app_ = parent.add_subcommand("extract", "Extract the article from a saved HTML file");
    CLI::Option* file =
        app_->add_option("file", file_, "HTML file (.html or .html.gz); - for stdin");
    CLI::Option* url = app_->add_option("--url", url_, "The page's URL, to resolve relative links");
    CLI::Option* type =
        app_->add_option("--content-type", content_type_, "HTTP Content-Type (gives the charset)");
    CLI::Option* json = app_->add_flag("--json", json_, "Print the article as one JSON object");
    CLI::Option* batch = app_->add_option("--batch", batch_.input_dir,
                                          "Extract every *.html and *.html.gz file in this folder");
    CLI::Option* out =
        app_->add_option("--out", batch_.output_dir, "Batch: folder for the <id>.json files");
    CLI::Option* jobs =
        app_->add_option("--jobs", batch_.jobs, "Batch: worker threads (default: one per core)")
            ->check(CLI::PositiveNumber);
    // Per-site overrides to try on a saved page before putting them in the
    // crawl config's [site.extract] (parser/xpath_overrides.h).
    const CLI::Option* xpath[] = {
        app_->add_option("--xpath-body", overrides_.body, "XPath of the article body element(s)"),
        app_->add_option("--xpath-title", overrides_.title, "XPath of the headline"),
        app_->add_option("--xpath-published", overrides_.published, "XPath of the published date"),
        app_->add_option("--xpath-authors", overrides_.authors, "XPath of the byline(s)"),
        // One expression per occurrence, so `--xpath-drop X page.html` keeps the file.
        app_->add_option("--xpath-drop", overrides_.drop,
                         "XPath of elements removed before extraction (repeatable)")
            ->expected(1)
            ->allow_extra_args(false)
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)};
    for (const CLI::Option* option : xpath) batch->excludes(option->get_name());
    batch->needs(out)->excludes(file)->excludes(url)->excludes(type)->excludes(json);
    out->needs(batch);
    jobs->needs(batch);
  }

  int Run(const GlobalOptions& global) override {
    if (!batch_.input_dir.empty()) return RunBatch(global);
    if (file_.empty()) {
      PrintError("extract: give a FILE, or --batch DIR --out DIR");
      return kExitUsage;
    }
    if (const core::Status valid = parser::ValidateOverrides(overrides_); !valid.ok()) {
      PrintError("extract: --xpath-" + valid.message());
      return kExitUsage;
    }
    std::string bytes;
    if (file_ == "-") {
      std::ostringstream buffer;
      buffer << std::cin.rdbuf();
      bytes = buffer.str();
    } else {
      std::ifstream in(file_, std::ios::binary);
      if (!in) {
        PrintError("cannot read " + file_);
        return kExitUsage;
      }
      std::ostringstream buffer;
      buffer << in.rdbuf();
      bytes = buffer.str();
    }
    const bool gzipped = file_.size() > 3 && file_.compare(file_.size() - 3, 3, ".gz") == 0;
    core::Result<parser::DecodedPage> page = parser::DecodePage(
        bytes, content_type_.empty() ? "text/html" : content_type_, gzipped ? "gzip" : "");
    if (!page.ok()) {
      PrintError(file_ + ": " + page.error().message());
      return kExitPartial;
    }
    if (!page->is_html) {
      PrintError(file_ + ": not an HTML page");
      return kExitPartial;
    }
    parser::ExtractInput input{page->text.utf8, url_, std::nullopt};
    if (!overrides_.empty()) input.overrides = &overrides_;
    core::Article article = parser::ExtractArticle(input);
    if (json_) {
      std::cout << ArticleAsJson(article).dump(2) << "\n";
    } else {
      std::cout << ArticleAsText(article);
    }
    if (!parser::LooksLikeArticle(article)) {
      PrintWarning(file_ + ": no article found on the page");
      return kExitPartial;
    }
    return kExitOk;
  }

 private:
  int RunBatch(const GlobalOptions& global) {
    if (batch_.jobs == 0) batch_.jobs = std::max(1u, std::thread::hardware_concurrency());
    core::Result<BatchSummary> summary = RunBatchExtract(batch_);
    if (!summary.ok()) {
      PrintError(summary.error().message());
      return kExitUsage;
    }
    for (const std::string& problem : summary->problems) PrintError(problem);
    if (!global.quiet) {
      std::fprintf(stderr, "extract: %zu pages, %zu failures, %.2f s\n", summary->pages,
                   summary->failures, summary->seconds);
    }
    return summary->failures == 0 ? kExitOk : kExitPartial;
  }

  BatchOptions batch_{.input_dir = {}, .output_dir = {}, .jobs = 0};
  std::string file_;
  std::string url_;
  std::string content_type_;
  bool json_ = false;
  parser::ExtractOverrides overrides_;
};

}  // namespace

std::unique_ptr<Command> MakeExtractCommand(CLI::App& parent) {
  return std::make_unique<ExtractCommand>(parent);
}

}  // namespace newsvault::app
