// top_changes.h: flame-diff --top N: the functions whose inclusive and self counts changed most between the
// two profiles, so a regression can be read without opening the SVG.
//
// For every frame name: inclusive = sum of the counts of the stacks it appears in (once per stack, however
// often recursion repeats it); self = sum of the counts of the stacks it ends. Both for the first ("before")
// and second ("after") column, from the counts as flame-diff prints them (after -n and -s). Functions are
// ranked by the larger of |after - before| for inclusive and for self, largest first; ties by name.
//
//   flame-diff: top 2 of 41 functions by change (before: a.folded, total 1200; after: b.folded, total 1350)
//     incl-before  incl-after  incl-delta   incl-%  self-before  self-after  self-delta   self-%  function
//            1200        1350        +150   +12.5%            0           0           0     0.0%  main
//             100         250        +150  +150.0%          100         250        +150  +150.0%  work
#pragma once

#include <string>
#include <vector>

#include "diff/diff_set.h"

namespace flamekit::diff {

struct FunctionChange {
  std::string name;
  Count inclusive[2] = {0, 0};
  Count self[2] = {0, 0};
};

// The `n` functions that changed most, in report order.
std::vector<FunctionChange> top_changes(const DiffSet& set, size_t n, size_t* functions_seen = nullptr);

// The report table (see the top of this file), ending in '\n'.
std::string format_top_changes(const DiffSet& set, size_t n, const std::string& before_name,
                               const std::string& after_name);

}  // namespace flamekit::diff
