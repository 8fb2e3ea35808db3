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
#include "diff/key_parts.h"
#include "diff/profile_scan.h"

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
      LineBuffer text;
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
        LineBuffer next = std::move(texts_[written_]);
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
  std::vector<LineBuffer> texts_;   // merged, not yet written
  std::vector<bool> done_;
  std::vector<LineBuffer> spare_;   // written buffers, for the next parts (fresh memory costs page faults)
  size_t claimed_ = 0, written_ = 0;
  bool writing_ = false;
  std::exception_ptr failure_;
};

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
  PartPipeline pipeline(maps, scans, cut_parts(maps, scans, choose_pivots(maps, release), release), normalize,
                        release, write);
  pipeline.run();
  return true;
}

}  // namespace flamekit::diff
