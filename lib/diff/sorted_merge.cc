// sorted_merge.cc: the streaming fast path of flame-diff (see sorted_merge.h).
#include "diff/sorted_merge.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "core/error.h"
#include "diff/diff_lines.h"
#include "diff/diff_set.h"
#include "diff/stack_runs.h"

namespace flamekit::diff {
namespace {

// Key ranges ("parts"): two threads merge them, and they are written in order. At least kMinParts, so
// that writing starts early; more for big inputs, so that a part's input stays near kPartBytes and memory
// with it when pages are handed back.
constexpr size_t kMinParts = 16;
constexpr size_t kPartBytes = size_t{16} << 20;
constexpr size_t kSamplesPerPart = 8;  // stacks sampled per part and file to place the cuts,
constexpr size_t kMaxSamples = 1024;   // up to this many per file

enum class LineKind { kStack, kBlank, kBad };

// One line of a profile: its stack and count, and where the next line starts.
struct Line {
  std::string_view stack;
  Count count = 0;
  size_t next = 0;
};

// Reads the line of `bytes` that starts at `at` (< bytes.size()), as DiffSet reads it: a trailing '\r' is
// dropped, an empty line is blank, and anything else must end in a count.
LineKind read_line(std::string_view bytes, size_t at, Line* line) {
  const char* p = bytes.data() + at;
  size_t avail = bytes.size() - at;
  const char* nl = static_cast<const char*>(std::memchr(p, '\n', avail));
  size_t n = nl ? static_cast<size_t>(nl - p) : avail;
  line->next = at + n + (nl ? 1 : 0);
  std::string_view text(p, n);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  if (text.empty()) return LineKind::kBlank;
  return split_folded_line(text, &line->stack, &line->count) ? LineKind::kStack : LineKind::kBad;
}

Error error_at(const std::string& name, std::string_view bytes, size_t at, const char* message) {
  int64_t line = 1 + std::count(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(at), '\n');
  return Error::at_line(name, line, message);
}

// A line set aside by the scan because it is out of order with its neighbours.
struct Exception {
  std::string_view stack;
  Count count;
};

// What one pass over a profile finds: its total, where its sorted runs start, and the lines set aside.
struct Scan {
  Count total = 0;                   // summed in file order, as DiffSet sums it
  std::vector<size_t> runs;          // byte offsets of the first line of each run; runs[0] == 0
  std::vector<size_t> set_aside;     // byte offsets of the lines taken out of the runs, increasing
  std::vector<Exception> exceptions; // those lines, sorted by stack (stable: file order among equals)
  bool declined = false;             // too many runs or exceptions, or a blank line
};

// Sorts exceptions by stack, keeping file order among equal stacks. Lines changed in place in a sorted
// file come out as a few sorted runs among themselves (one per sorted run of the file), so this is a
// natural merge sort: adjacent runs are merged pairwise until one is left, O(n log runs).
void sort_by_stack(std::vector<Exception>* exceptions) {
  auto by_stack = [](const Exception& x, const Exception& y) { return x.stack < y.stack; };
  auto first = exceptions->begin();
  std::vector<ptrdiff_t> bounds = {0};  // where each run starts, then the end
  for (size_t i = 1; i < exceptions->size(); ++i) {
    if (by_stack((*exceptions)[i], (*exceptions)[i - 1])) bounds.push_back(static_cast<ptrdiff_t>(i));
  }
  bounds.push_back(static_cast<ptrdiff_t>(exceptions->size()));
  while (bounds.size() > 2) {
    std::vector<ptrdiff_t> merged = {0};
    for (size_t r = 0; r + 1 < bounds.size(); r += 2) {
      if (r + 2 < bounds.size()) {
        std::inplace_merge(first + bounds[r], first + bounds[r + 1], first + bounds[r + 2], by_stack);
        merged.push_back(bounds[r + 2]);
      } else {
        merged.push_back(bounds[r + 1]);
      }
    }
    bounds = std::move(merged);
  }
}

// Lines set aside are sorted at the end; beyond this share of the lines the general path does better.
constexpr size_t kMaxExceptionShare = 4;  // at most 1 line in 4

// Checks every line of a profile (throwing Error for a bad one) and cuts it into a few sorted runs by stack
// (stacks, not lines: "a 5" and "a b 3" are in line order but not in stack order when the space is part of
// a frame). A line below the last one kept is judged with its neighbours, as RunSplitter judges: if the
// line after it is not below the last one kept, this line is a dip and is set aside; if the run can go on
// from the one kept before the last (to this line or the next), the last one is a spike and is set aside
// (and this line too if it is still below); otherwise a new run starts. Every run stays sorted whatever the
// judgement, so a wrong guess costs speed, never correctness. Stops early once declined; the other
// profile's scan sets `give_up` when it declines. The pages of the mapping are made present a block at a
// time, so that declining early costs nothing.
Scan scan_profile(const io::MappedFile& file, const std::string& name, bool release, std::atomic<bool>* give_up) {
  const std::string_view bytes = file.bytes();
  Scan scan;
  scan.runs.push_back(0);
  std::string_view last, before_last;  // the last two stacks kept in the current run
  size_t last_at = 0;
  Count last_count = 0;
  bool have_last = false, have_before_last = false;
  size_t block = 0, present = 0, lines = 0;  // bytes()[block, present) populated; what is before, released
  auto set_aside = [&](size_t at, std::string_view stack, Count count) {
    scan.set_aside.push_back(at);
    scan.exceptions.push_back({stack, count});
  };
  for (size_t at = 0; at < bytes.size(); ++lines) {
    if (at >= present) {
      if (give_up->load(std::memory_order_relaxed) ||
          (scan.exceptions.size() > 1024 && scan.exceptions.size() * kMaxExceptionShare > lines)) {
        scan.declined = true;
        return scan;
      }
      if (release) file.release(block, at);
      block = at;
      present = std::min(bytes.size(), at + io::MappedFile::kReleaseStep);
      file.populate(at, present);
    }
    // The line's end, and in the same pass the bytes it shares with the last stack (stack_runs.h).
    size_t shared;
    size_t n = scan_line(bytes.data() + at, bytes.size() - at, last, &shared);
    size_t next = at + n + (at + n < bytes.size() ? 1 : 0);
    std::string_view text = bytes.substr(at, n), stack;
    Count count;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.empty()) {
      scan.declined = true;
      return scan;
    }
    if (!split_folded_line(text, &stack, &count)) throw error_at(name, bytes, at, kNotFoldedLine);
    if (stack.size() >= kMaxStackBytes) throw error_at(name, bytes, at, kStackTooLong);
    scan.total += count;
    size_t common = std::min(shared, stack.size());
    bool below = have_last && common < last.size() &&
                 (common == stack.size() ||
                  static_cast<unsigned char>(stack[common]) < static_cast<unsigned char>(last[common]));
    bool new_run = false;
    if (below) {
      Line after;
      bool have_after = next < bytes.size() && read_line(bytes, next, &after) == LineKind::kStack;
      if (!have_after || after.stack >= last) {  // this line is a dip
        set_aside(at, stack, count);
        at = next;
        continue;
      }
      // The last one kept is a spike if the run can go on without it, from this line or the next.
      if (have_before_last && (stack >= before_last || after.stack >= before_last)) {
        set_aside(last_at, last, last_count);
        last = before_last;
        have_before_last = false;
        if (stack < last) {  // and this line a dip
          set_aside(at, stack, count);
          at = next;
          continue;
        }
      } else {
        if (scan.runs.size() == kMaxRuns) {
          scan.declined = true;
          return scan;
        }
        scan.runs.push_back(at);
        new_run = true;
      }
    }
    if (have_last && !new_run) {
      before_last = last;
      have_before_last = true;
    }
    last = stack;
    last_at = at;
    last_count = count;
    have_last = true;
    at = next;
  }
  if (release) file.release(block, bytes.size());
  std::sort(scan.set_aside.begin(), scan.set_aside.end());
  sort_by_stack(&scan.exceptions);
  return scan;
}

bool has_low_byte(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) <= ' '; });
}

// The first line start of `bytes` at or after `at`.
size_t line_start_from(std::string_view bytes, size_t at) {
  if (at == 0 || at >= bytes.size() || bytes[at - 1] == '\n') return std::min(at, bytes.size());
  const void* nl = std::memchr(bytes.data() + at, '\n', bytes.size() - at);
  return nl ? static_cast<size_t>(static_cast<const char*>(nl) - bytes.data()) + 1 : bytes.size();
}

// Cut points of the key space: stacks sampled at even byte offsets of both files, increasing. None holds a
// byte <= ' ', so none can continue a stack with such a byte, and a block of stacks whose line order
// differs from their byte order never spans two parts.
std::vector<std::string> choose_pivots(std::array<const io::MappedFile*, 2> maps, bool release) {
  const size_t total = maps[0]->bytes().size() + maps[1]->bytes().size();
  const size_t parts = std::max(kMinParts, total / kPartBytes);
  const size_t kSamples = std::min(parts * kSamplesPerPart, kMaxSamples);
  std::vector<std::string> samples;  // copies: with `release`, the pages they come from are handed back
  for (const io::MappedFile* map : maps) {
    std::string_view bytes = map->bytes();
    for (size_t k = 1; k < kSamples; ++k) {
      size_t at = line_start_from(bytes, bytes.size() / kSamples * k);
      for (int tries = 0; tries < 8 && at < bytes.size(); ++tries) {  // a few lines on, past low bytes
        Line line;
        if (read_line(bytes, at, &line) != LineKind::kStack) break;
        if (!has_low_byte(line.stack)) {
          samples.emplace_back(line.stack);
          break;
        }
        at = line.next;
      }
    }
    if (release) map->release(0, bytes.size());
  }
  std::sort(samples.begin(), samples.end());
  std::vector<std::string> pivots;
  for (size_t k = 1; k < parts && !samples.empty(); ++k) {
    const std::string& p = samples[samples.size() * k / parts];
    if (pivots.empty() || pivots.back() < p) pivots.push_back(p);
  }
  return pivots;
}

// True if the line starting at `at` was set aside.
bool is_set_aside(const Scan& scan, size_t at) {
  return std::binary_search(scan.set_aside.begin(), scan.set_aside.end(), at);
}

// The start of the first kept line in [lo, hi) of `bytes` whose stack is not below `pivot`, or a line
// start before it with only set-aside lines between, or hi. The kept lines of [lo, hi) are in stack
// order; lo and hi are line starts. Bisects byte offsets, each step reading the line that holds the middle
// byte (or the next kept one).
size_t lower_bound_line(std::string_view bytes, const Scan& scan, size_t lo, size_t hi, std::string_view pivot) {
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const void* nl = ::memrchr(bytes.data() + lo, '\n', mid - lo);
    size_t start = nl ? static_cast<size_t>(static_cast<const char*>(nl) - bytes.data()) + 1 : lo;
    Line line;
    size_t kept = start;
    for (read_line(bytes, kept, &line); kept < hi && is_set_aside(scan, kept); read_line(bytes, kept, &line)) {
      kept = line.next;
      if (kept >= hi) break;
    }
    if (kept < hi && line.stack < pivot) {
      lo = line.next;
    } else {
      hi = start;
    }
  }
  return lo;
}

// What one part merges: byte ranges of runs, and slices of the sorted exceptions.
struct Range {
  int side;             // 0 = before, 1 = after
  size_t begin, end;    // bytes of a run, or indexes into the side's exceptions
  bool exceptions;
};

// The ranges of every run and of the exceptions, cut at the pivots: ranges[k] are part k's, in file order
// (each side's runs, then its exceptions; the first side first). With `release`, the pages of a range are
// handed back once it is cut: the kernel maps 64 KB around every line a bisection reads.
std::vector<std::vector<Range>> cut_parts(std::array<const io::MappedFile*, 2> maps, const std::array<Scan, 2>& scans,
                                          const std::vector<std::string>& pivots, bool release) {
  std::vector<std::vector<Range>> parts(pivots.size() + 1);
  for (int side : {0, 1}) {
    std::string_view bytes = maps[side]->bytes();
    const Scan& scan = scans[side];
    for (size_t r = 0; r < scan.runs.size(); ++r) {
      const size_t run_end = r + 1 < scan.runs.size() ? scan.runs[r + 1] : bytes.size();
      size_t begin = scan.runs[r];
      for (size_t k = 0; k < parts.size(); ++k) {
        size_t cut = k < pivots.size() ? lower_bound_line(bytes, scan, begin, run_end, pivots[k]) : run_end;
        if (cut > begin) parts[k].push_back(Range{side, begin, cut, false});
        if (release) maps[side]->release(begin, run_end);
        begin = cut;
      }
    }
    size_t begin = 0;
    for (size_t k = 0; k < parts.size(); ++k) {
      size_t cut = scan.exceptions.size();
      if (k < pivots.size()) {
        cut = static_cast<size_t>(
            std::lower_bound(scan.exceptions.begin() + static_cast<ptrdiff_t>(begin), scan.exceptions.end(),
                             pivots[k], [](const Exception& e, std::string_view p) { return e.stack < p; }) -
            scan.exceptions.begin());
      }
      if (cut > begin) parts[k].push_back(Range{side, begin, cut, true});
      begin = cut;
    }
  }
  return parts;
}

// Output text of a part, in a buffer reused from part to part.
struct Text {
  std::unique_ptr<char[]> data;
  size_t size = 0, capacity = 0;
  // Room for `bytes` more.
  char* reserve(size_t bytes) {
    if (size + bytes > capacity) {
      size_t grown = std::max(size + bytes, capacity + capacity / 2);
      std::unique_ptr<char[]> bigger(new char[grown]);
      if (size > 0) std::memcpy(bigger.get(), data.get(), size);
      data = std::move(bigger);
      capacity = grown;
    }
    return data.get() + size;
  }
  std::string_view view() const { return {data.get(), size}; }
};

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
                const std::vector<Range>& ranges, bool normalize, Text* out) {
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
// next in line, so writing overlaps merging and the output stays in order.
class PartPipeline {
 public:
  PartPipeline(std::array<const io::MappedFile*, 2> maps, const std::array<Scan, 2>& scans,
               std::vector<std::vector<Range>> parts, bool normalize, bool release, const TextSink& write)
      : maps_(maps), files_({maps[0]->bytes(), maps[1]->bytes()}), scans_(scans), parts_(std::move(parts)),
        normalize_(normalize), release_(release), write_(write),
        texts_(parts_.size()), done_(parts_.size(), false) {}

  void run() {
    std::thread helper([this] { work(); });
    work();
    helper.join();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  void work() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      // At most kAhead parts past the last one written: when writing is the slow side (a disk), merged
      // parts would otherwise pile up in memory.
      written_changed_.wait(lock, [&] { return failure_ || claimed_ == parts_.size() || claimed_ < written_ + kAhead; });
      if (failure_ || claimed_ == parts_.size()) return;
      size_t k = claimed_++;
      Text text;
      if (!spare_.empty()) {
        text = std::move(spare_.back());
        spare_.pop_back();
      }
      lock.unlock();
      try {
        // With release, the part's pages are mapped again in one call each and handed back once merged.
        for (const Range& r : parts_[k]) {
          if (release_ && !r.exceptions) maps_[r.side]->populate(r.begin, r.end);
        }
        merge_part(files_, scans_, parts_[k], normalize_, &text);
        for (const Range& r : parts_[k]) {
          if (release_ && !r.exceptions) maps_[r.side]->release(r.begin, r.end);
        }
      } catch (...) {
        lock.lock();
        if (!failure_) failure_ = std::current_exception();
        written_changed_.notify_all();
        return;
      }
      lock.lock();
      texts_[k] = std::move(text);
      done_[k] = true;
      if (writing_) continue;  // the thread that is writing takes this part when its turn comes
      writing_ = true;
      while (written_ < parts_.size() && done_[written_] && !failure_) {
        Text next = std::move(texts_[written_]);
        lock.unlock();
        try {
          write_(next.view());
        } catch (...) {
          lock.lock();
          failure_ = std::current_exception();
          written_changed_.notify_all();
          break;
        }
        lock.lock();
        ++written_;
        spare_.push_back(std::move(next));
        written_changed_.notify_all();
      }
      writing_ = false;
    }
  }

  std::array<const io::MappedFile*, 2> maps_;
  std::array<std::string_view, 2> files_;
  const std::array<Scan, 2>& scans_;
  std::vector<std::vector<Range>> parts_;
  bool normalize_;
  bool release_;
  const TextSink& write_;

  static constexpr size_t kAhead = 4;
  std::mutex mutex_;  // guards everything below
  std::condition_variable written_changed_;
  std::vector<Text> texts_;   // merged, not yet written
  std::vector<bool> done_;
  std::vector<Text> spare_;   // written buffers, for the next parts (fresh memory costs page faults)
  size_t claimed_ = 0, written_ = 0;
  bool writing_ = false;
  std::exception_ptr failure_;
};

}  // namespace

bool diff_sorted_files(const io::MappedFile& before, const std::string& before_name, const io::MappedFile& after,
                       const std::string& after_name, bool normalize, const TextSink& write,
                       size_t release_above) {
  if (!before.ok() || !after.ok()) return false;
  const bool release = before.bytes().size() + after.bytes().size() > release_above;
  const std::array<const io::MappedFile*, 2> maps = {&before, &after};
  std::array<Scan, 2> scans;
  std::exception_ptr failure[2];
  std::atomic<bool> give_up{false};
  auto scan = [&](int side, const std::string& name) {
    try {
      scans[side] = scan_profile(*maps[side], name, release, &give_up);
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
  PartPipeline pipeline(maps, scans, cut_parts(maps, scans, choose_pivots(maps, release), release), normalize,
                        release, write);
  pipeline.run();
  return true;
}

}  // namespace flamekit::diff
