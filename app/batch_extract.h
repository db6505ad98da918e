// Batch extraction: `newsvault extract --batch DIR --out DIR [--jobs N]`.
//
// Reads every `*.html` and `*.html.gz` file directly in a folder (not
// recursive), decodes it (gzip by file name; charset by BOM, <meta> or
// detection, as no HTTP Content-Type is known) and writes `<id>.json` per
// page into the output folder, `id` being the file name without
// `.html`/`.html.gz`. Each JSON holds `articleBody` (the body text, the name
// the article-extraction benchmark and schema.org use) plus every Article
// field of DESIGN §3. A page without an article still gets its JSON, with an
// empty body.
//
// Pages are shared among N worker threads through one atomic index; every
// output depends only on its own input file, so the files written are the
// same whatever N is.
//
// Thread safety: RunBatchExtract is called from one thread; it starts and
// joins its own workers.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/article.h"
#include "core/status.h"

namespace newsvault::app {

struct BatchOptions {
  std::string input_dir;
  std::string output_dir;  // created when missing
  unsigned jobs = 1;       // worker threads; 0 means 1
};

struct BatchSummary {
  size_t pages = 0;                   // input files found
  size_t failures = 0;                // files that could not be read, decoded or written
  std::vector<std::string> problems;  // one line per failure, sorted by file name
  double seconds = 0;                 // wall time of the whole batch
};

// The input files of a batch: `*.html` and `*.html.gz` directly in `dir`,
// sorted by name. Errors: NotFound / InvalidArgument when `dir` is not a
// readable directory.
core::Result<std::vector<std::string>> ListBatchInputs(const std::string& dir);

// The page id of an input file name: the name without `.html` or `.html.gz`.
std::string BatchPageId(const std::string& file_name);

// The JSON written for one page: the Article fields plus `articleBody`.
nlohmann::json BatchPageJson(const core::Article& article);

// Runs the batch. Errors only for the folders themselves (input not a
// directory, output not creatable); per-page failures are counted in the
// summary instead.
core::Result<BatchSummary> RunBatchExtract(const BatchOptions& options);

}  // namespace newsvault::app
