// folded_writer.cc: sorted folded output.
#include "folded/folded_writer.h"

#include "folded/count_format.h"

namespace flamekit::folded {

void write_folded(const model::StackSet& stacks, io::OutputFile* out) {
  std::string line;
  for (const auto& [ids, count] : stacks.sorted_stacks()) {
    line.clear();
    for (size_t i = 0; i < ids.size(); ++i) {
      if (i) line += ';';
      line += stacks.frames().name(ids[i]);
    }
    line += ' ';
    append_count(&line, count);
    line += '\n';
    out->write(line);
  }
}

}  // namespace flamekit::folded
