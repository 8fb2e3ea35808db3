// folded_writer.cc: sorted folded output.
#include "folded/folded_writer.h"

#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "folded/count_format.h"

namespace flamekit::folded {
namespace {

constexpr size_t kMinLinesPerThread = 2048;  // below this a thread costs more than it saves
constexpr size_t kChunkBytes = 256 << 10;     // lines handed to the output at a time

using Stack = std::pair<std::span<const uint32_t>, model::Count>;

// Formats sorted stacks as folded lines. Sorted neighbours share most of their frames, so the text of the
// frames a stack shares with the one before is kept from that one's line, and only the rest is looked up
// and copied frame by frame.
class LineFormatter {
 public:
  explicit LineFormatter(const model::FrameTable& frames) : frames_(frames) {}

  // Appends "a;b;c 42\n" for `stack` to *out.
  void append(const Stack& stack, std::string* out) {
    const auto& [ids, count] = stack;
    size_t shared = 0;
    while (shared < ids.size() && shared < previous_.size() && ids[shared] == previous_[shared]) ++shared;
    text_.resize(shared ? ends_[shared - 1] : 0);
    ends_.resize(shared);
    previous_.assign(ids.begin(), ids.end());
    for (size_t i = shared; i < ids.size(); ++i) {
      if (i) text_ += ';';
      text_ += frames_.name(ids[i]);
      ends_.push_back(text_.size());
    }
    out->append(text_);
    *out += ' ';
    append_count(out, count);
    *out += '\n';
  }

 private:
  const model::FrameTable& frames_;
  std::vector<uint32_t> previous_;  // the previous stack's ids
  std::string text_;                // its frames, joined with ';'
  std::vector<size_t> ends_;        // where each of its frames ends in text_
};

}  // namespace

void write_folded(const model::StackSet& stacks, io::OutputFile* out, int threads) {
  std::vector<Stack> sorted = stacks.sorted_stacks(threads);
  size_t first_end = sorted.size();
  std::string rest;  // the lines of sorted[first_end, end), formatted by a second thread
  std::thread helper;
  if (threads > 1 && sorted.size() >= 2 * kMinLinesPerThread) {
    first_end = sorted.size() / 2;
    helper = std::thread([&] {
      LineFormatter lines(stacks.frames());
      for (size_t i = first_end; i < sorted.size(); ++i) lines.append(sorted[i], &rest);
    });
  }
  try {
    LineFormatter lines(stacks.frames());
    std::string chunk;
    for (size_t i = 0; i < first_end; ++i) {
      lines.append(sorted[i], &chunk);
      if (chunk.size() >= kChunkBytes) {
        out->write(chunk);
        chunk.clear();
      }
    }
    out->write(chunk);
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
