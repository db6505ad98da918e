// `newsvault extract FILE [--url U] [--json]`: extraction only — no network, no archive.
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/article_output.h"
#include "app/cli.h"
#include "parser/article_extractor.h"
#include "parser/page_decoder.h"

namespace newsvault::app {
namespace {

class ExtractCommand final : public Command {
 public:
  explicit ExtractCommand(CLI::App& parent) {
    app_ = parent.add_subcommand("extract", "Extract the article from a saved HTML file");
    app_->add_option("file", file_, "HTML file (.html or .html.gz); - for stdin")->required();
    app_->add_option("--url", url_, "The page's URL, to resolve relative links");
    app_->add_option("--content-type", content_type_, "HTTP Content-Type (gives the charset)");
    app_->add_flag("--json", json_, "Print the article as one JSON object");
  }

  int Run(const GlobalOptions& /*global*/) override {
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
    core::Result<parser::DecodedPage> page =
        parser::DecodePage(bytes, content_type_.empty() ? "text/html" : content_type_,
                           gzipped ? "gzip" : "");
    if (!page.ok()) {
      PrintError(file_ + ": " + page.error().message());
      return kExitPartial;
    }
    if (!page->is_html) {
      PrintError(file_ + ": not an HTML page");
      return kExitPartial;
    }
    core::Article article = parser::ExtractArticle({page->text.utf8, url_, std::nullopt});
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
  std::string file_;
  std::string url_;
  std::string content_type_;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeExtractCommand(CLI::App& parent) {
  return std::make_unique<ExtractCommand>(parent);
}

}  // namespace newsvault::app
