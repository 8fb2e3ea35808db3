// parallel_demangle.h: --threads for one mapped input file. The file is cut at line boundaries into blocks
// of about MappedFile::kReleaseStep bytes; N threads take the blocks in order, each demangling with its own
// LineDemangler (so the caches are per thread and need no locks), and the outputs are written in block
// order (io/ordered_pipeline.h). Since a LineDemangler's caches only save work and never change what a
// line becomes, the output is byte-identical to one thread's.
//
// libiberty's cplus_demangle() is reentrant: each call keeps its state on its own stack frame (cp-demangle.c
// d_demangle_callback's `struct d_info`, rust-demangle.c's `struct rust_demangler`) and mallocs the string it
// returns; the only global it reads, the demangling style, is never set by us.
//
// At most kAheadBlocks blocks per thread are demangled ahead of the writer, so memory stays flat.
//
// Measured on the 2-core machine while other builds ran (load ~9): two threads were SLOWER than one on
// mangled-300k.txt (one thread needs only ~0.12 s of CPU; the wall time is waiting for a CPU, and the
// hand-offs add wake-up latency), so --threads stays 1 unless asked for.
//
//   io::MappedFile file(path);
//   if (file.ok()) demangle_mapped(path, file, options, 2, &out);
#pragma once

#include <cstddef>
#include <string>

#include "demangle/demangle_filter.h"
#include "io/mapped_file.h"
#include "io/output_file.h"

namespace flamekit::demangle {

// Writes the demangled `file` (read from `name`, named in errors) to *out with `threads` threads, as
// described above. Requires file.ok().
void demangle_mapped(const std::string& name, const io::MappedFile& file, const DemangleOptions& options,
                     int threads, io::OutputFile* out);

}  // namespace flamekit::demangle
