// folded_reader.h: the one reader of folded text. Lines come from an io::LineReader (a mapped file, a pipe,
// gzip), each is parsed in one dialect (folded_line.h), and a line the dialect does not take is reported
// through Diagnostics at its line, as the dialect's tool treats it:
//   kFlamegraph  not a stack line: tallied as kInvalidFormat and skipped (flamegraph.pl counts such lines
//                and warns once at the end, "Ignored N lines with invalid format");
//   kDifffolded  a blank line is skipped; any other line that is not a stack line is warned as
//                kNotFolded and skipped, which flame-diff's strict Diagnostics turns into the error
//                "before.folded:12: expected a folded stack line ...";
//   kCxxfilt     every line is returned (flame-demangle copies every line): one that is not folded comes
//                back with kind() kOther, to be taken as plain text.
// Readers that cut lines themselves (flame-diff's scanners of mapped files, which find a line's end and its
// prefix shared with the line before in one vector pass) parse with parse_folded_line() and report with
// report_unfolded(), so every path reads and reports alike.
//
//   io::LineReader lines("out.folded");
//   folded::FoldedReader in(folded::Dialect::kFlamegraph, &lines, &diag);
//   folded::FoldedLine l;
//   while (in.next(&l)) tree.add(l.stack, l.count);
#pragma once

#include <string_view>

#include "core/diagnostics.h"
#include "folded/folded_line.h"
#include "io/line_reader.h"

namespace flamekit::folded {

// The kinds of problem the reader reports.
inline constexpr const char* kInvalidFormat = "invalid-format";  // kFlamegraph
inline constexpr const char* kNotFolded = "not-folded";          // kDifffolded

class FoldedReader {
 public:
  // `diag` may be null for kCxxfilt, which reports nothing. Both must outlive the reader.
  FoldedReader(Dialect dialect, io::LineReader* lines, Diagnostics* diag)
      : dialect_(dialect), lines_(lines), diag_(diag) {}

  // The next line the dialect returns (see the top of this file); false at the end of the input. Views
  // into the line last as long as LineReader's (until the next call, or the reader's life if
  // lines().views_persist()). Throws what LineReader throws, and what a strict Diagnostics throws.
  // Inline, as parse_folded_line() is: it is called for every line.
  bool next(FoldedLine* out);
  // kStack, or (kCxxfilt) kOther for a line that is not folded.
  LineKind kind() const { return kind_; }
  // Where the line last returned is, for problems a caller finds in it.
  Where where() const { return Where::line(lines_->name(), lines_->line_number()); }
  io::LineReader& lines() { return *lines_; }

 private:
  Dialect dialect_;
  io::LineReader* lines_;
  Diagnostics* diag_;
  LineKind kind_ = LineKind::kOther;
};

// Reports a line that parse_folded_line() found kOther in `dialect`, at `where`, as FoldedReader does
// (nothing for kCxxfilt). Throws if `diag` is strict.
void report_unfolded(Dialect dialect, const Where& where, Diagnostics* diag);

inline bool FoldedReader::next(FoldedLine* out) {
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

}  // namespace flamekit::folded
