#include "app/batch_extract.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "app/article_output.h"
#include "parser/article_extractor.h"
#include "parser/page_decoder.h"

namespace newsvault::app {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kHtmlSuffix = ".html";
constexpr std::string_view kGzipSuffix = ".html.gz";

// What one worker found for one file; slots are per file, so workers never
// share one and the summary is assembled in file order afterwards.
struct PageOutcome {
  bool failed = false;
  std::string problem;
};

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

core::Result<std::string> ReadWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Status::IoError("cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return core::Status::IoError("read error");
  return buffer.str();
}

core::Status WriteWholeFile(const fs::path& path, const std::string& bytes) {
  // Written beside and renamed, so a reader never sees half a JSON file.
  fs::path temp = path;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return core::Status::IoError("cannot create " + temp.string());
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) return core::Status::IoError("cannot write " + temp.string());
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) return core::Status::IoError("cannot rename to " + path.string() + ": " + ec.message());
  return core::Status::Ok();
}

PageOutcome ProcessPage(const fs::path& input, const fs::path& output_dir) {
  const std::string name = input.filename().string();
  core::Result<std::string> bytes = ReadWholeFile(input);
  if (!bytes.ok()) {
    return {true, name + ": " + bytes.error().message()};
  }
  // No HTTP header is known: "text/html" without a charset parameter makes
  // DecodePage take the charset from a BOM, a <meta>, or detection.
  const bool gzipped = EndsWith(name, kGzipSuffix);
  core::Result<parser::DecodedPage> page =
      parser::DecodePage(*bytes, "text/html", gzipped ? "gzip" : "");
  if (!page.ok()) return {true, name + ": " + page.error().message()};
  const core::Article article = parser::ExtractArticle({page->text.utf8, "", std::nullopt});
  // error_handler_t::replace: a stray invalid byte must not lose the page.
  const std::string json =
      BatchPageJson(article).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  const core::Status written = WriteWholeFile(output_dir / (BatchPageId(name) + ".json"), json);
  if (!written.ok()) return {true, name + ": " + written.message()};
  return {};
}

}  // namespace

core::Result<std::vector<std::string>> ListBatchInputs(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return core::Status::NotFound(dir + ": not a directory");
  std::vector<std::string> names;
  fs::directory_iterator it(dir, ec);
  if (ec) return core::Status::IoError(dir + ": " + ec.message());
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) return core::Status::IoError(dir + ": " + ec.message());
    const std::string name = it->path().filename().string();
    if (!EndsWith(name, kHtmlSuffix) && !EndsWith(name, kGzipSuffix)) continue;
    std::error_code type_ec;
    if (it->is_directory(type_ec)) continue;
    names.push_back(name);
  }
  if (ec) return core::Status::IoError(dir + ": " + ec.message());
  std::sort(names.begin(), names.end());
  return names;
}

std::string BatchPageId(const std::string& file_name) {
  if (EndsWith(file_name, kGzipSuffix)) {
    return file_name.substr(0, file_name.size() - kGzipSuffix.size());
  }
  if (EndsWith(file_name, kHtmlSuffix)) {
    return file_name.substr(0, file_name.size() - kHtmlSuffix.size());
  }
  return file_name;
}

nlohmann::json BatchPageJson(const core::Article& article) {
  nlohmann::json json = ArticleAsJson(article);
  json["articleBody"] = article.body_text;
  return json;
}

core::Result<BatchSummary> RunBatchExtract(const BatchOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  auto names = ListBatchInputs(options.input_dir);
  if (!names.ok()) return names.error();
  std::error_code ec;
  fs::create_directories(options.output_dir, ec);
  if (ec || !fs::is_directory(options.output_dir, ec)) {
    return core::Status::IoError(options.output_dir + ": cannot create the output directory");
  }

  const fs::path input_dir(options.input_dir);
  const fs::path output_dir(options.output_dir);
  std::vector<PageOutcome> outcomes(names->size());
  std::atomic<size_t> next{0};
  auto work = [&]() {
    for (size_t i = next.fetch_add(1); i < names->size(); i = next.fetch_add(1)) {
      outcomes[i] = ProcessPage(input_dir / (*names)[i], output_dir);
    }
  };
  const size_t jobs = std::clamp<size_t>(options.jobs, 1, std::max<size_t>(names->size(), 1));
  {
    std::vector<std::jthread> workers;
    for (size_t j = 1; j < jobs; ++j) workers.emplace_back(work);
    work();  // the calling thread is worker 0
  }

  BatchSummary summary;
  summary.pages = names->size();
  for (PageOutcome& outcome : outcomes) {
    if (!outcome.failed) continue;
    ++summary.failures;
    summary.problems.push_back(std::move(outcome.problem));
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace newsvault::app
