// diff_lines.h: writing flame-diff's output lines "stack before after\n". The text is as big as an input
// profile (100 MB for two 300k-stack profiles), so it is formatted in chunks of about 1 MiB: large enough to
// bypass OutputFile's buffer, small enough to stay in cache until write(2) copies it.
//
//   write_diff_lines(entries, {.hide_below = 0, .scale = nullptr}, &out);
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "diff/diff_set.h"
#include "io/output_file.h"

namespace flamekit::diff {

struct LineOptions {
  Count hide_below = 0;            // leave out entries with |after - before| below this (0 = none)
  const DiffSet* scale = nullptr;  // if set, print before counts as scale->normalized_first() makes them
};

// Writes the entries, in their order, as "stack before after\n" with counts printed like Perl
// (folded/count_format.h).
void write_diff_lines(std::span<const DiffSet::Entry> entries, const LineOptions& options,
                      io::OutputFile* out);

// Formatted lines, in memory that is kept from use to use (fresh memory costs page faults) and grows by
// half at least when it must.
struct LineBuffer {
  std::unique_ptr<char[]> data;
  size_t size = 0, capacity = 0;
  // Room for `bytes` more after size; the first size bytes are kept.
  char* reserve(size_t bytes);
  std::string_view view() const { return {data.get(), size}; }
};

// The most bytes put_diff_line() writes for a stack of `stack_bytes` bytes.
constexpr size_t max_diff_line_bytes(size_t stack_bytes) { return stack_bytes + 3 + 2 * 32; }

// Writes "stack before after\n" at p (counts printed like Perl); returns the end.
char* put_diff_line(char* p, std::string_view stack, Count before, Count after);

// The lines of `text` (each ending in '\n') sorted as byte strings, as LC_ALL=C sort orders them.
std::string sorted_lines(std::string_view text);

// The same lines sorted as byte strings (the order of `LC_ALL=C sort`), for entries whose stack order is
// not their line order (DiffSet::in_order()).
void write_sorted_diff_lines(std::span<const DiffSet::Entry> entries, const LineOptions& options,
                             io::OutputFile* out);

}  // namespace flamekit::diff
