// profile_scan.cc: one pass over a mapped folded profile (see profile_scan.h).
#include "diff/profile_scan.h"

#include <cstring>

#include "core/error.h"
#include "diff/diff_set.h"
#include "diff/stack_runs.h"
#include "folded/folded_reader.h"

namespace flamekit::diff {
namespace {

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

}  // namespace

folded::LineKind read_line(std::string_view bytes, size_t at, Line* line) {
  const char* p = bytes.data() + at;
  size_t avail = bytes.size() - at;
  const char* nl = static_cast<const char*>(std::memchr(p, '\n', avail));
  size_t n = nl ? static_cast<size_t>(nl - p) : avail;
  line->next = at + n + (nl ? 1 : 0);
  folded::FoldedLine parsed;
  folded::LineKind kind = folded::parse_folded_line(folded::Dialect::kDifffolded, std::string_view(p, n), &parsed);
  line->stack = parsed.stack;
  line->count = parsed.count;
  return kind;
}

Scan scan_profile(const io::MappedFile& file, const std::string& name, bool release, std::atomic<bool>* give_up,
                  Diagnostics* diag) {
  const std::string_view bytes = file.bytes();
  Scan scan;
  scan.runs.push_back(0);
  std::string_view last, before_last;  // the last two stacks kept in the current run
  size_t last_at = 0;
  Count last_count = 0;
  bool have_last = false, have_before_last = false;
  size_t block = 0, present = 0, lines = 0;  // bytes()[block, present) populated; what is before, released
  folded::FoldedLine parsed;
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
    folded::LineKind kind = folded::parse_folded_line(folded::Dialect::kDifffolded, bytes.substr(at, n), &parsed);
    const bool too_long = kind == folded::LineKind::kStack && parsed.stack.size() >= kMaxStackBytes;
    if (kind == folded::LineKind::kBlank || ((kind == folded::LineKind::kOther || too_long) && !diag->strict())) {
      scan.declined = true;
      return scan;
    }
    if (kind == folded::LineKind::kOther) {
      folded::report_unfolded(folded::Dialect::kDifffolded, Where::text_offset(name, bytes, at), diag);
    }
    if (too_long) diag->warn(kStackTooLongKind, Where::text_offset(name, bytes, at), kStackTooLong);
    const std::string_view stack = parsed.stack;
    const Count count = parsed.count;
    scan.total += count;
    size_t common = std::min(shared, stack.size());
    bool below = have_last && common < last.size() &&
                 (common == stack.size() ||
                  static_cast<unsigned char>(stack[common]) < static_cast<unsigned char>(last[common]));
    bool new_run = false;
    if (below) {
      Line after;
      bool have_after = next < bytes.size() && read_line(bytes, next, &after) == folded::LineKind::kStack;
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


}  // namespace flamekit::diff
