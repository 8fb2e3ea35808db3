// folded_line.cc: the folded-line regex of the FlameGraph scripts without a regex engine: scan back over the
// count, check the separator before it, then parse the count (folded/count_format.h); the dialects differ
// only in the separator set and in what surrounds that step.
#include "folded/folded_line.h"

#include <cstdint>

#include "folded/count_format.h"

namespace flamekit::folded {
namespace {

enum class Separators { kSpace, kByteSpace, kUnicodeSpace };

bool is_count_char(char c) { return (c >= '0' && c <= '9') || c == '.'; }

// The length in bytes of a separator ending exactly at `end` (exclusive) of s, or 0.
size_t separator_before(std::string_view s, size_t end, Separators seps) {
  if (end == 0) return 0;
  const unsigned char c = static_cast<unsigned char>(s[end - 1]);
  if (c == ' ') return 1;
  if (seps == Separators::kSpace) return 0;
  if (c >= '\t' && c <= '\r') return 1;
  if (seps == Separators::kByteSpace || c < 0x80 || end < 2) return 0;
  auto b = [&](size_t back) { return static_cast<unsigned char>(s[end - back]); };
  if (b(2) == 0xC2 && (c == 0x85 || c == 0xA0)) return 2;  // NEL, NBSP
  if (end < 3) return 0;
  if (b(3) == 0xE1 && b(2) == 0x9A && c == 0x80) return 3;  // U+1680
  if (b(3) == 0xE2 && b(2) == 0x80 && (c <= 0x8A || c == 0xA8 || c == 0xA9 || c == 0xAF)) return 3;
  if (b(3) == 0xE2 && b(2) == 0x81 && c == 0x9F) return 3;  // U+205F
  if (b(3) == 0xE3 && b(2) == 0x80 && c == 0x80) return 3;  // U+3000
  return 0;
}

// Splits `text` = "<prefix><separator><count>" at its end: the one step of every dialect. False if `text`
// does not end that way.
bool split_count(std::string_view text, Separators seps, std::string_view* prefix, std::string_view* count,
                 Count* value) {
  size_t start = text.size();
  while (start > 0 && is_count_char(text[start - 1])) --start;
  const size_t sep = separator_before(text, start, seps);
  if (sep == 0) return false;
  std::string_view num = text.substr(start);
  if (!parse_count(num, value)) return false;  // \d+(?:\.\d*)?
  *prefix = text.substr(0, start - sep);
  *count = num;
  return true;
}

// A line of one or, when its stack also ends in a count, two counts (flamegraph.pl, flame-demangle).
LineKind parse_one_or_two(std::string_view line, Separators seps, FoldedLine* out) {
  std::string_view stack, count, inner_stack, inner_count;
  Count value, inner_value;
  if (!split_count(line, seps, &stack, &count, &value)) return LineKind::kOther;
  out->count = value;
  if (split_count(stack, seps, &inner_stack, &inner_count, &inner_value)) {
    out->stack = inner_stack;
    out->count1 = inner_count;
    out->count2 = count;
    out->delta = value - inner_value;
    out->differential = true;
  } else {
    out->stack = stack;
    out->count1 = count;
    out->count2 = {};
    out->delta = 0;
    out->differential = false;
  }
  return LineKind::kStack;
}

// The common difffolded line "stack 123": an integer of at most 19 digits after one space, read in the same
// backward pass that finds it (flame-diff's profiles are mostly such lines). False if the line is not
// that; the general rule then decides.
bool split_integer_line(std::string_view line, std::string_view* stack, std::string_view* count, Count* value) {
  size_t i = line.size();
  uint64_t v = 0, scale = 1;
  while (i > 0 && line.size() - i < 19) {
    unsigned digit = static_cast<unsigned char>(line[i - 1]) - unsigned{'0'};
    if (digit > 9) break;
    v += digit * scale;
    scale *= 10;
    --i;
  }
  if (i == line.size() || i == 0 || line[i - 1] != ' ') return false;
  *stack = line.substr(0, i - 1);
  *count = line.substr(i);
  *value = static_cast<Count>(v);
  return true;
}

LineKind parse_difffolded(std::string_view line, FoldedLine* out) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  out->text = line;
  if (line.empty()) return LineKind::kBlank;
  if (!split_integer_line(line, &out->stack, &out->count1, &out->count) &&
      !split_count(line, Separators::kByteSpace, &out->stack, &out->count1, &out->count)) {
    return LineKind::kOther;
  }
  out->count2 = {};
  out->delta = 0;
  out->differential = false;
  return LineKind::kStack;
}

}  // namespace

LineKind parse_folded_line(Dialect dialect, std::string_view line, FoldedLine* out) {
  switch (dialect) {
    case Dialect::kDifffolded:
      return parse_difffolded(line, out);
    case Dialect::kFlamegraph:
      out->text = line;
      return parse_one_or_two(line, Separators::kUnicodeSpace, out);
    case Dialect::kCxxfilt:
      out->text = line;
      return parse_one_or_two(line, Separators::kSpace, out);
  }
  return LineKind::kOther;
}

size_t trimmed_stack_length(std::string_view stack) {
  size_t n = stack.size();
  while (n > 0 && stack[n - 1] == ';') --n;
  return n;
}

}  // namespace flamekit::folded
