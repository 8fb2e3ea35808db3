// inline_frames.h: --inline and --context. A frame in a binary is replaced by its inline chain, read from
// the binary's DWARF by elf::Symbolizer (lib/elf/symbolizer.h), in the format stackcollapse-perf.pl builds from
// `addr2line -a PC -e MODULE -i -f -s -C`:
//   --inline            "work(int);calc::accumulate(...)"                 (outermost first, demangled)
//   --inline --context  "work(int):inl.cc:12;calc::accumulate(...):inl.cc:6"  (file names without directory)
// Like the script: modules named "[...]", "kernel." or "perf-PID.map" are not looked up; when the address
// is unknown and the symbol is "name+0xOFF", the symbol's address plus OFF is tried instead (the script does
// this with `nm`); a result of "??" (nothing known) means "keep the frame as perf printed it".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "elf/symbolizer.h"

namespace flamekit::perf {

// The script's test /(perf-\d+.map|kernel\.|\[[^\]]+\])/ on the module, negated.
bool inline_eligible(std::string_view module);

// Fills *names (innermost first) with the inline chain of `pc` (hex, as printed) in `module`, `symbol` being
// the symbol perf printed ("work+0xd8"). Returns false when the frame should be kept as it is. Never throws
// for an unreadable binary: symbols.unreadable(module) says why.
bool inline_frame_names(elf::Symbolizer& symbols, std::string_view module, std::string_view pc,
                        std::string_view symbol, bool context, std::vector<std::string>* names);

// The options of the symbolizer that --inline uses: symbols without DWARF named as addr2line names them.
elf::SymbolizerOptions inline_symbolizer_options();

}  // namespace flamekit::perf
