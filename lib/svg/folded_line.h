// folded_line.h: one line of folded input read with flamegraph.pl's rules.
//
// flamegraph.pl matches every line against /^(.*)\s+?(\d+(?:\.\d*)?)$/ on text decoded as UTF-8, so:
//   - the count is the token after the LAST whitespace character (Unicode \s: also U+0085, U+00A0,
//     U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), digits with an optional fraction;
//   - the stack is everything before that whitespace character (other trailing spaces stay in it);
//   - if the stack itself ends in whitespace + count, the line is differential: "stack c1 c2", whose width
//     is c2 and whose delta is c2 - c1;
//   - a line that does not match (no count, a CR before the newline, an exponent, ...) is ignored.
// Frames are the stack split on ';' with trailing empty fields dropped, as Perl's split does
// ("a;;b;;" is a, "", b). Digits are ASCII only (Perl would also take other Unicode digits).
//
//   FoldedLine l;
//   parse_folded_line("main;work 3 5", &l);  // l.stack "main;work", l.count 5, l.delta 2, l.differential
#pragma once

#include <string_view>

namespace flamekit::svg {

struct FoldedLine {
  std::string_view stack;    // before the whitespace that precedes the count(s)
  std::string_view count1;   // first count text (the only one when not differential)
  std::string_view count2;   // second count text, or empty
  double count = 0;          // the width: count2 if differential, else count1
  double delta = 0;          // count2 - count1 when differential
  bool differential = false;
};

// Parses `line` (without its '\n'). Returns false for a line flamegraph.pl ignores.
bool parse_folded_line(std::string_view line, FoldedLine* out);

// The length of `stack` once trailing empty frames are dropped ("a;b;;" -> 3, ";;" -> 0).
size_t trimmed_stack_length(std::string_view stack);

}  // namespace flamekit::svg
