// folded_line.h: the grammar of one line of folded stacks ("frame;frame;frame count"), in the three dialects
// flamekit reads, each named after the tool whose reading it matches byte for byte. This is the only
// definition of what a folded line is; readers (folded_reader.h, flame-diff's mapped scanners) cut lines
// and call parse_folded_line().
//
// All three find the count as the FlameGraph scripts' regex /^(.*)\s+?(\d+(?:\.\d*)?)$/ does: the greedy
// (.*) leaves the count to be the text after the LAST separator, and it must be ASCII digits with an
// optional fraction ("12", "3.5", "7."; no sign, no exponent, no leading dot); the stack is everything
// before that one separator, so other trailing separators stay in it ("a  5" is stack "a ", count 5). The
// dialects differ in what a separator is, in whether a second count may come before the last, and in what
// a line that does not match becomes:
//
//   kFlamegraph  flamegraph.pl, which decodes its input as UTF-8: a separator is Perl's Unicode \s (space,
//                \t \n \v \f \r, and U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F,
//                U+205F, U+3000). If the stack itself ends in separator + count, the line is differential:
//                "stack c1 c2", whose width is c2 and whose delta is c2 - c1. A line that does not match
//                (no count, a CR before the newline, an empty line) is kOther: flamegraph.pl ignores it and
//                counts it. (Perl's \d would also take non-ASCII digits; these are rare enough to ignore.)
//   kDifffolded  difffolded.pl, which reads bytes: a separator is \s on bytes (space, \t \n \v \f \r), and
//                there is one count ("a 1 2" is stack "a 1", count 2). flame-diff reads CRLF files and
//                skips empty lines, where difffolded.pl would file both under an empty stack: a trailing
//                '\r' is dropped first, and an empty line is kBlank. Anything else is kOther.
//   kCxxfilt     flame-demangle, c++filt -n on any text that keeps a folded line's counts byte for byte: a
//                separator is a space only, and there may be two counts ("a;b 1 2", as flame-diff writes
//                them). Any other line is kOther: not folded, text to demangle as a whole.
//
//   FoldedLine l;
//   parse_folded_line(Dialect::kFlamegraph, "main;work 3 5", &l);  // kStack: stack "main;work", count 5,
//                                                                  // delta 2, differential
//   parse_folded_line(Dialect::kDifffolded, "main;work 3 5\r", &l); // kStack: stack "main;work 3", count 5
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "model/stack_set.h"

namespace flamekit::folded {

using model::Count;

enum class Dialect { kFlamegraph, kDifffolded, kCxxfilt };

enum class LineKind {
  kStack,  // a folded line: the fields of FoldedLine are set
  kBlank,  // kDifffolded only: an empty line (after a '\r' is dropped), skipped
  kOther,  // not a folded line in this dialect (see the top of this file)
};

// One parsed line. The views point into the line given to parse_folded_line().
struct FoldedLine {
  std::string_view text;     // the line as parsed (kDifffolded: without its trailing '\r')
  std::string_view stack;    // before the separator that precedes the count(s)
  std::string_view count1;   // the first count as written (the only one when not differential)
  std::string_view count2;   // the second count as written, or empty
  Count count = 0;           // the width: count2 if differential, else count1
  Count delta = 0;           // count2 - count1 when differential
  bool differential = false;
};

// Parses `line` (without its '\n') in `dialect`. For kStack, *out is set; else only out->text is. Inline:
// the two common cases, a text line with no count (flame-demangle's perf script input) and the integer
// line "stack 123" of flame-diff, are decided here without a call.
inline LineKind parse_folded_line(Dialect dialect, std::string_view line, FoldedLine* out);

// The length of `stack` once trailing empty frames are dropped ("a;b;;" -> 3, ";;" -> 0): the frames of a
// stack are the stack split on ';' as Perl's split does, which drops trailing empty fields.
size_t trimmed_stack_length(std::string_view stack);

namespace internal {

inline bool is_count_char(char c) { return (c >= '0' && c <= '9') || c == '.'; }

// The difffolded line "stack 123": an integer of at most 19 digits after one space, read in the backward
// pass that finds it (flame-diff's profiles are mostly such lines). False if the line is not that; the
// general rule then decides.
inline bool split_integer_line(std::string_view line, FoldedLine* out) {
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
  out->stack = line.substr(0, i - 1);
  out->count1 = line.substr(i);
  out->count = static_cast<Count>(v);
  return true;
}

// The general rule of each dialect, for the lines the inline part leaves (folded_line.cc).
LineKind parse_difffolded(std::string_view line, FoldedLine* out);
LineKind parse_one_or_two(Dialect dialect, std::string_view line, FoldedLine* out);

}  // namespace internal

inline LineKind parse_folded_line(Dialect dialect, std::string_view line, FoldedLine* out) {
  if (dialect == Dialect::kDifffolded) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out->text = line;
    if (line.empty()) return LineKind::kBlank;
    if (!internal::split_integer_line(line, out)) return internal::parse_difffolded(line, out);
    out->count2 = {};
    out->delta = 0;
    out->differential = false;
    return LineKind::kStack;
  }
  out->text = line;
  if (line.empty() || !internal::is_count_char(line.back())) return LineKind::kOther;  // no count at the end
  return internal::parse_one_or_two(dialect, line, out);
}

// The message for a line that is not a folded line (kDifffolded, kOther), as flame-diff reports it.
inline constexpr const char* kNotFoldedLine =
    "expected a folded stack line: frames, a space, a count (\"a;b;c 12\")";

}  // namespace flamekit::folded
