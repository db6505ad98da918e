#include "config/toml_table_reader.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>

#include "config/duration.h"

namespace newsvault::config {
namespace {

constexpr size_t kMaxShownValue = 60;  // longer strings are cut in messages

// Levenshtein distance, for did-you-mean on unknown keys (keys are short).
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

int64_t LineOf(const toml::source_region& region) {
  return static_cast<int64_t>(region.begin.line);
}

}  // namespace

std::string DescribeTomlValue(const toml::node& node) {
  if (const auto* s = node.as_string()) {
    std::string text = s->get();
    if (text.size() > kMaxShownValue) text = text.substr(0, kMaxShownValue) + "...";
    return "\"" + text + "\"";
  }
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  if (const auto* f = node.as_floating_point()) {
    std::ostringstream out;
    out << f->get();
    return out.str();
  }
  if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
  if (node.is_array()) return "an array";
  if (node.is_table()) return "a table";
  return "a date or time";
}

TableReader::TableReader(const toml::table& table, std::string_view source_name,
                         std::string section)
    : table_(table), source_name_(source_name), section_(std::move(section)) {}

core::Status TableReader::CheckKeys(std::initializer_list<std::string_view> known) const {
  // toml++ keeps keys sorted by name; report the unknown key that comes first
  // in the file, which is where a reader fixing errors top-down looks.
  const toml::key* first = nullptr;
  int64_t first_line = 0;
  for (const auto& [key, value] : table_) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    int64_t line = LineOf(key.source());
    if (line <= 0) line = LineOf(value.source());
    if (first == nullptr || line < first_line) {
      first = &key;
      first_line = line;
    }
  }
  if (first == nullptr) return core::Status::Ok();
  const std::string_view name = first->str();
  std::string message = "unknown key '" + std::string(name) + "'";
  if (!section_.empty()) message += " in " + section_;
  // Suggest the closest known key when it is plausibly a typo.
  std::string_view best;
  size_t best_distance = 3;
  for (std::string_view candidate : known) {
    const size_t distance = EditDistance(name, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  if (!best.empty()) message += " (did you mean '" + std::string(best) + "'?)";
  return core::Status::InvalidArgument(source_name_ + ":" + std::to_string(first_line) + ": " +
                                       message);
}

const toml::node* TableReader::Find(std::string_view key) const { return table_.get(key); }

int64_t TableReader::Line(std::string_view key) const {
  const toml::node* node = Find(key);
  return LineOf(node != nullptr ? node->source() : table_.source());
}

core::Status TableReader::ReadString(std::string_view key, std::string* out,
                                     const StringCheck& check) const {
  const toml::node* node = Find(key);
  if (node == nullptr) return core::Status::Ok();
  const auto* value = node->as_string();
  if (value == nullptr) {
    return ErrorAt(*node, key, "expected a string, got " + DescribeTomlValue(*node));
  }
  if (check) {
    core::Status status = check(value->get());
    if (!status.ok()) return ErrorAt(*node, key, status.message());
  }
  *out = value->get();
  return core::Status::Ok();
}

core::Status TableReader::ReadBool(std::string_view key, bool* out) const {
  const toml::node* node = Find(key);
  if (node == nullptr) return core::Status::Ok();
  const auto* value = node->as_boolean();
  if (value == nullptr) {
    return ErrorAt(*node, key, "expected true or false, got " + DescribeTomlValue(*node));
  }
  *out = value->get();
  return core::Status::Ok();
}

core::Status TableReader::ReadInt(std::string_view key, int64_t min, int64_t max,
                                  int64_t* out) const {
  const toml::node* node = Find(key);
  if (node == nullptr) return core::Status::Ok();
  const auto* value = node->as_integer();
  if (value == nullptr) {
    return ErrorAt(*node, key, "expected a whole number, got " + DescribeTomlValue(*node));
  }
  const int64_t number = value->get();
  if (number < min || number > max) {
    return ErrorAt(*node, key,
                   "expected a number from " + std::to_string(min) + " to " + std::to_string(max) +
                       ", got " + std::to_string(number));
  }
  *out = number;
  return core::Status::Ok();
}

core::Status TableReader::ReadNumber(std::string_view key, double min, double* out) const {
  const toml::node* node = Find(key);
  if (node == nullptr) return core::Status::Ok();
  double number = 0;
  if (const auto* f = node->as_floating_point()) {
    number = f->get();
  } else if (const auto* i = node->as_integer()) {
    number = static_cast<double>(i->get());
  } else {
    return ErrorAt(*node, key, "expected a number, got " + DescribeTomlValue(*node));
  }
  // !(number >= min) also rejects NaN, which TOML allows as `nan`.
  if (!(number >= min) || std::isinf(number)) {
    std::ostringstream message;
    message << "expected a finite number >= " << min << ", got " << DescribeTomlValue(*node);
    return ErrorAt(*node, key, message.str());
  }
  *out = number;
  return core::Status::Ok();
}

core::Status TableReader::ReadDuration(std::string_view key, std::chrono::milliseconds* out) const {
  const toml::node* node = Find(key);
  if (node == nullptr) return core::Status::Ok();
  const auto* value = node->as_string();
  if (value != nullptr) {
    core::Result<std::chrono::milliseconds> parsed = ParseDuration(value->get());
    if (parsed.ok()) {
      *out = *parsed;
      return core::Status::Ok();
    }
  }
  return ErrorAt(*node, key, "expected a duration like \"1s\", got " + DescribeTomlValue(*node));
}

core::Status TableReader::ReadStringArray(std::string_view key, std::vector<std::string>* out,
                                          const StringCheck& check) const {
  const toml::node* node = Find(key);
  if (node == nullptr) return core::Status::Ok();
  const auto* array = node->as_array();
  if (array == nullptr) {
    return ErrorAt(*node, key, "expected an array of strings, got " + DescribeTomlValue(*node));
  }
  std::vector<std::string> values;
  for (size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    const std::string element_key = std::string(key) + "[" + std::to_string(i) + "]";
    const auto* value = element.as_string();
    if (value == nullptr) {
      return ErrorAt(element, element_key, "expected a string, got " + DescribeTomlValue(element));
    }
    if (check) {
      core::Status status = check(value->get());
      if (!status.ok()) return ErrorAt(element, element_key, status.message());
    }
    values.push_back(value->get());
  }
  *out = std::move(values);
  return core::Status::Ok();
}

core::Status TableReader::ErrorAt(const toml::node& node, std::string_view key,
                                  std::string_view message) const {
  int64_t line = LineOf(node.source());
  if (line <= 0) line = LineOf(table_.source());
  return ErrorAtLine(line, key, message);
}

core::Status TableReader::ErrorAtTable(std::string_view key, std::string_view message) const {
  return ErrorAtLine(LineOf(table_.source()), key, message);
}

core::Status TableReader::ErrorAtLine(int64_t line, std::string_view key,
                                      std::string_view message) const {
  std::string text = source_name_ + ":" + std::to_string(line) + ": ";
  if (!section_.empty()) text += section_ + " ";
  text += std::string(key) + ": " + std::string(message);
  return core::Status::InvalidArgument(std::move(text));
}

}  // namespace newsvault::config
