// diff_lines.h: writing flame-diff's output lines "stack before after\n" in entry order. The text is as big
// as an input profile (100 MB for two 300k-stack profiles), so it is formatted in chunks of about 1 MiB
// (large enough to bypass OutputFile's buffer, small enough to stay in cache) on two threads that take
// turns: one formats the next chunk while the other hands its chunk to write(2). Chunks are written
// strictly in order, so the output is the same as a one-thread run's.
//
//   write_diff_lines(set.entries(), /*hide_below=*/0, &out);
#pragma once

#include <vector>

#include "diff/diff_set.h"
#include "io/output_file.h"

namespace flamekit::diff {

// Writes every entry whose |after - before| is not below `hide_below` (0 = all) to *out, as
// "stack before after\n" with counts printed like Perl (folded/count_format.h). Errors from *out (I/O,
// BrokenPipe) propagate after both threads stop.
void write_diff_lines(const std::vector<DiffSet::Entry>& entries, Count hide_below, io::OutputFile* out);

}  // namespace flamekit::diff
