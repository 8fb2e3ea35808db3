// collapse.h: flame-collapse's work, `perf script` text -> folded stacks. Input files are read in order as one
// stream (several files concatenate, as the script's `<>` does; "-" is standard input; gzip is detected by
// its magic bytes). The stacks are printed sorted byte-wise, one line per unique stack, which is what
// stackcollapse-perf.pl prints for the same input and options.
//
//   CollapseOptions options;
//   options.tid = true;
//   int code = run_collapse({"perf.txt.gz"}, options);   // to options.output
#pragma once

#include <string>
#include <vector>

#include "model/stack_set.h"
#include "perf/collapse_options.h"
#include "perf/stack_collapser.h"

namespace flamekit::perf {

// What collapse_perf found besides the stacks.
struct CollapseResult {
  CollapseStats stats;
  std::string event_filter;      // the event counted ("" if no event line named one)
  bool event_defaulted = false;  // it was the first event seen, not --event-filter
  bool dropped_open_sample = false;
  int64_t lines = 0;  // lines read, of every input
};

// Collapses `inputs` into `stacks`. Uses options.threads chunks when the input is one mapped file (the result
// is the same as with one thread). Throws Error on unreadable input, on an input of another format
// (io/format_sniff.h: perf.data, pprof, folded stacks, ...), and with options.strict on the first unparsable
// line.
CollapseResult collapse_perf(const std::vector<std::string>& inputs, const CollapseOptions& options,
                             model::StackSet* stacks);

// Prints the warnings and notes of `result` on stderr (once per kind, with the first line of each; -v adds
// the events seen). Returns true if no line had to be skipped.
bool report_collapse(const CollapseResult& result, const CollapseOptions& options);

// The whole tool: validate, collapse, report, write the folded stacks to options.output. Returns the exit
// code: 0, or 1 when lines were skipped (the output is still complete for every line understood). Throws
// Error, writing nothing, when more than half of the non-blank lines were not understood: such an input is
// not perf script output, and stacks made of its few lines that happen to parse would be junk.
int run_collapse(const std::vector<std::string>& inputs, const CollapseOptions& options);

}  // namespace flamekit::perf
