// folded_writer.cc: sorted folded output.
#include "folded/folded_writer.h"

#include "folded/count_format.h"

namespace flamekit::folded {

void write_folded(const model::StackSet& stacks, io::OutputFile* out) {
  std::string line;
  for (const auto& [text, count] : stacks.sorted_lines()) {
    line.assign(text);
    line += ' ';
    append_count(&line, count);
    line += '\n';
    out->write(line);
  }
}

}  // namespace flamekit::folded
