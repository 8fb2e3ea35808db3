// diff_set.cc: reading both profiles in difffolded.pl's dialect (folded/folded_line.h), pairing them, and
// Perl-exact normalisation.
#include "diff/diff_set.h"

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <cstring>
#include <exception>
#include <thread>

#include "core/error.h"
#include "folded/folded_reader.h"
#include "io/format_sniff.h"
#include "io/line_reader.h"
#include "io/mapped_file.h"

namespace flamekit::diff {
namespace {

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_integral(Count c) { return c >= 0 && c < 1.8e19 && c == std::trunc(c); }

}  // namespace

// int(c1 * total2 / total1) with Perl's arithmetic: the multiplication and the division are exact on
// integers when they can be (IV/UV preserving ops), doubles otherwise.
Count normalize_count(Count c1, Count total1, Count total2) {
  if (total1 == total2 || total1 == 0) return c1;
  if (is_integral(c1) && is_integral(total1) && is_integral(total2) && total1 > 0) {
    unsigned __int128 product = static_cast<unsigned __int128>(static_cast<uint64_t>(c1)) *
                                static_cast<uint64_t>(total2);
    if (product <= UINT64_MAX) {
      uint64_t p = static_cast<uint64_t>(product), t1 = static_cast<uint64_t>(total1);
      // Below 2^53 both are exact doubles and the division is correctly rounded: an exact quotient comes
      // out exact, so one double division gives both of Perl's results, without a 64-bit integer division
      // per stack (-n on 300k stacks: about 5 ms).
      constexpr uint64_t kExactDouble = uint64_t{1} << 53;
      if (p < kExactDouble && t1 < kExactDouble) return std::trunc(static_cast<double>(p) / static_cast<double>(t1));
      if (p % t1 == 0) return static_cast<Count>(p / t1);
      return std::trunc(static_cast<double>(p) / static_cast<double>(t1));
    }
  }
  return std::trunc(c1 * total2 / total1);
}

void strip_hex_addresses(std::string_view stack, std::string* out) {
  for (size_t i = 0; i < stack.size();) {
    if (stack[i] == '0' && i + 2 < stack.size() && stack[i + 1] == 'x' && is_hex_digit(stack[i + 2])) {
      size_t j = i + 2;
      while (j < stack.size() && is_hex_digit(stack[j])) ++j;
      out->append("0x...");
      i = j;
      continue;
    }
    out->push_back(stack[i++]);
  }
}

namespace {

std::string_view keep(std::pmr::monotonic_buffer_resource* arena, std::string_view bytes) {
  char* copy = static_cast<char*>(arena->allocate(bytes.size() ? bytes.size() : 1, 1));
  std::memcpy(copy, bytes.data(), bytes.size());
  return {copy, bytes.size()};
}

// Stacks into a RunSplitter, with the total of their counts. Stacks are copied into `arena` when `copy`
// (the line views do not last) or when -s rewrote them.
class StackAdder {
 public:
  StackAdder(bool copy, bool strip_hex, std::pmr::monotonic_buffer_resource* arena, RunSplitter* runs)
      : copy_(copy), strip_hex_(strip_hex), arena_(arena), runs_(runs) {}
  // Adds one line's stack; `shared` is the number of bytes its line shares with prev() (SIZE_MAX if not
  // known), which spares the splitter a comparison.
  void add(std::string_view stack, Count count, size_t shared) {
    LcpHint hint;
    if (shared != SIZE_MAX && !prev_.empty()) {
      hint = LcpHint{prev_.data(), static_cast<uint32_t>(std::min(shared, stack.size()))};
    }
    if (strip_hex_ && stack.find("0x") != std::string_view::npos) {
      stripped_.clear();
      strip_hex_addresses(stack, &stripped_);
      stack = keep(arena_, stripped_);
      hint = LcpHint();
      prev_ = {};
    } else if (copy_) {
      stack = keep(arena_, stack);
    } else {
      prev_ = stack;
    }
    runs_->add(StackRec{stack.data(), static_cast<uint32_t>(stack.size()), 0, count}, hint);
    total_ += count;
  }
  // The last stack added, as a view of the input (empty if it was rewritten or copied).
  std::string_view prev() const { return prev_; }
  Count total() const { return total_; }

 private:
  bool copy_, strip_hex_;
  std::pmr::monotonic_buffer_resource* arena_;
  RunSplitter* runs_;
  std::string stripped_;
  std::string_view prev_;
  Count total_ = 0;
};

// The lines of a mapped profile, cut as LineReader cuts them but by scan_line, which finds in the same pass
// how many bytes each shares with the stack before it; lines are counted only if a problem is reported.
Count parse_mapped(const std::string& name, std::string_view bytes, bool strip_hex,
                   std::pmr::monotonic_buffer_resource* arena, RunSplitter* runs, Diagnostics* diag) {
  StackAdder adder(false, strip_hex, arena, runs);
  folded::FoldedLine line;
  for (size_t at = 0; at < bytes.size();) {
    size_t shared;
    size_t n = scan_line(bytes.data() + at, bytes.size() - at, adder.prev(), &shared);
    std::string_view text = bytes.substr(at, n);
    const size_t line_start = at;
    at = at + n < bytes.size() ? at + n + 1 : bytes.size();
    folded::LineKind kind = folded::parse_folded_line(folded::Dialect::kDifffolded, text, &line);
    if (kind == folded::LineKind::kBlank) continue;
    if (kind == folded::LineKind::kOther) {
      folded::report_unfolded(folded::Dialect::kDifffolded, Where::text_offset(name, bytes, line_start), diag);
      continue;
    }
    if (line.stack.size() >= kMaxStackBytes) {
      diag->warn(kStackTooLongKind, Where::text_offset(name, bytes, line_start), kStackTooLong);
      continue;
    }
    adder.add(line.stack, line.count, shared);
  }
  return adder.total();
}

// The lines of any other input, through the folded reader.
Count parse_lines(io::LineReader* reader, bool strip_hex, std::pmr::monotonic_buffer_resource* arena,
                  RunSplitter* runs, Diagnostics* diag) {
  StackAdder adder(!reader->views_persist(), strip_hex, arena, runs);
  folded::FoldedReader in(folded::Dialect::kDifffolded, reader, diag);
  folded::FoldedLine line;
  while (in.next(&line)) {
    if (line.stack.size() >= kMaxStackBytes) {
      diag->warn(kStackTooLongKind, in.where(), kStackTooLong);
      continue;
    }
    adder.add(line.stack, line.count, SIZE_MAX);
  }
  return adder.total();
}

}  // namespace

// A regular file is mapped and its pages made present in one call (the whole file is read, and entries
// keep pointing into it, so LineReader's release of pages behind the reader would only make the merge and
// the writer fault them in again). Anything else is opened by LineReader: stacks are copied unless it
// mapped the input itself (standard input redirected from a file), and the reader is kept open.
void DiffSet::load(int side, const std::string& path, bool strip_hex, Diagnostics* diag) {
  RunSplitter& runs = splitters_[side];
  auto file = std::make_unique<io::MappedFile>(path);
  if (file->ok()) {
    std::string_view bytes = file->bytes();
    io::check_input_format(bytes, io::Reader::kDiff, path);
    file->populate(0, bytes.size());
    files_[side] = std::move(file);
    runs.reserve(bytes.size() / 32 + 16);
    read_totals_[side] = parse_mapped(path, bytes, strip_hex, &arenas_[side], &runs, diag);
    return;
  }
  readers_[side] = std::make_unique<io::LineReader>(path);
  io::check_input_format(readers_[side]->peek(io::kSniffBytes), io::Reader::kDiff, path);
  read_totals_[side] = parse_lines(readers_[side].get(), strip_hex, &arenas_[side], &runs, diag);
}

namespace {

constexpr size_t kParts = 16;              // key ranges, so that writing can start after the first
constexpr size_t kSplitAbove = 1 << 14;    // records: below this, one part

bool has_low_byte(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) <= ' ') return true;
  }
  return false;
}

}  // namespace

// Pivots are quantiles of a sample of all records (every step-th of the runs laid end to end), each moved
// forward in its run to a stack with no byte <= ' ': such a stack cannot continue another stack with such a
// byte, so a block that can sort differently as lines (see in_order()) starts and ends inside one part.
// Equal stacks fall in the same part.
std::vector<DiffSet::Part> DiffSet::split_runs(std::vector<std::span<const StackRec>> before,
                                               std::vector<std::span<const StackRec>> after) {
  size_t total = 0;
  for (const auto* runs : {&before, &after}) {
    for (std::span<const StackRec> run : *runs) total += run.size();
  }
  std::vector<std::string_view> pivots;
  if (total >= kSplitAbove) {
    constexpr size_t kSamples = kParts * 16;
    std::vector<std::pair<std::span<const StackRec>, size_t>> sample;  // run, index
    const size_t step = total / kSamples;
    size_t skip = 0;  // records before the next sample, carried from run to run
    for (const auto* runs : {&before, &after}) {
      for (std::span<const StackRec> run : *runs) {
        size_t i = skip;
        for (; i < run.size(); i += step) sample.emplace_back(run, i);
        skip = i - run.size();
      }
    }
    std::sort(sample.begin(), sample.end(), [](const auto& a, const auto& b) {
      return a.first[a.second].stack() < b.first[b.second].stack();
    });
    for (size_t k = 1; k < kParts && !sample.empty(); ++k) {
      auto [run, i] = sample[sample.size() * k / kParts];
      while (i < run.size() && has_low_byte(run[i].stack())) ++i;
      if (i == run.size()) continue;
      std::string_view p = run[i].stack();
      if (pivots.empty() || pivots.back() < p) pivots.push_back(p);
    }
  }
  std::vector<Part> parts(pivots.size() + 1);
  auto below = [](const StackRec& r, std::string_view p) { return r.stack() < p; };
  for (int side : {0, 1}) {
    for (std::span<const StackRec> run : side == 0 ? before : after) {
      size_t begin = 0;
      for (size_t k = 0; k < parts.size(); ++k) {
        size_t end = run.size();
        if (k < pivots.size()) {
          auto cut = std::lower_bound(run.begin() + static_cast<ptrdiff_t>(begin), run.end(), pivots[k], below);
          end = static_cast<size_t>(cut - run.begin());
        }
        if (end > begin) parts[k].runs[side].push_back(run.subspan(begin, end - begin));
        begin = end;
      }
    }
  }
  return parts;
}

void DiffSet::merge_part(Part* part) {
  RunMerger merger;
  size_t most = 0;
  for (int side : {0, 1}) {
    for (std::span<const StackRec> run : part->runs[side]) {
      merger.add_run(run, side);
      most += run.size();
    }
  }
  std::vector<Entry>& out = part->entries;
  out.reserve(most);
  uint32_t last_size = 0;
  MergedStack s;
  while (merger.next(&s)) {
    // The previous stack is a prefix of this one: "prev 1 2" vs "prev\t..." can order the other way.
    if (!out.empty() && s.lcp == last_size && static_cast<unsigned char>(s.data[s.lcp]) <= ' ') {
      part->in_order = false;
    }
    last_size = s.size;
    out.push_back(Entry{s.stack(), {s.counts[0], s.counts[1]}});
  }
}

void DiffSet::read(const std::string& before, const std::string& after, bool strip_hex, Diagnostics* diag) {
  // One thread per profile; errors are raised as a sequential run would raise them (the first's first).
  std::exception_ptr failure[2];
  std::thread second([&] {
    try {
      load(1, after, strip_hex, diag);
    } catch (...) {
      failure[1] = std::current_exception();
    }
  });
  try {
    load(0, before, strip_hex, diag);
  } catch (...) {
    failure[0] = std::current_exception();
  }
  second.join();
  for (auto& f : failure) {
    if (f) std::rethrow_exception(f);
  }
  parts_ = split_runs(splitters_[0].finish(), splitters_[1].finish());
  merger_ = std::thread([this] {
    for (;;) {
      size_t k;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (claimed_ == parts_.size() || merge_failure_) return;
        k = claimed_++;
      }
      try {
        merge_claimed(k);
      } catch (...) {
        return;  // kept in merge_failure_
      }
    }
  });
}

DiffSet::~DiffSet() {
  if (merger_.joinable()) merger_.join();
}

// Merges part k (claimed by the caller) and marks it done; a failure is kept for the waiters and rethrown.
void DiffSet::merge_claimed(size_t k) {
  try {
    merge_part(&parts_[k]);
  } catch (...) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!merge_failure_) merge_failure_ = std::current_exception();
    merged_changed_.notify_all();
    throw;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    parts_[k].done = true;
    ++merged_;
  }
  merged_changed_.notify_all();
}

void DiffSet::wait_merged(size_t parts) const {
  std::unique_lock<std::mutex> lock(mutex_);
  merged_changed_.wait(lock, [&] { return merged_ >= parts || merge_failure_; });
  if (merge_failure_) std::rethrow_exception(merge_failure_);
}

// The writer asks for the parts in order. One not yet claimed by the merger thread is merged right here
// (claims go in order, so it is the next one), so neither thread waits while work is left, and a busy
// machine that leaves the merger thread unscheduled does not stall the writer.
std::span<const DiffSet::Entry> DiffSet::part(size_t k, bool* in_order) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (!parts_[k].done && claimed_ == k && !merge_failure_) {
    claimed_ = k + 1;
    lock.unlock();
    merge_claimed(k);
  } else {
    merged_changed_.wait(lock, [&] { return parts_[k].done || merge_failure_; });
    if (merge_failure_) std::rethrow_exception(merge_failure_);
  }
  *in_order = parts_[k].in_order;
  return parts_[k].entries;
}

const std::vector<DiffSet::Entry>& DiffSet::entries() const {
  wait_merged(parts_.size());
  if (!entries_built_) {
    size_t n = 0;
    for (const Part& p : parts_) n += p.entries.size();
    entries_.reserve(n);
    for (const Part& p : parts_) entries_.insert(entries_.end(), p.entries.begin(), p.entries.end());
    entries_built_ = true;
  }
  return entries_;
}

bool DiffSet::in_order() const {
  wait_merged(parts_.size());
  for (const Part& p : parts_) {
    if (!p.in_order) return false;
  }
  return true;
}

Count DiffSet::normalized_first(Count c) const { return normalize_count(c, read_totals_[0], read_totals_[1]); }

void DiffSet::normalize_first() {
  wait_merged(parts_.size());
  const Count total1 = read_totals_[0], total2 = read_totals_[1];
  if (total1 == total2 || total1 == 0) return;
  for (Part& p : parts_) {
    for (Entry& e : p.entries) e.counts[0] = normalize_count(e.counts[0], total1, total2);
  }
  entries_.clear();
  entries_built_ = false;
}

Count DiffSet::total(int side) const {
  wait_merged(parts_.size());
  Count sum = 0;
  for (const Part& p : parts_) {
    for (const Entry& e : p.entries) sum += e.counts[side];
  }
  return sum;
}

}  // namespace flamekit::diff
