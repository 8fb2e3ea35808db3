// folded_writer.h: writes a StackSet as folded stacks ("frame;frame;frame count\n"), sorted byte-wise, the
// format every FlameGraph tool reads.
#pragma once

#include "io/output_file.h"
#include "model/stack_set.h"

namespace flamekit::folded {

void write_folded(const model::StackSet& stacks, io::OutputFile* out);

}  // namespace flamekit::folded
