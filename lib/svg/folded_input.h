// folded_input.h: reads folded files into a FlameTree with flamegraph.pl's rules (folded/folded_reader.h,
// dialect kFlamegraph), plus the two rewrites it applies to stacks:
//   - --reverse: each valid line is rebuilt as "frames reversed;... count[ count2]" and read again, as
//     Perl does (so the rebuilt line is what gets sorted);
//   - --colors chain: "a;--;b;c" becomes "a;--;b_[w];c_[w]" (waker frames), and a stack without a ";--;"
//     separator gets a trailing "--" frame, exactly as flamegraph.pl's chain rewrite does.
// Several inputs are read one after another, as Perl's <> reads them; gzip is transparent (LineReader).
// Lines that are not "stack count" are tallied in the Diagnostics as folded::kInvalidFormat.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "svg/flame_tree.h"

namespace flamekit::svg {

struct InputStats {
  int64_t differential = 0;     // lines with two counts
  int64_t plain = 0;            // lines with one count
  double max_delta = 1;         // largest |count2 - count1|, at least 1 (Perl's $maxdelta)
  bool integral = true;         // every count is an integer
  bool zero = false;            // some line has a zero count
};

struct InputRules {
  bool reverse = false;  // --reverse
  bool chain = false;    // --colors chain
};

// Reads every file of `paths` ("-" = standard input) into `tree`. Throws Error on I/O failure.
void read_folded_inputs(const std::vector<std::string>& paths, const InputRules& rules, FlameTree* tree,
                        InputStats* stats, Diagnostics* diag);
// The same for folded text in memory (tests, fuzzers).
void read_folded_text(std::string_view text, const InputRules& rules, FlameTree* tree, InputStats* stats,
                      Diagnostics* diag);

}  // namespace flamekit::svg
