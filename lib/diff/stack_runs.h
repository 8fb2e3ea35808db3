// stack_runs.h: putting one profile's stacks in byte order, and pairing two profiles, by merging sorted
// runs that carry longest-common-prefix (LCP) lengths. Folded stacks share long prefixes (in the bench
// corpus only a fifth of a stack differs from the stack before), so comparing stacks from byte 0 is what
// makes a plain sort or merge slow; with the LCP of every record to the one before it in its run, a merge
// decides most steps from two integers and compares bytes only past the shared prefix (Ng and Kakehi's
// LCP merge, as in Bingmann's string sorters).
//
// Input arrives in file order. RunSplitter keeps it as a main sequence of strictly increasing runs and a
// list of exceptions: a record above both its neighbours (a "spike") or below both (a "dip") goes to the
// exceptions, which are split into runs the same way. Sorted files give one run (or one per sorted file
// concatenated) and no exceptions; a sorted file with a few lines changed gives one run plus a few
// exceptions; shuffled input gives many short runs, and the merging below is then an LCP merge sort
// (O(n log n) integer steps plus the distinguishing bytes). Every comparison the splitter makes is with
// a record read a few lines before, still in cache. The runs of both profiles are then merged by RunMerger
// in one streaming pass; equal stacks are summed, in a run or in a merge.
//
//   RunSplitter before, after;
//   for (...) before.add(StackRec{data, size, 0, count});   // and after.add(...)
//   RunMerger merger;  (see below)
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "model/stack_set.h"

namespace flamekit::diff {

using model::Count;

// One line of one profile.
struct StackRec {
  const char* data;
  uint32_t size;
  uint32_t lcp;  // bytes shared with the previous record of its run; 0 for the first record of a run
  Count count;
  std::string_view stack() const { return {data, size}; }
};

// One distinct stack of both profiles, as the merge yields them.
struct MergedStack {
  const char* data;
  uint32_t size;
  uint32_t lcp;     // bytes shared with the previously yielded stack; 0 for the first
  Count counts[2];  // before, after
  std::string_view stack() const { return {data, size}; }
};

// First index >= from where a and b differ, or the shorter length if one is a prefix of the other.
// Requires: the first `from` bytes are equal and from <= min(a.size(), b.size()).
uint32_t mismatch(std::string_view a, std::string_view b, uint32_t from);

// Byte-wise three-way comparison (<0, 0, >0) of a and b whose first `from` bytes are known equal; sets
// *lcp to their common prefix length.
int compare_from(std::string_view a, std::string_view b, uint32_t from, uint32_t* lcp);

// Finds the end of the line starting at p: the offset of the first '\n' in [p, p + avail), or avail. In the
// same pass, sets *shared to the number of leading bytes the line shares with `prev`, counted up to the
// shorter of the two (a parser compares each line with the one before while it is in cache anyway).
size_t scan_line(const char* p, size_t avail, std::string_view prev, size_t* shared);

// A known comparison for RunSplitter::add: the record shares exactly `lcp` bytes with the stack at `prev`.
struct LcpHint {
  const char* prev = nullptr;
  uint32_t lcp = 0;
};

// Keeps one profile's records, in input order, as strictly increasing runs (see the top of this file).
class RunSplitter {
 public:
  // Room for n records without reallocating (an estimate from the input size).
  void reserve(size_t n) { main_.recs.reserve(n); }
  // Takes the next record in input order (its lcp is ignored). The bytes must outlive the runs.
  void add(const StackRec& r, LcpHint hint = {});
  // Ends the input and returns the runs: each strictly increasing with lcp filled. Together they hold
  // every stack added (equal stacks in one run summed; equal stacks in different runs are not). The
  // spans point into the splitter.
  std::vector<std::span<const StackRec>> finish();

  size_t exceptions() const { return exceptions_; }  // records set aside so far (for tests)

 private:
  struct Sequence {  // strictly increasing runs, back to back
    std::vector<StackRec> recs;
    std::vector<size_t> starts;  // index of each run's first record
    size_t last_run_size() const { return recs.size() - starts.back(); }
  };
  // Appends r to s: to its last run if greater than the last record, summed into it if equal, else as
  // the first record of a new run.
  static void append(Sequence* s, StackRec r);
  void set_aside(const StackRec& r);
  void start_run(StackRec r);

  Sequence main_;
  Sequence exceptions_seq_;
  size_t exceptions_ = 0;
  bool has_pending_ = false;  // pending_ is below the last main record: a dip, or the start of a new run
  StackRec pending_{};
};

// Merges runs (of both profiles) into one sequence in byte order with equal stacks summed, streaming: runs
// of one profile whose ranges do not overlap (sorted files concatenated) are chained into one leaf, and the
// leaves are merged by a tree of two-way LCP merges shaped by size (Huffman), so the long runs pass through
// the fewest merges. Nothing is copied.
//
//   RunMerger merger;
//   for (auto run : splitter0.finish()) merger.add_run(run, 0);
//   for (auto run : splitter1.finish()) merger.add_run(run, 1);
//   MergedStack s;
//   while (merger.next(&s)) ...
class RunMerger {
 public:
  // Adds a run (strictly increasing, lcp filled) of profile `side` (0 or 1). Only before the first next().
  void add_run(std::span<const StackRec> run, int side);
  // The next stack; false at the end.
  bool next(MergedStack* out);

 private:
  enum Last { kNone, kX, kY, kBoth };
  struct Segment {  // one run of a chain
    const StackRec* begin;
    const StackRec* end;
    uint32_t first_lcp;  // of its first record to the previous segment's last
  };
  struct Node {
    // leaf: a chain of runs
    std::vector<Segment> chain;
    size_t link = 0;  // current segment
    const StackRec* at = nullptr;
    const StackRec* end = nullptr;
    int side = 0;
    // merge of nodes x and y
    int x = -1, y = -1;
    MergedStack xh{}, yh{};  // their heads
    bool x_ok = false, y_ok = false;
    int c = 0;        // order of xh and yh
    uint32_t h = 0;   // their lcp
    Last last = kNone;
    uint32_t last_h = 0;  // h when the last stack was yielded
    bool started = false;
  };
  bool pull(int node, MergedStack* out);
  bool pull_leaf(Node& n, MergedStack* out);
  bool pull_merge(Node& n, MergedStack* out);
  void yield_lower(Node& n, Last from, MergedStack* out);
  static uint32_t own_lcp(const Node& n, const MergedStack& head, Last from);
  void build();

  std::vector<std::span<const StackRec>> runs_[2];
  std::vector<Node> nodes_;
  int root_ = -1;
};

}  // namespace flamekit::diff
