#include "tests/support/warcio_cdx.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <tuple>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace newsvault::testing {

bool CdxEntry::operator<(const CdxEntry& o) const {
  return std::tie(offset, url, timestamp) < std::tie(o.offset, o.url, o.timestamp);
}

std::ostream& operator<<(std::ostream& os, const CdxEntry& e) {
  return os << "{" << e.url << " " << e.timestamp << " status=" << e.status
            << " digest=" << e.digest << " offset=" << e.offset << " length=" << e.length << "}";
}

std::vector<CdxEntry> ParseCdxEntries(const std::string& text) {
  std::vector<CdxEntry> entries;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    size_t a = line.find(' ');
    size_t b = a == std::string::npos ? a : line.find(' ', a + 1);
    EXPECT_NE(b, std::string::npos) << "not a CDXJ line: " << line;
    if (b == std::string::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line.substr(b + 1), nullptr, false);
    EXPECT_TRUE(j.is_object()) << "no JSON in: " << line;
    if (!j.is_object()) continue;
    auto text_of = [&](const char* key) {
      return j.contains(key) ? j[key].get<std::string>() : std::string("(absent)");
    };
    entries.push_back({line.substr(a + 1, b - a - 1), text_of("url"), text_of("status"),
                       text_of("digest"), text_of("offset"), text_of("length")});
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

std::string FindOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

std::string WarcioCdxIndex(const std::string& path) {
  std::string node = FindOnPath("node");
  std::string cli = std::string(kWarcioDir) + "/node_modules/warcio/dist/cli.js";
  if (node.empty() || !std::filesystem::exists(cli)) {
    ADD_FAILURE() << "warcio.js is needed to compare CDXJ indexes (node: '" << node
                  << "', cli: " << cli << "): run scripts/install-deps";
    return "";
  }
  ProcessResult r = RunProcess({node, cli, "cdx-index", path});
  EXPECT_EQ(r.exit_code, 0) << "warcio cdx-index " << path << ": " << r.err;
  return r.out;
}

}  // namespace newsvault::testing
