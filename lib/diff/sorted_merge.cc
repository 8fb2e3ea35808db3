// sorted_merge.cc: the streaming fast path of flame-diff (see sorted_merge.h).
#include "diff/sorted_merge.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <exception>
#include <string_view>
#include <thread>
#include <vector>

#include "core/error.h"
#include "diff/diff_lines.h"
#include "diff/diff_set.h"
#include "diff/key_parts.h"
#include "diff/profile_scan.h"
#include "io/ordered_pipeline.h"

namespace flamekit::diff {
namespace {


// The next stack of a range, as a merge input: the kept lines of a run, or a slice of exceptions.
struct Head {
  std::string_view bytes;
  const Scan* scan;
  size_t at, end;
  const size_t* skip;       // the next set-aside offset at or after `at` (runs only)
  const size_t* skip_end;
  bool exceptions;
  int side;
  Line line;
  bool advance() {  // false at the end of the range
    if (exceptions) {
      if (at >= end) return false;
      const Exception& e = scan->exceptions[at++];
      line.stack = e.stack;
      line.count = e.count;
      return true;
    }
    for (;;) {
      if (at >= end) return false;
      read_line(bytes, at, &line);  // checked by scan_profile: a stack line
      bool aside = skip != skip_end && *skip == at;
      at = line.next;
      if (!aside) return true;
      ++skip;
    }
  }
};

// Merges the ranges of one part into lines "stack before after", in line order.
void merge_part(std::array<std::string_view, 2> files, const std::array<Scan, 2>& scans,
                const std::vector<Range>& ranges, bool normalize, LineBuffer* out) {
  const std::array<Count, 2> totals = {scans[0].total, scans[1].total};
  std::vector<Head> heads;
  size_t input_bytes = 0;
  for (const Range& r : ranges) {
    const Scan& scan = scans[r.side];
    const size_t* skip = scan.set_aside.data();
    const size_t* skip_end = skip + scan.set_aside.size();
    if (!r.exceptions) {
      skip = std::lower_bound(skip, skip_end, r.begin);
      input_bytes += r.end - r.begin;
    }
    Head h{files[r.side], &scan, r.begin, r.end, skip, skip_end, r.exceptions, r.side, Line()};
    if (h.advance()) heads.push_back(h);
  }
  out->size = 0;
  out->reserve(input_bytes / 2 + 4096);
  std::string_view prev;
  bool first = true, line_order = true;
  while (!heads.empty()) {
    size_t m = 0;
    for (size_t i = 1; i < heads.size(); ++i) {
      if (heads[i].line.stack < heads[m].line.stack) m = i;
    }
    const std::string_view stack = heads[m].line.stack;
    Count counts[2] = {0, 0};
    // Heads stay in file order (runs of the first profile, then of the second), so equal stacks are
    // summed in the order DiffSet sums them.
    for (size_t i = 0; i < heads.size();) {
      Head& h = heads[i];
      bool alive = true;
      while (h.line.stack.data() == stack.data() || h.line.stack == stack) {
        counts[h.side] += h.line.count;
        if (!(alive = h.advance())) break;
      }
      if (alive) {
        ++i;
      } else {
        heads.erase(heads.begin() + static_cast<ptrdiff_t>(i));
      }
    }
    // A stack that continues the one before with a byte <= ' ' can sort before it as a line.
    if (!first && stack.size() > prev.size() && static_cast<unsigned char>(stack[prev.size()]) <= ' ' &&
        stack.substr(0, prev.size()) == prev) {
      line_order = false;
    }
    first = false;
    prev = stack;
    Count before = normalize ? normalize_count(counts[0], totals[0], totals[1]) : counts[0];
    char* p = out->reserve(max_diff_line_bytes(stack.size()));
    out->size = static_cast<size_t>(put_diff_line(p, stack, before, counts[1]) - out->data.get());
  }
  if (!line_order) {
    std::string sorted = sorted_lines(out->view());
    std::memcpy(out->data.get(), sorted.data(), sorted.size());
  }
}

// Two threads take parts in order and merge them; a finished part is written by whichever thread finds it
// next in line (io/ordered_pipeline.h), so writing overlaps merging and the output stays in order. At most
// kAhead parts are merged past the last one written: when writing is the slow side (a disk), merged parts
// would otherwise pile up in memory. With release, a part's pages are mapped again in one call each and
// handed back once merged.
void merge_parts(std::array<const io::MappedFile*, 2> maps, const std::array<Scan, 2>& scans,
                 const std::vector<std::vector<Range>>& parts, bool normalize, bool release, const TextSink& write) {
  constexpr size_t kAhead = 4;
  const std::array<std::string_view, 2> files = {maps[0]->bytes(), maps[1]->bytes()};
  std::array<LineBuffer, kAhead> texts;  // part k is merged into texts[k % kAhead]
  io::run_ordered(
      parts.size(), 2, kAhead,
      [&](size_t k, int) {
        for (const Range& r : parts[k]) {
          if (release && !r.exceptions) maps[r.side]->populate(r.begin, r.end);
        }
        merge_part(files, scans, parts[k], normalize, &texts[k % kAhead]);
        for (const Range& r : parts[k]) {
          if (release && !r.exceptions) maps[r.side]->release(r.begin, r.end);
        }
      },
      [&](size_t k) { write(texts[k % kAhead].view()); });
}

}  // namespace

bool diff_sorted_files(const io::MappedFile& before, const std::string& before_name, const io::MappedFile& after,
                       const std::string& after_name, bool normalize, Diagnostics* diag, const TextSink& write,
                       size_t release_above) {
  if (!before.ok() || !after.ok()) return false;
  const bool release = before.bytes().size() + after.bytes().size() > release_above;
  const std::array<const io::MappedFile*, 2> maps = {&before, &after};
  std::array<Scan, 2> scans;
  std::exception_ptr failure[2];
  std::atomic<bool> give_up{false};
  auto scan = [&](int side, const std::string& name) {
    try {
      scans[side] = scan_profile(*maps[side], name, release, &give_up, diag);
      if (scans[side].declined) give_up = true;
    } catch (...) {
      failure[side] = std::current_exception();
    }
  };
  std::thread second([&] { scan(1, after_name); });
  scan(0, before_name);
  second.join();
  // A declined profile may hold a bad line further on: the general path reads it all and reports it.
  if (scans[0].declined || scans[1].declined) return false;
  for (auto& f : failure) {
    if (f) std::rethrow_exception(f);
  }
  merge_parts(maps, scans, cut_parts(maps, scans, choose_pivots(maps, release), release), normalize, release, write);
  return true;
}

}  // namespace flamekit::diff
