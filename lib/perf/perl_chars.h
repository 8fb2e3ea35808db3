// perl_chars.h: the character classes of the Perl regexes in stackcollapse-perf.pl, on bytes. Perl reads the
// input as bytes (no UTF-8 flag), so \s, \w and \d are ASCII-only there too; bytes >= 0x80 are never space,
// word or digit characters. Matching these exactly is what keeps our parse identical to the script's.
#pragma once

#include <string_view>

namespace flamekit::perf {

// Perl's \s: space, \t, \n, \v (since Perl 5.18), \f, \r.
inline bool is_perl_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
// Perl's \d.
inline bool is_perl_digit(char c) { return c >= '0' && c <= '9'; }
// Perl's \w: [A-Za-z0-9_].
inline bool is_perl_word(char c) {
  return is_perl_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

inline std::string_view trim_perl_space_left(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && is_perl_space(s[i])) ++i;
  return s.substr(i);
}
inline std::string_view trim_perl_space_right(std::string_view s) {
  size_t n = s.size();
  while (n > 0 && is_perl_space(s[n - 1])) --n;
  return s.substr(0, n);
}

}  // namespace flamekit::perf
