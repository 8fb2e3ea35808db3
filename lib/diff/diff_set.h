// diff_set.h: two folded profiles side by side, as difffolded.pl holds them: every distinct stack with its
// count in the first ("before") and second ("after") profile, 0 where a profile lacks it. difffolded.pl
// treats a stack as one opaque string, and so does this (no per-frame work).
//
// Lines are read in difffolded.pl's dialect (folded/folded_line.h, kDifffolded): the count is the text after
// the last whitespace byte and must be digits with an optional fraction ("12", "3.5", "7."); the stack is
// everything before that byte (so a second space before the count stays in the stack, as in Perl). With
// strip_hex, "0x" and the hex digits after it become "0x..." in the stack (difffolded.pl -s).
//
// Pairing: each profile's lines go into a RunSplitter (stack_runs.h) as they are read, which keeps them
// as a few strictly increasing runs (one when the file is sorted) using comparisons with recent lines only;
// a RunMerger then merges the runs of both profiles in one streaming LCP merge, so the entries come out in
// byte order with no hashing and no string sort. The two profiles are read on two threads. Mapped inputs
// are viewed in place (the mappings stay open as long as the set); other inputs (standard input, gzip,
// pipes) and -s stacks are copied into a per-profile arena.
//
//   Diagnostics diag("flame-diff", /*strict=*/true);
//   DiffSet set;
//   set.read("before.folded", "after.folded", /*strip_hex=*/false, &diag);
//   set.normalize_first();           // -n
//   for (const auto& e : set.entries()) ...   // e.stack, e.counts[0], e.counts[1]
#pragma once

#include <array>
#include <condition_variable>
#include <exception>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/diagnostics.h"
#include "core/error.h"
#include "diff/stack_runs.h"
#include "io/line_reader.h"
#include "io/mapped_file.h"
#include "model/stack_set.h"

namespace flamekit::diff {

using model::Count;

class DiffSet {
 public:
  DiffSet() = default;
  ~DiffSet();
  DiffSet(const DiffSet&) = delete;
  DiffSet& operator=(const DiffSet&) = delete;

  // Reads both profiles ("-" = standard input, gzip transparent). Empty lines are skipped; a line without
  // a count, or with a stack too long to hold, is reported to `diag` at its line and skipped (a strict
  // Diagnostics, flame-diff's, throws Error "path:line: ..."; with two, the first profile's is thrown).
  // Returns once both are read; the pairing then goes on in the background, one key range ("part") after
  // another, and the accessors below wait for what they need.
  void read(const std::string& before, const std::string& after, bool strip_hex, Diagnostics* diag);

  // difffolded.pl -n: if the totals differ, every first count becomes int(count * total2 / total1), computed
  // as Perl does (exact integer arithmetic when the product fits in 64 bits and divides exactly, else
  // doubles), truncated toward zero.
  void normalize_first();
  // What normalize_first() makes of a first count (for writers that scale while they write).
  Count normalized_first(Count c) const;

  // Column totals of the counts as they stand (after normalize_first()).
  Count total(int side) const;

  struct Entry {
    std::string_view stack;  // folded text; lives as long as the set
    std::array<Count, 2> counts;
  };
  // Every distinct stack, in byte order of the stacks. in_order() is true when that is also the order of
  // the output lines "stack before after", i.e. unless a stack is a prefix of another that continues with a
  // byte <= ' ' (then the line order can differ and the writer sorts the lines).
  const std::vector<Entry>& entries() const;
  size_t size() const { return entries().size(); }
  bool in_order() const;

  // The same entries in consecutive parts, each available as soon as it is paired (a part the background
  // thread has not started yet is paired by the caller; ask for them in order). A block of stacks whose
  // line order differs from their byte order (see in_order()) never spans two parts, so a part whose
  // *in_order is false can have its lines sorted on their own.
  size_t parts() const { return parts_.size(); }
  std::span<const Entry> part(size_t k, bool* in_order);

 private:
  // Reads one profile into splitters_[side] and its total into read_totals_[side].
  void load(int side, const std::string& path, bool strip_hex, Diagnostics* diag);
  struct Part {  // runs of both profiles, restricted to one key range
    std::vector<std::span<const StackRec>> runs[2];
    std::vector<Entry> entries;  // merged
    bool in_order = true;
    bool done = false;  // entries complete (guarded by mutex_)
  };
  static std::vector<Part> split_runs(std::vector<std::span<const StackRec>> before,
                                      std::vector<std::span<const StackRec>> after);
  static void merge_part(Part* part);
  void merge_claimed(size_t k);
  // Waits until `parts` parts are merged (in any order).
  void wait_merged(size_t parts) const;

  std::unique_ptr<io::MappedFile> files_[2];    // kept open: entries may point into the mappings
  std::unique_ptr<io::LineReader> readers_[2];  // likewise (LineReader maps stdin if it is a file)
  std::pmr::monotonic_buffer_resource arenas_[2];  // copied stacks, one arena per reading thread
  RunSplitter splitters_[2];
  std::array<Count, 2> read_totals_{0, 0};

  std::vector<Part> parts_;
  std::thread merger_;                     // claims and merges parts_ in order
  mutable std::mutex mutex_;
  mutable std::condition_variable merged_changed_;
  size_t claimed_ = 0;                     // parts taken by a thread so far (guarded by mutex_)
  size_t merged_ = 0;                      // parts merged so far (likewise)
  std::exception_ptr merge_failure_;       // likewise
  mutable std::vector<Entry> entries_;     // all parts, concatenated on first use
  mutable bool entries_built_ = false;
};

// A stack a profile cannot hold (StackRec keeps 32-bit sizes): its kind and message for Diagnostics.
inline constexpr const char* kStackTooLongKind = "stack-too-long";
inline constexpr const char* kStackTooLong = "stack longer than 2 GiB";
inline constexpr size_t kMaxStackBytes = size_t{1} << 31;

// difffolded.pl -n on one first count: int(c1 * total2 / total1) with Perl's arithmetic (exact integer
// operations when the product fits in 64 bits and divides exactly, else doubles), truncated toward zero;
// c1 itself when the totals are equal or total1 is 0.
Count normalize_count(Count c1, Count total1, Count total2);

// Appends `stack` with every "0x<hex digits>" replaced by "0x..." to *out (difffolded.pl -s).
void strip_hex_addresses(std::string_view stack, std::string* out);

}  // namespace flamekit::diff
