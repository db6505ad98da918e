// ExportWacz: the archive (or a selection) as one WACZ 1.1.1 file (issue 5 item 3).
//
// WACZ (webrecorder's Web Archive Collection Zipped, 1.1.1; writer checklist
// "WACZ") is what ReplayWeb.page opens: a ZIP holding
//   archive/PREFIX-YYYYMMDDhhmmss-SERIAL-HOST.warc.gz   the WARC set (rotated
//       at ExportOptions::max_size like `export --out`), as ExportWarc writes it
//   indexes/index.cdx    its sorted CDXJ (filename = the WARC's name in archive/),
//                        sorted in bounded memory (storage/cdxj_sorter.h)
//   pages/pages.jsonl    json-pages-1.0: one line per article version
//   datapackage.json     Frictionless data package: profile "data-package",
//                        wacz_version "1.1.1", title, created, modified,
//                        software, resources [{name, path, hash "sha256:HEX", bytes}]
//   datapackage-digest.json   {"path": "datapackage.json", "hash": "sha256:HEX"}
// Every entry is STORED (storage/zip_writer.h says why). The parts are written
// to a temporary directory beside the output first (WARCs can be big, so they
// are streamed, never held in memory), the zip to FILE.wacz.open, renamed to
// FILE.wacz when complete; the temporary directory is always removed.
//
// Thread safety: reads the archive; do not write to the same file from two calls.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "storage/archive.h"
#include "storage/warc_export.h"

namespace newsvault::storage {

struct WaczReport {
  std::string path;                  // the .wacz
  uint64_t bytes = 0;                // its size
  std::vector<std::string> entries;  // zip entry names, in order
  ExportReport warc;                 // the WARC part (its paths were temporary)
};

// Exports what `options` selects (time, site, URL prefix, articles only;
// max_size, software, operator) into `wacz_path`. The options' output fields
// (path, directory, cdxj, pages) are ignored: the WACZ layout decides them;
// the WARC prefix is the WACZ's name without ".wacz". Errors as ExportWarc's,
// plus IoError when the zip cannot be written; on error no FILE.wacz(.open)
// is left behind.
core::Result<WaczReport> ExportWacz(Archive& archive, const ExportOptions& options,
                                    const std::string& wacz_path);

}  // namespace newsvault::storage
