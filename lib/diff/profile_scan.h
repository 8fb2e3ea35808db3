// profile_scan.h: the first pass of flame-diff's streaming path (sorted_merge.h) over one mapped folded
// profile: it checks every line as DiffSet would (same dialect, same reports), sums the counts in file
// order, and finds the profile's sorted runs, setting aside the few lines that are out of order with their
// neighbours.
//
//   std::atomic<bool> give_up{false};
//   Scan scan = scan_profile(file, "before.folded", /*release=*/false, &give_up, &diag);
//   if (!scan.declined) ... scan.runs, scan.exceptions ...
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "folded/folded_line.h"
#include "io/mapped_file.h"
#include "model/stack_set.h"

namespace flamekit::diff {

using model::Count;

// Runs per file the streaming path takes; beyond that the merge would compare too many heads per line.
constexpr size_t kMaxRuns = 16;

// One line of a profile: its stack and count, and where the next line starts.
struct Line {
  std::string_view stack;
  Count count = 0;
  size_t next = 0;
};

// Reads the line of `bytes` that starts at `at` (< bytes.size()), as DiffSet reads it (folded/folded_line.h,
// dialect kDifffolded: a trailing '\r' is dropped, an empty line is blank, anything else must end in a count).
folded::LineKind read_line(std::string_view bytes, size_t at, Line* line);

// A line set aside by the scan because it is out of order with its neighbours.
struct Exception {
  std::string_view stack;
  Count count;
};

// What one pass over a profile finds: its total, where its sorted runs start, and the lines set aside.
struct Scan {
  Count total = 0;                   // summed in file order, as DiffSet sums it
  std::vector<size_t> runs;          // byte offsets of the first line of each run; runs[0] == 0
  std::vector<size_t> set_aside;     // byte offsets of the lines taken out of the runs, increasing
  std::vector<Exception> exceptions; // those lines, sorted by stack (stable: file order among equals)
  bool declined = false;             // too many runs or exceptions, a blank line, or a line not taken

  // True if the line starting at `at` was set aside.
  bool is_set_aside(size_t at) const { return std::binary_search(set_aside.begin(), set_aside.end(), at); }
};

// Checks every line of a profile and cuts it into a few sorted runs by stack
// (stacks, not lines: "a 5" and "a b 3" are in line order but not in stack order when the space is part of
// a frame). A line below the last one kept is judged with its neighbours, as RunSplitter judges: if the
// line after it is not below the last one kept, this line is a dip and is set aside; if the run can go on
// from the one kept before the last (to this line or the next), the last one is a spike and is set aside
// (and this line too if it is still below); otherwise a new run starts. Every run stays sorted whatever the
// judgement, so a wrong guess costs speed, never correctness. Stops early once declined; the other
// profile's scan sets `give_up` when it declines. The pages of the mapping are made present a block at a
// time, so that declining early costs nothing. A line DiffSet would not take is reported to a strict `diag`
// (which throws Error "name:line: ..."); a lenient one is left to DiffSet, which skips it: the scan declines
// without reporting, so that nothing is reported twice.
Scan scan_profile(const io::MappedFile& file, const std::string& name, bool release, std::atomic<bool>* give_up,
                  Diagnostics* diag);

}  // namespace flamekit::diff
