// folded_reader.cc: the read loop shared by every folded input: cut, parse, report or skip.
#include "folded/folded_reader.h"

namespace flamekit::folded {

bool FoldedReader::next(FoldedLine* out) {
  std::string_view line;
  while (lines_->next(&line)) {
    kind_ = parse_folded_line(dialect_, line, out);
    if (kind_ == LineKind::kStack) return true;
    if (kind_ == LineKind::kBlank) continue;
    if (dialect_ == Dialect::kCxxfilt) {  // any text: the whole line is its "stack"
      out->stack = line;
      return true;
    }
    report_unfolded(dialect_, where(), diag_);
  }
  return false;
}

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
