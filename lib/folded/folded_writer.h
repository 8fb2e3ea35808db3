// folded_writer.h: writes a StackSet as folded stacks ("frame;frame;frame count\n"), sorted byte-wise, the
// format every FlameGraph tool reads.
#pragma once

#include "io/output_file.h"
#include "model/stack_set.h"

namespace flamekit::folded {

// With threads > 1, large sets are sorted and their lines formatted by two threads (same bytes).
void write_folded(const model::StackSet& stacks, io::OutputFile* out, int threads = 1);

}  // namespace flamekit::folded
