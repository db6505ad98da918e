// TableReader: typed, checked reads of one TOML table, with errors that name
// the file, line, section and key.
//
// Internal to config/ (the toml++ adapter): nothing outside this room sees
// toml++ types. The schema lives in crawl_config.cpp; this file knows how to
// turn a toml++ node into a value or into a message like
//   sites.toml:12: [crawl] min_delay: expected a duration like "1s", got "fast"
// Reads of absent keys succeed and leave the output untouched, so callers
// preload defaults.
//
// Thread safety: a reader refers to a table it does not own; use both from one
// thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/status.h"

namespace newsvault::config {

// A string check: OK, or InvalidArgument whose message is the reason.
using StringCheck = std::function<core::Status(std::string_view)>;

// "\"fast\"", "5", "true", "an array", ...: how an error shows a wrong value.
std::string DescribeTomlValue(const toml::node& node);

class TableReader {
 public:
  // `section` prefixes keys in messages: "[crawl]", "[[site]] 'example'", or
  // "" for the document's top level.
  TableReader(const toml::table& table, std::string_view source_name, std::string section);

  // Fails on the first key not in `known`, with a did-you-mean when a known
  // key is close: "unknown key 'concurency' in [crawl] (did you mean 'concurrency'?)".
  core::Status CheckKeys(std::initializer_list<std::string_view> known) const;

  // The value of `key`, or nullptr when absent.
  const toml::node* Find(std::string_view key) const;
  // The line of `key`'s value, or of the table itself when `key` is absent.
  int64_t Line(std::string_view key) const;

  core::Status ReadString(std::string_view key, std::string* out,
                          const StringCheck& check = nullptr) const;
  core::Status ReadBool(std::string_view key, bool* out) const;
  // An integer in [min, max].
  core::Status ReadInt(std::string_view key, int64_t min, int64_t max, int64_t* out) const;
  // A number (integer or float), finite and >= min.
  core::Status ReadNumber(std::string_view key, double min, double* out) const;
  core::Status ReadDuration(std::string_view key, std::chrono::milliseconds* out) const;
  // An array of strings, each passing `check` when given; errors name the
  // element ("allow[1]") and its line.
  core::Status ReadStringArray(std::string_view key, std::vector<std::string>* out,
                               const StringCheck& check = nullptr) const;

  // "<source>:<line>: <section> <key>: <message>" at `node`'s line.
  core::Status ErrorAt(const toml::node& node, std::string_view key,
                       std::string_view message) const;
  // The same at the table's own line (for a required key that is missing).
  core::Status ErrorAtTable(std::string_view key, std::string_view message) const;

 private:
  core::Status ErrorAtLine(int64_t line, std::string_view key, std::string_view message) const;

  const toml::table& table_;
  std::string source_name_;
  std::string section_;
};

}  // namespace newsvault::config
