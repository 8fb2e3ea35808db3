// folded_reader.cc: reporting the lines a dialect does not take (the read loop is inline in the header).
#include "folded/folded_reader.h"

namespace flamekit::folded {

void report_unfolded(Dialect dialect, const Where& where, Diagnostics* diag) {
  switch (dialect) {
    case Dialect::kFlamegraph:
      diag->tally(kInvalidFormat, where, "invalid line format");
      return;
    case Dialect::kDifffolded:
      diag->warn(kNotFolded, where, kNotFoldedLine);
      return;
    case Dialect::kCxxfilt:
      return;
  }
}

}  // namespace flamekit::folded
