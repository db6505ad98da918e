#include "parser/html_tag_scanner.h"

#include "parser/text_util.h"

namespace newsvault::parser {
namespace {

enum class State {
  kBeforeAttributeName,
  kAttributeName,
  kAfterAttributeName,
  kBeforeAttributeValue,
  kAfterAttributeValueQuoted,
  kUnquotedValue,
  kSelfClosing,
};

}  // namespace

ScannedTag ScanTag(std::string_view html, size_t after_name, size_t attribute_limit) {
  ScannedTag tag;
  size_t attributes = 0;
  size_t name_begin = 0;
  std::string_view current_name;
  // Starts an attribute at `pos` (§13.2.5.32 "start a new attribute").
  auto begin_attribute = [&](size_t pos) {
    if (attributes == attribute_limit && tag.excess_attributes_begin == std::string_view::npos) {
      tag.excess_attributes_begin = pos;
    }
    ++attributes;
    name_begin = pos;
  };
  // Records a value for the attribute named `current_name`.
  auto take_value = [&](std::string_view value) {
    if (!tag.has_type && EqualsIgnoreCase(current_name, "type")) {
      tag.type = value;
      tag.has_type = true;
    }
  };

  State state = State::kBeforeAttributeName;
  size_t pos = after_name;
  while (pos < html.size()) {
    const char c = html[pos];
    switch (state) {
      case State::kBeforeAttributeName:
        if (IsHtmlSpace(c)) {
          ++pos;
        } else if (c == '/' || c == '>') {
          state = State::kAfterAttributeName;
        } else {
          // '=' here starts an attribute whose name begins with '=' (§13.2.5.32).
          begin_attribute(pos);
          ++pos;
          state = State::kAttributeName;
        }
        break;
      case State::kAttributeName:
        if (IsHtmlSpace(c) || c == '/' || c == '>') {
          current_name = html.substr(name_begin, pos - name_begin);
          state = State::kAfterAttributeName;
        } else if (c == '=') {
          current_name = html.substr(name_begin, pos - name_begin);
          ++pos;
          state = State::kBeforeAttributeValue;
        } else {
          ++pos;
        }
        break;
      case State::kAfterAttributeName:
        if (IsHtmlSpace(c)) {
          ++pos;
        } else if (c == '/') {
          ++pos;
          state = State::kSelfClosing;
        } else if (c == '=') {
          ++pos;
          state = State::kBeforeAttributeValue;
        } else if (c == '>') {
          tag.end = pos + 1;
          tag.closed = true;
          return tag;
        } else {
          begin_attribute(pos);
          ++pos;
          state = State::kAttributeName;
        }
        break;
      case State::kBeforeAttributeValue:
        if (IsHtmlSpace(c)) {
          ++pos;
        } else if (c == '"' || c == '\'') {
          const size_t close = html.find(c, pos + 1);
          if (close == std::string_view::npos) {
            tag.end = html.size();
            return tag;
          }
          take_value(html.substr(pos + 1, close - pos - 1));
          pos = close + 1;
          state = State::kAfterAttributeValueQuoted;
        } else if (c == '>') {  // missing value: the tag ends here
          take_value({});
          tag.end = pos + 1;
          tag.closed = true;
          return tag;
        } else {
          name_begin = pos;  // reused as the value's start
          state = State::kUnquotedValue;
        }
        break;
      case State::kUnquotedValue:
        if (IsHtmlSpace(c) || c == '>') {
          take_value(html.substr(name_begin, pos - name_begin));
          if (c == '>') {
            tag.end = pos + 1;
            tag.closed = true;
            return tag;
          }
          ++pos;
          state = State::kBeforeAttributeName;
        } else {
          ++pos;
        }
        break;
      case State::kAfterAttributeValueQuoted:
        if (IsHtmlSpace(c)) {
          ++pos;
          state = State::kBeforeAttributeName;
        } else if (c == '/') {
          ++pos;
          state = State::kSelfClosing;
        } else if (c == '>') {
          tag.end = pos + 1;
          tag.closed = true;
          return tag;
        } else {
          state = State::kBeforeAttributeName;  // missing whitespace: reconsume
        }
        break;
      case State::kSelfClosing:
        if (c == '>') {
          tag.end = pos + 1;
          tag.closed = true;
          tag.self_closing = true;
          return tag;
        }
        state = State::kBeforeAttributeName;  // reconsume
        break;
    }
  }
  tag.end = html.size();
  return tag;
}

}  // namespace newsvault::parser
