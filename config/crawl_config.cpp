// The crawl config schema: which sections and keys exist, their types, and
// the checks that need more than one key. TableReader (toml_table_reader.h)
// does the typed reads; this file is the only place that knows key names.
#include "config/crawl_config.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <system_error>
#include <utility>

#include <toml++/toml.h>

#include "config/duration.h"
#include "config/toml_table_reader.h"
#include "config/xpath_syntax.h"
#include "core/origin_patterns.h"
#include "core/url.h"

namespace newsvault::config {
namespace {

using std::chrono::milliseconds;

constexpr int64_t kIntMax = std::numeric_limits<int>::max();
constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
// A config file is a few KB; anything this large is a mistake, not a config.
constexpr std::uintmax_t kMaxConfigBytes = 16u << 20;

core::Status CheckRegex(std::string_view pattern) {
  try {
    std::regex compiled(pattern.begin(), pattern.end(), std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return core::Status::InvalidArgument("invalid regex '" + std::string(pattern) +
                                         "': " + e.what());
  }
  return core::Status::Ok();
}

core::Status CheckHttpUrl(std::string_view text) {
  core::Result<core::Url> url = core::Url::Parse(text);
  if (!url.ok()) {
    return core::Status::InvalidArgument("expected an http(s) URL, got \"" + std::string(text) +
                                         "\" (" + url.error().message() + ")");
  }
  return core::Status::Ok();
}

// RFC 9110 §5.6.2 tchar: what a User-Agent product token may contain.
bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

core::Status CheckProductToken(std::string_view text) {
  if (text.empty()) return core::Status::InvalidArgument("must not be empty");
  for (char c : text) {
    if (!IsTokenChar(c)) {
      return core::Status::InvalidArgument(
          "expected a product token (letters, digits, -._ etc., no spaces or '/'), got \"" +
          std::string(text) + "\"");
    }
  }
  return core::Status::Ok();
}

// The contact goes into a request header: no control characters (CR/LF would
// inject headers).
core::Status CheckHeaderSafe(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      return core::Status::InvalidArgument("must not contain control characters");
    }
  }
  return core::Status::Ok();
}

core::Status CheckNonEmpty(std::string_view text) {
  return text.empty() ? core::Status::InvalidArgument("must not be empty") : core::Status::Ok();
}

core::Status ParseArchive(const TableReader& reader, ArchiveOptions* out) {
  RETURN_IF_ERROR(reader.CheckKeys({"path"}));
  return reader.ReadString("path", &out->path, CheckNonEmpty);
}

core::Status ParseRevisit(const TableReader& reader, std::vector<RevisitStep>* out) {
  const toml::node* node = reader.Find("revisit");
  if (node == nullptr) return core::Status::Ok();
  std::vector<std::string> texts;
  RETURN_IF_ERROR(reader.ReadStringArray("revisit", &texts));
  const toml::array& array = *node->as_array();
  std::vector<RevisitStep> steps;
  for (size_t i = 0; i < texts.size(); ++i) {
    const std::string key = "revisit[" + std::to_string(i) + "]";
    const toml::node& element = *array.get(i);
    const std::string& text = texts[i];
    const size_t colon = text.find(':');
    std::optional<RevisitStep> step;
    if (colon != std::string::npos) {
      core::Result<milliseconds> age = ParseDuration(std::string_view(text).substr(0, colon));
      core::Result<milliseconds> interval = ParseDuration(std::string_view(text).substr(colon + 1));
      if (age.ok() && interval.ok()) step = RevisitStep{*age, *interval};
    }
    if (!step) {
      return reader.ErrorAt(element, key,
                            "expected \"AGE:INTERVAL\" like \"3h:15m\", got \"" + text + "\"");
    }
    if (step->interval.count() <= 0) {
      return reader.ErrorAt(element, key, "the interval must be more than 0, got \"" + text + "\"");
    }
    if (!steps.empty() && step->age <= steps.back().age) {
      return reader.ErrorAt(
          element, key,
          "ages must increase: \"" + text + "\" comes after \"" + texts[i - 1] + "\"");
    }
    if (steps.empty() && step->age.count() <= 0) {
      return reader.ErrorAt(element, key, "the age must be more than 0, got \"" + text + "\"");
    }
    steps.push_back(*step);
  }
  *out = std::move(steps);
  return core::Status::Ok();
}

core::Status ParseCrawl(const TableReader& reader, CrawlOptions* out) {
  RETURN_IF_ERROR(
      reader.CheckKeys({"user_agent", "contact", "concurrency", "connections_per_host", "min_delay",
                        "delay_factor", "max_delay", "respect_robots", "allow_private_addresses",
                        "max_pages", "max_time", "revisit"}));
  RETURN_IF_ERROR(reader.ReadString("user_agent", &out->user_agent, CheckProductToken));
  RETURN_IF_ERROR(reader.ReadString("contact", &out->contact, CheckHeaderSafe));
  int64_t number = out->concurrency;
  RETURN_IF_ERROR(reader.ReadInt("concurrency", 1, kIntMax, &number));
  out->concurrency = static_cast<int>(number);
  number = out->connections_per_host;
  RETURN_IF_ERROR(reader.ReadInt("connections_per_host", 1, kIntMax, &number));
  out->connections_per_host = static_cast<int>(number);
  RETURN_IF_ERROR(reader.ReadDuration("min_delay", &out->min_delay));
  RETURN_IF_ERROR(reader.ReadNumber("delay_factor", 0.0, &out->delay_factor));
  RETURN_IF_ERROR(reader.ReadDuration("max_delay", &out->max_delay));
  if (out->min_delay > out->max_delay) {
    // Blame whichever of the two the file sets (max_delay when it sets both).
    const std::string_view key = reader.Find("max_delay") != nullptr ? "max_delay" : "min_delay";
    const std::string message = "min_delay (" + FormatDuration(out->min_delay) +
                                ") must not exceed max_delay (" + FormatDuration(out->max_delay) +
                                ")";
    const toml::node* node = reader.Find(key);
    return node != nullptr ? reader.ErrorAt(*node, key, message)
                           : reader.ErrorAtTable(key, message);
  }
  RETURN_IF_ERROR(reader.ReadBool("respect_robots", &out->respect_robots));
  RETURN_IF_ERROR(reader.ReadBool("allow_private_addresses", &out->allow_private_addresses));
  RETURN_IF_ERROR(reader.ReadInt("max_pages", 0, kInt64Max, &out->max_pages));
  RETURN_IF_ERROR(reader.ReadDuration("max_time", &out->max_time));
  return ParseRevisit(reader, &out->revisit);
}

// [site.extract] of one site: `reader` reads the [[site]] table.
core::Status ParseSiteExtract(const TableReader& reader, std::string_view source_name,
                              SiteExtract* out) {
  const toml::node* node = reader.Find("extract");
  if (node == nullptr) return core::Status::Ok();
  const toml::table* table = node->as_table();
  if (table == nullptr) {
    return reader.ErrorAt(*node, "extract",
                          "expected a table [site.extract], got " + DescribeTomlValue(*node));
  }
  const std::string name = reader.Find("name") != nullptr && reader.Find("name")->is_string()
                               ? reader.Find("name")->as_string()->get()
                               : std::string();
  TableReader extract(*table, source_name, "[site.extract] '" + name + "'");
  RETURN_IF_ERROR(extract.CheckKeys({"body", "title", "published", "authors", "drop"}));
  RETURN_IF_ERROR(extract.ReadString("body", &out->body, CheckXPathSyntax));
  RETURN_IF_ERROR(extract.ReadString("title", &out->title, CheckXPathSyntax));
  RETURN_IF_ERROR(extract.ReadString("published", &out->published, CheckXPathSyntax));
  RETURN_IF_ERROR(extract.ReadString("authors", &out->authors, CheckXPathSyntax));
  return extract.ReadStringArray("drop", &out->drop, CheckXPathSyntax);
}

core::Status ParseSite(const TableReader& reader, std::string_view source_name, SiteConfig* out) {
  RETURN_IF_ERROR(reader.CheckKeys({"name", "seeds", "feeds", "sitemaps", "allow", "deny",
                                    "article_pattern", "max_depth", "extract"}));
  if (reader.Find("name") == nullptr) return reader.ErrorAtTable("name", "is required");
  RETURN_IF_ERROR(reader.ReadString("name", &out->name, CheckNonEmpty));
  if (reader.Find("seeds") == nullptr) return reader.ErrorAtTable("seeds", "is required");
  RETURN_IF_ERROR(reader.ReadStringArray("seeds", &out->seeds, CheckHttpUrl));
  if (out->seeds.empty()) {
    return reader.ErrorAt(*reader.Find("seeds"), "seeds", "at least one seed URL is required");
  }
  RETURN_IF_ERROR(reader.ReadStringArray("feeds", &out->feeds, CheckHttpUrl));
  RETURN_IF_ERROR(reader.ReadStringArray("sitemaps", &out->sitemaps, CheckHttpUrl));
  RETURN_IF_ERROR(reader.ReadStringArray("allow", &out->allow, CheckRegex));
  if (out->allow.empty()) out->allow = DefaultAllowPatterns(out->seeds);
  RETURN_IF_ERROR(reader.ReadStringArray("deny", &out->deny, CheckRegex));
  RETURN_IF_ERROR(reader.ReadString("article_pattern", &out->article_pattern, CheckRegex));
  int64_t depth = out->max_depth;
  RETURN_IF_ERROR(reader.ReadInt("max_depth", 0, kIntMax, &depth));
  out->max_depth = static_cast<int>(depth);
  return ParseSiteExtract(reader, source_name, &out->extract);
}

core::Status ParseSites(const TableReader& root, std::string_view source_name,
                        std::vector<SiteConfig>* out) {
  const toml::node* node = root.Find("site");
  if (node == nullptr) return core::Status::Ok();
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    return root.ErrorAt(*node, "site", "expected [[site]] tables, got " + DescribeTomlValue(*node));
  }
  std::map<std::string, int64_t, std::less<>> first_line_by_name;
  for (size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    const toml::table* table = element.as_table();
    if (table == nullptr) {
      return root.ErrorAt(element, "site[" + std::to_string(i) + "]",
                          "expected a [[site]] table, got " + DescribeTomlValue(element));
    }
    // Messages name the site once we know its name; before that, its position.
    std::string section = "[[site]] #" + std::to_string(i + 1);
    if (const toml::node* name = table->get("name"); name != nullptr && name->is_string()) {
      section = "[[site]] '" + name->as_string()->get() + "'";
    }
    TableReader reader(*table, source_name, section);
    SiteConfig site;
    RETURN_IF_ERROR(ParseSite(reader, source_name, &site));
    const int64_t line = reader.Line("name");
    auto [it, inserted] = first_line_by_name.emplace(site.name, line);
    if (!inserted) {
      return reader.ErrorAt(*table->get("name"), "name",
                            "duplicate site name '" + site.name + "' (first at line " +
                                std::to_string(it->second) + ")");
    }
    out->push_back(std::move(site));
  }
  return core::Status::Ok();
}

core::Result<CrawlConfig> ParseDocument(const toml::table& document, std::string_view source_name) {
  TableReader root(document, source_name, "");
  RETURN_IF_ERROR(root.CheckKeys({"archive", "crawl", "site"}));
  CrawlConfig config;
  for (std::string_view section : {"archive", "crawl"}) {
    const toml::node* node = root.Find(section);
    if (node == nullptr) continue;
    const toml::table* table = node->as_table();
    const std::string title = "[" + std::string(section) + "]";
    if (table == nullptr) {
      return root.ErrorAt(*node, section,
                          "expected a table " + title + ", got " + DescribeTomlValue(*node));
    }
    TableReader reader(*table, source_name, title);
    RETURN_IF_ERROR(section == "archive" ? ParseArchive(reader, &config.archive)
                                         : ParseCrawl(reader, &config.crawl));
  }
  RETURN_IF_ERROR(ParseSites(root, source_name, &config.sites));
  return config;
}

core::Status SyntaxError(std::string_view source_name, const toml::parse_error& error) {
  return core::Status::InvalidArgument(std::string(source_name) + ":" +
                                       std::to_string(error.source().begin.line) +
                                       ": TOML syntax error: " + std::string(error.description()));
}

}  // namespace

std::vector<RevisitStep> DefaultRevisitSchedule() {
  using std::chrono::hours;
  using std::chrono::minutes;
  return {
      {hours(3), minutes(15)},
      {hours(24), hours(1)},
      {hours(24 * 7), hours(3)},
      {hours(24 * 30), hours(24 * 3)},
  };
}

std::vector<std::string> DefaultAllowPatterns(const std::vector<std::string>& seeds) {
  return core::OriginAllowPatterns(seeds);
}

core::Result<CrawlConfig> ParseCrawlConfig(std::string_view text, std::string_view source_name) {
  // toml++ reports syntax errors by exception or by result, depending on how
  // it was built; either way they become a Status here and go no further.
#if TOML_EXCEPTIONS
  try {
    toml::table document = toml::parse(text, source_name);
    return ParseDocument(document, source_name);
  } catch (const toml::parse_error& error) {
    return SyntaxError(source_name, error);
  }
#else
  toml::parse_result result = toml::parse(text, source_name);
  if (!result) return SyntaxError(source_name, result.error());
  return ParseDocument(result.table(), source_name);
#endif
}

core::Result<CrawlConfig> LoadCrawlConfig(const std::string& path) {
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) {
    return core::Status::NotFound(path + ": no such config file");
  }
  if (std::filesystem::is_directory(status)) {
    return core::Status::InvalidArgument(path + ": is a directory, not a config file");
  }
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxConfigBytes) {
    return core::Status::InvalidArgument(path + ": too large for a config file (" +
                                         std::to_string(size) + " bytes)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Status::IoError(path + ": cannot open config file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return core::Status::IoError(path + ": read failed");
  return ParseCrawlConfig(text.str(), path);
}

}  // namespace newsvault::config
