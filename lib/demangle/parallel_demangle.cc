// parallel_demangle.cc: block-by-block multi-threaded demangling of a mapped file (see parallel_demangle.h).
#include "demangle/parallel_demangle.h"

#include <condition_variable>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "folded/folded_reader.h"
#include "io/line_reader.h"

namespace flamekit::demangle {
namespace {

// How many blocks a helper thread may finish before the writer has written them (bounds the memory).
constexpr size_t kAheadBlocks = 2;

// Block boundaries of `bytes`: 0, then just after the first '\n' at or after each previous boundary +
// kReleaseStep - 1, ..., bytes.size().
std::vector<size_t> cut_blocks(std::string_view bytes) {
  std::vector<size_t> cuts{0};
  while (cuts.back() < bytes.size()) {
    size_t at = cuts.back() + io::MappedFile::kReleaseStep - 1;
    const void* nl = at < bytes.size() ? std::memchr(bytes.data() + at, '\n', bytes.size() - at) : nullptr;
    cuts.push_back(nl ? static_cast<size_t>(static_cast<const char*>(nl) - bytes.data()) + 1 : bytes.size());
  }
  return cuts;
}

// Demangles bytes [begin, end) of `file` into *out (replacing what was there).
void demangle_block(const std::string& name, const io::MappedFile& file, size_t begin, size_t end,
                    LineDemangler* demangler, std::string* out) {
  out->clear();
  file.populate(begin, end);
  io::LineReader reader(name, file.bytes().substr(begin, end - begin));
  folded::FoldedReader lines(folded::Dialect::kCxxfilt, &reader, nullptr);
  folded::FoldedLine line;
  while (lines.next(&line)) {
    demangler->demangle(line, lines.kind(), out);
    if (reader.last_line_had_newline()) out->push_back('\n');
  }
}

// The blocks' outputs, handed from the helper threads to the writer.
struct Handoff {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::string> outputs;  // per block; moved out by the writer
  std::vector<char> ready;           // per block
  std::vector<std::string> spare;    // written buffers, for the helpers to reuse (no page faults)
  size_t written = 0;                // blocks written so far
  std::exception_ptr error;
  bool stop = false;
};

// Helper thread `t` of `threads`: demangles blocks t, t + threads, ... with its own LineDemangler.
void helper(const std::string& name, const io::MappedFile& file, const DemangleOptions& options,
            const std::vector<size_t>& cuts, size_t t, size_t threads, Handoff* handoff) {
  LineDemangler demangler(options);
  std::string out;
  try {
    for (size_t b = t; b + 1 < cuts.size(); b += threads) {
      {
        std::unique_lock lock(handoff->mutex);
        handoff->changed.wait(lock, [&] { return handoff->stop || handoff->written + kAheadBlocks * threads > b; });
        if (handoff->stop) return;
      }
      demangle_block(name, file, cuts[b], cuts[b + 1], &demangler, &out);
      std::lock_guard lock(handoff->mutex);
      handoff->outputs[b].swap(out);
      handoff->ready[b] = 1;
      if (!handoff->spare.empty()) {
        out.swap(handoff->spare.back());
        handoff->spare.pop_back();
      }
      handoff->changed.notify_all();
    }
  } catch (...) {
    std::lock_guard lock(handoff->mutex);
    handoff->error = std::current_exception();
    handoff->changed.notify_all();
  }
}

}  // namespace

void demangle_mapped(const std::string& name, const io::MappedFile& file, const DemangleOptions& options,
                     int threads, io::OutputFile* out) {
  const std::vector<size_t> cuts = cut_blocks(file.bytes());
  const size_t blocks = cuts.size() - 1;
  const size_t n = static_cast<size_t>(threads);
  Handoff handoff;
  handoff.outputs.resize(blocks);
  handoff.ready.resize(blocks);
  std::vector<std::thread> helpers;
  for (size_t t = 1; t < n; ++t) {
    helpers.emplace_back(helper, std::cref(name), std::cref(file), std::cref(options), std::cref(cuts), t, n,
                         &handoff);
  }
  auto finish = [&] {
    {
      std::lock_guard lock(handoff.mutex);
      handoff.stop = true;
      handoff.changed.notify_all();
    }
    for (std::thread& h : helpers) h.join();
  };
  try {
    LineDemangler demangler(options);
    std::string mine, theirs;
    for (size_t b = 0; b < blocks; ++b) {
      if (b % n == 0) {
        demangle_block(name, file, cuts[b], cuts[b + 1], &demangler, &mine);
        out->write(mine);
      } else {
        {
          std::unique_lock lock(handoff.mutex);
          handoff.changed.wait(lock, [&] { return handoff.ready[b] || handoff.error; });
          if (handoff.error) std::rethrow_exception(handoff.error);
          theirs.swap(handoff.outputs[b]);
        }
        out->write(theirs);
        std::lock_guard lock(handoff.mutex);
        handoff.spare.push_back(std::move(theirs));
        theirs = std::string();
      }
      file.release(cuts[b], cuts[b + 1]);
      std::lock_guard lock(handoff.mutex);
      handoff.written = b + 1;
      handoff.changed.notify_all();
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
}

}  // namespace flamekit::demangle
