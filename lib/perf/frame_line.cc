// frame_line.cc: frame line parsing (see frame_line.h for the regex it reproduces and the fix).
#include "perf/frame_line.h"

#include "perf/perl_chars.h"

namespace flamekit::perf {
namespace {

constexpr size_t kNo = std::string_view::npos;

// The '(' matching the ')' at `close`, scanning backwards; kNo if the parentheses do not balance.
size_t matching_open(std::string_view line, size_t close) {
  int depth = 0;
  for (size_t i = close + 1; i-- > 0;) {
    if (line[i] == ')') {
      ++depth;
    } else if (line[i] == '(' && --depth == 0) {
      return i;
    }
  }
  return kNo;
}

// The script's choice: the last "(" preceded by a blank that lies before the last ')'.
size_t last_blank_paren(std::string_view line, size_t close) {
  for (size_t i = close; i-- > 1;) {
    if (line[i] == '(' && line[i - 1] == ' ') return i;
  }
  return kNo;
}

// Splits the text before " (" (at `open - 1`) into /^\s*(\w+)\s*(.+)/ the way Perl's backtracking does.
bool split_prefix(std::string_view line, size_t open, FrameLine* out) {
  size_t q = open - 1;  // the blank of " ("
  size_t p = 0;
  while (p < q && is_perl_space(line[p])) ++p;
  size_t w = p;
  while (w < q && is_perl_word(line[w])) ++w;
  if (w == p) return false;
  size_t x = w;
  while (x < q && is_perl_space(line[x])) ++x;
  size_t r;  // where (.+) starts
  if (q >= x + 1) {
    r = x;
  } else if (q >= w + 1) {
    r = q - 1;  // \s* gives back one blank so that (.+) is not empty
  } else if (w - p >= 2) {
    w -= 1;  // \w+ gives back its last character
    r = w;
  } else {
    return false;
  }
  out->pc = line.substr(p, w - p);
  out->symbol = line.substr(r, q - r);
  return true;
}

}  // namespace

bool parse_frame_line(std::string_view line, FrameLine* out) {
  size_t close = line.rfind(')');
  if (close == kNo || close < 3) return false;
  if (trim_perl_space_right(line).size() == close + 1) {
    size_t open = matching_open(line, close);
    if (open != kNo && open >= 1 && line[open - 1] == ' ' && split_prefix(line, open, out)) {
      out->module = line.substr(open + 1, close - open - 1);
      return true;
    }
  }
  size_t open = last_blank_paren(line, close);
  if (open == kNo || !split_prefix(line, open, out)) return false;
  out->module = line.substr(open + 1, close - open - 1);
  return true;
}

}  // namespace flamekit::perf
