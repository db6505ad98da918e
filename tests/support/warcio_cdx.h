// Comparing CDXJ indexes with warcio.js `cdx-index`, the indexer that
// ReplayWeb.page and the WACZ tools use. Shared by the `index` and
// `export --cdxj` tests.
//
// Thread safety: functions without shared state; gtest failures are reported
// on the calling thread.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace newsvault::testing {

// One CDXJ line, reduced to the fields two indexers must agree on.
struct CdxEntry {
  std::string timestamp, url, status, digest, offset, length;
  bool operator<(const CdxEntry& o) const;
  bool operator==(const CdxEntry& o) const = default;
};
std::ostream& operator<<(std::ostream& os, const CdxEntry& e);

// Parses CDXJ text into entries sorted by (offset, url, timestamp); a line
// that is not CDXJ adds a test failure.
std::vector<CdxEntry> ParseCdxEntries(const std::string& text);

// warcio.js `cdx-index` output for one file. A missing node or warcio fails
// the test (run scripts/install-deps); it never skips.
std::string WarcioCdxIndex(const std::string& path);

// The first executable called `name` on $PATH, or "".
std::string FindOnPath(const std::string& name);

}  // namespace newsvault::testing
