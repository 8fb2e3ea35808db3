// frame_line.h: one call-chain line of `perf script` output, e.g.
//   	ffffffff8103ce3b native_safe_halt+0x1b ([kernel.kallsyms])
//   	    7f722d142778 Ljava/io/PrintStream;::print (/tmp/perf-19982.map)
//   	    7f00d1b2c3d4 [unknown] ([JIT app cache])
// split into address, symbol and module (the text inside the last parentheses).
//
// Parity: stackcollapse-perf.pl matches /^\s*(\w+)\s*(.+) \((.*)\)/, i.e. the module runs from the last
// " (" that has a ')' after it to the last ')' of the line, and the symbol is everything between. We
// reproduce that regex (including its backtracking on odd lines), with one deliberate fix: when the line
// ends in ')' and the parentheses before it balance, the module is that balanced group, so a module path
// with " (" inside ("/opt/my app (x86)/lib.so", "libfoo.so (deleted)") is no longer cut in the middle.
#pragma once

#include <string_view>

namespace flamekit::perf {

struct FrameLine {
  std::string_view pc;      // the address as printed (hex digits, no 0x)
  std::string_view symbol;  // "native_safe_halt+0x1b", "[unknown]", "foo(int) const"
  std::string_view module;  // "[kernel.kallsyms]", "/usr/lib/libc.so.6", "[JIT app cache]"
};

// Parses `line` (no '\n') as a frame line. Returns false if it is not one. Views point into `line`.
bool parse_frame_line(std::string_view line, FrameLine* out);

}  // namespace flamekit::perf
