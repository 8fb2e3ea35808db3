// parallel_demangle.cc: block-by-block multi-threaded demangling of a mapped file (see parallel_demangle.h).
#include "demangle/parallel_demangle.h"

#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "folded/folded_reader.h"
#include "io/line_reader.h"
#include "io/ordered_pipeline.h"

namespace flamekit::demangle {
namespace {

// How many blocks per thread may be demangled before they are written (bounds the memory).
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

}  // namespace

void demangle_mapped(const std::string& name, const io::MappedFile& file, const DemangleOptions& options,
                     int threads, io::OutputFile* out) {
  const std::vector<size_t> cuts = cut_blocks(file.bytes());
  const size_t ahead = kAheadBlocks * static_cast<size_t>(threads);
  std::deque<LineDemangler> demanglers;  // one per thread: their caches need no locks
  for (int t = 0; t < threads; ++t) demanglers.emplace_back(options);
  std::vector<std::string> outputs(ahead);  // block b is demangled into outputs[b % ahead]
  io::run_ordered(
      cuts.size() - 1, threads, ahead,
      [&](size_t b, int worker) {
        demangle_block(name, file, cuts[b], cuts[b + 1], &demanglers[static_cast<size_t>(worker)], &outputs[b % ahead]);
      },
      [&](size_t b) {
        out->write(outputs[b % ahead]);
        file.release(cuts[b], cuts[b + 1]);
      });
}

}  // namespace flamekit::demangle
