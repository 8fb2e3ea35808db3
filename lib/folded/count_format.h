// count_format.h: counts printed the way the Perl FlameGraph scripts print them, so folded output stays
// byte-identical: integers as integers, other numbers as Perl stringifies a float ("%.15g").
#pragma once

#include <string>
#include <string_view>

#include "model/stack_set.h"

namespace flamekit::folded {

// Appends `count` to `out` ("42", "0.5", "1e+20").
void append_count(std::string* out, model::Count count);

// Parses a non-negative decimal count ("12", "3.5", "7.") at the whole of `text`. Returns false if it is not
// one (a sign, exponent or other character).
bool parse_count(std::string_view text, model::Count* count);

}  // namespace flamekit::folded
