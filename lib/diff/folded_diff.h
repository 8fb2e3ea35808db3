// folded_diff.h: flame-diff's work, a drop-in for FlameGraph's difffolded.pl: two folded profiles in, one
// line per distinct stack out, "stack count_before count_after", for differential flame graphs
// (flame-svg and flamegraph.pl read the two counts). Same lines as difffolded.pl for its -n and -s, but
// sorted byte-wise (as LC_ALL=C sort orders them) instead of in Perl hash order.
//
// Beyond difffolded.pl: --top N (top_changes.h) and --min-delta PCT: a stack is left out of the output when
// |after - before| < PCT/100 * max(total before, total after), the totals being those of the printed
// columns (after -n). PCT 0, the default, hides nothing. --top ranks all stacks, hidden ones included.
//
//   DiffOptions options;
//   options.normalize = true;
//   run_diff(options);
#pragma once

#include <cstdint>
#include <string>

namespace flamekit::diff {

struct DiffOptions {
  std::string before;       // first positional argument: the "before" folded profile ("-" = stdin)
  std::string after;        // second positional argument: the "after" folded profile
  bool normalize = false;   // -n, --normalize: scale the first profile's counts to the second's total
  bool strip_hex = false;   // -s, --strip-hex: "0x1f3a" -> "0x..." in stacks before comparing
  int64_t top = 0;          // --top N: print the N functions that changed most (0 = no table)
  std::string report;       // --report FILE: write the --top table to FILE instead of standard error
  double min_delta = 0;     // --min-delta PCT: hide stacks whose change is below PCT% of the larger total
  std::string output = "-"; // -o, --output FILE: where the diff goes (atomic; "-" = standard output)

  // Throws a usage Error for contradictory or out-of-range options.
  void validate() const;
};

void run_diff(const DiffOptions& options);

}  // namespace flamekit::diff
