// folded_line.cc: flamegraph.pl's line grammar without a regex engine: scan back over the count, then
// check the whitespace character before it.
#include "svg/folded_line.h"

#include <charconv>
#include <cstdlib>
#include <string>

namespace flamekit::svg {
namespace {

bool is_count_char(char c) { return (c >= '0' && c <= '9') || c == '.'; }

// If a Perl \s character ends exactly at `end` (exclusive) in s, returns its length in bytes, else 0.
size_t whitespace_before(std::string_view s, size_t end) {
  if (end == 0) return 0;
  unsigned char c = static_cast<unsigned char>(s[end - 1]);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  if (c < 0x80 || end < 2) return 0;
  auto b = [&](size_t back) { return static_cast<unsigned char>(s[end - back]); };
  if (b(2) == 0xC2 && (c == 0x85 || c == 0xA0)) return 2;  // NEL, NBSP
  if (end < 3) return 0;
  if (b(3) == 0xE1 && b(2) == 0x9A && c == 0x80) return 3;  // U+1680
  if (b(3) == 0xE2 && b(2) == 0x80 && (c <= 0x8A || c == 0xA8 || c == 0xA9 || c == 0xAF)) return 3;
  if (b(3) == 0xE2 && b(2) == 0x81 && c == 0x9F) return 3;  // U+205F
  if (b(3) == 0xE3 && b(2) == 0x80 && c == 0x80) return 3;  // U+3000
  return 0;
}

// Splits `text` = "<prefix><ws><count>" at its end; false if it does not have that shape.
bool split_count(std::string_view text, std::string_view* prefix, std::string_view* count) {
  size_t start = text.size();
  while (start > 0 && is_count_char(text[start - 1])) --start;
  std::string_view num = text.substr(start);
  // \d+(?:\.\d*)? : digits first, at most one dot.
  if (num.empty() || num[0] == '.') return false;
  size_t dot = num.find('.');
  if (dot != std::string_view::npos && num.find('.', dot + 1) != std::string_view::npos) return false;
  size_t ws = whitespace_before(text, start);
  if (ws == 0) return false;
  *prefix = text.substr(0, start - ws);
  *count = num;
  return true;
}

double to_double(std::string_view num) {
  double v = 0;
  auto res = std::from_chars(num.data(), num.data() + num.size(), v);
  if (res.ec != std::errc()) {  // e.g. beyond double range: what Perl's numification gives
    std::string copy(num);
    v = std::strtod(copy.c_str(), nullptr);
  }
  return v;
}

}  // namespace

bool parse_folded_line(std::string_view line, FoldedLine* out) {
  std::string_view stack, count;
  if (!split_count(line, &stack, &count)) return false;
  std::string_view inner_stack, inner_count;
  if (split_count(stack, &inner_stack, &inner_count)) {
    out->stack = inner_stack;
    out->count1 = inner_count;
    out->count2 = count;
    double c1 = to_double(inner_count);
    out->count = to_double(count);
    out->delta = out->count - c1;
    out->differential = true;
  } else {
    out->stack = stack;
    out->count1 = count;
    out->count2 = {};
    out->count = to_double(count);
    out->delta = 0;
    out->differential = false;
  }
  return true;
}

size_t trimmed_stack_length(std::string_view stack) {
  size_t n = stack.size();
  while (n > 0 && stack[n - 1] == ';') --n;
  return n;
}

}  // namespace flamekit::svg
