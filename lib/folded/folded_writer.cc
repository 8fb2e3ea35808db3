// folded_writer.cc: sorted folded output.
#include "folded/folded_writer.h"

#include <cstring>
#include <thread>

#include "folded/count_format.h"

namespace flamekit::folded {
namespace {

constexpr size_t kMinLinesPerThread = 2048;  // below this a thread costs more than it saves

using Stack = std::pair<std::span<const uint32_t>, model::Count>;

// Appends the folded line of `stack` ("a;b;c 42\n") to *out: the frames are sized first and copied into
// place, rather than appended one by one with a capacity check each.
void append_line(const model::FrameTable& frames, const Stack& stack, std::string* out) {
  const auto& [ids, count] = stack;
  size_t bytes = ids.empty() ? 0 : ids.size() - 1;
  for (uint32_t id : ids) bytes += frames.name(id).size();
  size_t at = out->size();
  out->resize(at + bytes);
  char* p = out->data() + at;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) *p++ = ';';
    std::string_view name = frames.name(ids[i]);
    std::memcpy(p, name.data(), name.size());
    p += name.size();
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
