// command_template.cc: a str.format reader limited to named fields.
#include "capture/command_template.h"

#include <algorithm>

#include "core/error.h"

namespace flamekit::capture {
namespace {

[[noreturn]] void fail(size_t offset, const std::string& message) {
  throw Error::usage("command template: column " + std::to_string(offset + 1) + ": " + message);
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

bool is_identifier(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Checks the text between `{` (at `offset`) and `}` and returns the name it holds.
std::string field_name(std::string_view field, size_t offset, const std::vector<std::string>& known) {
  std::string shown = "{" + std::string(field) + "}";
  if (field.empty()) fail(offset, "positional field {} (name a placeholder: " + join(known) + ")");
  size_t special = field.find_first_of("!:.[");
  if (special != std::string_view::npos) {
    const char* what = field[special] == '!' ? "conversions" : field[special] == ':' ? "format specs" : "attributes and indexes";
    fail(offset + 1 + special, shown + ": " + what + " are not supported; write the field as {name}");
  }
  if (!is_identifier(field)) fail(offset, "unknown placeholder " + shown + " (known: " + join(known) + ")");
  if (std::find(known.begin(), known.end(), field) == known.end()) {
    fail(offset, "unknown placeholder " + shown + " (known: " + join(known) + "; write {{ and }} for literal braces)");
  }
  return std::string(field);
}

}  // namespace

bool CommandTemplate::uses(std::string_view name) const {
  return std::any_of(pieces_.begin(), pieces_.end(), [&](const Piece& p) { return p.is_field && p.text == name; });
}

std::string CommandTemplate::expand(const std::map<std::string, std::string, std::less<>>& values) const {
  std::string out;
  for (const auto& p : pieces_) {
    if (!p.is_field) {
      out += p.text;
      continue;
    }
    auto it = values.find(p.text);
    if (it == values.end()) throw Error::usage("command template: no value for {" + p.text + "}");
    out += it->second;
  }
  return out;
}

CommandTemplate parse_template(std::string_view text, const std::vector<std::string>& known) {
  CommandTemplate t;
  std::string literal;
  auto flush = [&] {
    if (!literal.empty()) t.pieces_.push_back({false, std::move(literal)});
    literal.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '}') {
      if (i + 1 < text.size() && text[i + 1] == '}') {
        literal += '}';
        ++i;
        continue;
      }
      fail(i, "single '}' (write }} for a literal brace)");
    }
    if (c != '{') {
      literal += c;
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '{') {
      literal += '{';
      ++i;
      continue;
    }
    size_t end = text.find_first_of("{}", i + 1);
    if (end == std::string_view::npos || text[end] == '{') {
      fail(i, "single '{' without its '}' (write {{ for a literal brace)");
    }
    std::string name = field_name(text.substr(i + 1, end - i - 1), i, known);
    flush();
    t.pieces_.push_back({true, std::move(name)});
    i = end;
  }
  flush();
  return t;
}

}  // namespace flamekit::capture
