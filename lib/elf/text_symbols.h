// text_symbols.h: the two symbol lists that are text, not ELF, read into a SymbolTable.
//   /proc/kallsyms (or a saved copy, perf --kallsyms): "ffffffff81000000 T _text" lines, optionally with a
//     "\t[module]" tail. Kept: text symbols (T t W w) as perf keeps them; no sizes, so each ends at the next
//     (perfdata.md §3.6). All-zero addresses (kptr_restrict, not root) give an empty table.
//   /tmp/perf-PID.map (JIT): "START SIZE name" lines, hex without 0x, the name is the rest of the line
//     (perfdata.md §4.6); addresses are runtime addresses.
// A line that does not parse is skipped (perf skips it too); a file that cannot be read is an Error.
//
//   SymbolTable kernel;
//   io::LineReader in("/proc/kallsyms");
//   read_kallsyms(in, &kernel);   // then kernel.finish(...)
#pragma once

#include <cstddef>

namespace flamekit::io {
class LineReader;
}

namespace flamekit::elf {

class SymbolTable;

// Reads kallsyms lines into *out (not finished). Returns the number of symbols added. Throws what the
// reader throws.
size_t read_kallsyms(io::LineReader& in, SymbolTable* out);
// Reads perf-PID.map lines into *out (not finished). Returns the number of symbols added.
size_t read_perf_map(io::LineReader& in, SymbolTable* out);

}  // namespace flamekit::elf
