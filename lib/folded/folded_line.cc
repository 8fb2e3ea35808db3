// folded_line.cc: the folded-line regex of the FlameGraph scripts without a regex engine: scan back over the
// count, check the separator before it, then parse the count (folded/count_format.h); the dialects differ
// only in the separator set and in what surrounds that step. The cases decided without a call are in the
// header.
#include "folded/folded_line.h"

#include <cstdint>

#include "folded/count_format.h"

namespace flamekit::folded {
namespace {

enum class Separators { kSpace, kByteSpace, kUnicodeSpace };

// The length of a multi-byte Perl \s ending exactly at `end` (exclusive) of s, whose last byte is >= 0x80,
// or 0.
[[gnu::noinline]] size_t unicode_space_before(std::string_view s, size_t end) {
  const unsigned char c = static_cast<unsigned char>(s[end - 1]);
  if (end < 2) return 0;
  auto b = [&](size_t back) { return static_cast<unsigned char>(s[end - back]); };
  if (b(2) == 0xC2 && (c == 0x85 || c == 0xA0)) return 2;  // NEL, NBSP
  if (end < 3) return 0;
  if (b(3) == 0xE1 && b(2) == 0x9A && c == 0x80) return 3;  // U+1680
  if (b(3) == 0xE2 && b(2) == 0x80 && (c <= 0x8A || c == 0xA8 || c == 0xA9 || c == 0xAF)) return 3;
  if (b(3) == 0xE2 && b(2) == 0x81 && c == 0x9F) return 3;  // U+205F
  if (b(3) == 0xE3 && b(2) == 0x80 && c == 0x80) return 3;  // U+3000
  return 0;
}

// The length in bytes of a separator ending exactly at `end` (exclusive) of s, or 0.
size_t separator_before(std::string_view s, size_t end, Separators seps) {
  if (end == 0) return 0;
  const unsigned char c = static_cast<unsigned char>(s[end - 1]);
  if (c == ' ') return 1;
  if (seps == Separators::kSpace) return 0;
  if (c >= '\t' && c <= '\r') return 1;
  if (seps == Separators::kByteSpace || c < 0x80) return 0;
  return unicode_space_before(s, end);
}

// Splits `text` = "<prefix><separator><count>" at its end: the one step of every dialect. False if `text`
// does not end that way. An integer count of up to 19 digits is read in the same backward pass; others go
// through parse_count (same value: both round the exact number once).
[[gnu::always_inline]] inline bool split_count(std::string_view text, Separators seps, std::string_view* prefix,
                                              std::string_view* count, Count* value) {
  size_t start = text.size();
  uint64_t v = 0, scale = 1;
  bool integer = true;
  for (; start > 0; --start) {
    const unsigned digit = static_cast<unsigned char>(text[start - 1]) - unsigned{'0'};
    if (digit <= 9) {
      if (text.size() - start < 19) {
        v += digit * scale;
        scale *= 10;
      } else {
        integer = false;
      }
    } else if (text[start - 1] == '.') {
      integer = false;
    } else {
      break;
    }
  }
  if (start == text.size()) return false;  // most stacks end in a name: decided at once
  const size_t sep = separator_before(text, start, seps);
  if (sep == 0) return false;
  std::string_view num = text.substr(start);
  if (integer) {
    *value = static_cast<Count>(v);
  } else if (!parse_count(num, value)) {  // \d+(?:\.\d*)?
    return false;
  }
  *prefix = text.substr(0, start - sep);
  *count = num;
  return true;
}

}  // namespace

namespace internal {

// A line of one or, when its stack also ends in a count, two counts (flamegraph.pl, flame-demangle).
LineKind parse_one_or_two(Dialect dialect, std::string_view line, FoldedLine* out) {
  const Separators seps = dialect == Dialect::kFlamegraph ? Separators::kUnicodeSpace : Separators::kSpace;
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

// `line` is not empty, has no trailing '\r', and is not "stack <integer>" with one space.
LineKind parse_difffolded(std::string_view line, FoldedLine* out) {
  if (!split_count(line, Separators::kByteSpace, &out->stack, &out->count1, &out->count)) return LineKind::kOther;
  out->count2 = {};
  out->delta = 0;
  out->differential = false;
  return LineKind::kStack;
}

}  // namespace internal

size_t trimmed_stack_length(std::string_view stack) {
  size_t n = stack.size();
  while (n > 0 && stack[n - 1] == ';') --n;
  return n;
}

}  // namespace flamekit::folded
