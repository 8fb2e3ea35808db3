// folded_writer.cc: sorted folded output.
#include "folded/folded_writer.h"

#include <thread>

#include "folded/count_format.h"

namespace flamekit::folded {
namespace {

constexpr size_t kMinLinesPerThread = 2048;  // below this a thread costs more than it saves

using Stack = std::pair<std::span<const uint32_t>, model::Count>;

// Appends the folded line of `stack` ("a;b;c 42\n") to *out.
void append_line(const model::FrameTable& frames, const Stack& stack, std::string* out) {
  const auto& [ids, count] = stack;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) *out += ';';
    *out += frames.name(ids[i]);
  }
  *out += ' ';
  append_count(out, count);
  *out += '\n';
}

}  // namespace

void write_folded(const model::StackSet& stacks, io::OutputFile* out, int threads) {
  std::vector<Stack> sorted = stacks.sorted_stacks(threads);
  size_t first_end = sorted.size();
  std::string rest;  // the lines of sorted[first_end, end), formatted by a second thread
  std::thread helper;
  if (threads > 1 && sorted.size() >= 2 * kMinLinesPerThread) {
    first_end = sorted.size() / 2;
    helper = std::thread([&] {
      for (size_t i = first_end; i < sorted.size(); ++i) append_line(stacks.frames(), sorted[i], &rest);
    });
  }
  std::string line;
  try {
    for (size_t i = 0; i < first_end; ++i) {
      line.clear();
      append_line(stacks.frames(), sorted[i], &line);
      out->write(line);
    }
  } catch (...) {
    if (helper.joinable()) helper.join();
    throw;
  }
  if (helper.joinable()) {
    helper.join();
    out->write(rest);
  }
}

}  // namespace flamekit::folded
