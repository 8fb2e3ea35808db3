// collapse_options.h: what flame-collapse is asked to do, one field per flag. The flag names and meanings are
// those of FlameGraph's stackcollapse-perf.pl (--pid --tid --kernel --jit --all --addrs --event-filter
// --srcline --inline --context); the rest are flamekit's own. validate() holds the cross-flag rules.
//
//   CollapseOptions options;
//   options.pid = true;
//   options.validate();            // throws a usage Error on a bad combination
//   run_collapse({"perf.txt"}, options);
#pragma once

#include <string>

namespace flamekit::perf {

struct CollapseOptions {
  bool pid = false;            // --pid: root frame "comm-PID" (PID "?" when the input has only one id)
  bool tid = false;            // --tid: root frame "comm-PID/TID" (wins over --pid)
  bool kernel = false;         // --kernel: suffix "_[k]" on kernel frames
  bool jit = false;            // --jit: suffix "_[j]" on frames from /tmp/perf-PID.map
  bool all = false;            // --all: --kernel and --jit
  bool addrs = false;          // --addrs: "[module <addr>]" for frames without a symbol
  std::string event_filter;    // --event-filter EVENT: count only EVENT samples; default: the first event seen
  bool srcline = false;        // --srcline: append the "file:line" lines of `perf script -F+srcline` to frames
  bool inline_frames = false;  // --inline: expand inlined calls from the binaries' DWARF (libdw)
  bool context = false;        // --context: with --inline, add ":file:line" to each expanded frame
  bool no_comm = false;        // --no-comm: no process-name root frame
  bool strict = false;         // --strict: an unparsable line is an error, not a warning
  bool verbose = false;        // -v, --verbose: list the events seen (and what was counted) on stderr
  int threads = 1;             // --threads N: parse a mapped file in N parallel chunks; output is the same
  std::string output = "-";    // -o, --output FILE: written atomically; gzip if it ends in .gz

  bool kernel_annotations() const { return kernel || all; }
  bool jit_annotations() const { return jit || all; }

  // Throws Error::usage on a combination that cannot be honoured (--context without --inline, threads < 1).
  void validate() const;
};

}  // namespace flamekit::perf
