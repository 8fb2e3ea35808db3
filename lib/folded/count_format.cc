// count_format.cc: Perl-compatible number formatting and strict count parsing.
#include "folded/count_format.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace flamekit::folded {

void append_count(std::string* out, model::Count count) {
  char buf[64];
  if (count == std::trunc(count) && std::fabs(count) < 1e15) {
    auto res = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(count));
    out->append(buf, res.ptr);
    return;
  }
  // As printf("%.15g") prints it (C++17 [charconv.to.chars]), without printf's cost.
  auto res = std::to_chars(buf, buf + sizeof buf, count, std::chars_format::general, 15);
  out->append(buf, res.ptr);
}

bool parse_count(std::string_view text, model::Count* count) {
  if (text.empty() || text[0] < '0' || text[0] > '9') return false;
  size_t i = 0;
  unsigned long long whole = 0;
  bool overflow = false;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    if (whole > (~0ULL - 9) / 10) overflow = true;
    whole = whole * 10 + static_cast<unsigned>(text[i] - '0');
  }
  if (i == text.size() && !overflow) {
    *count = static_cast<model::Count>(whole);
    return true;
  }
  if (i < text.size() && text[i] != '.') return false;
  for (size_t j = i + 1; j < text.size(); ++j) {
    if (text[j] < '0' || text[j] > '9') return false;
  }
  std::string copy(text);
  *count = std::strtod(copy.c_str(), nullptr);
  return true;
}

}  // namespace flamekit::folded
