// layout.h: where flamegraph.pl puts each frame, computed from the trie without sorting the input lines.
//
// flamegraph.pl sorts the input LINES as strings and then merges each line with the one before it. A trie
// gives the same picture if, under each node, its children's lines are visited in that string order:
// under a node, each child c is an "atom" keyed "c;" for the lines that go deeper and one keyed c+tail
// for the lines that end at c (tail = the text after the stack, e.g. " 12"). Sorting the atoms by key and
// merging neighbours that belong to the same child reproduces Perl exactly, including its quirks: a child
// "f" whose lines are separated by a sibling "f.isra.0" (since '.' < ';') becomes two frames, and the
// lines ending at a node come before its children. The flame-chart shape is visited in input order.
//
// Along the walk, time advances by each line's count, frames open and close as in Perl's flow(), and a
// closed frame is kept only if its width reaches minwidth_time. Also reproduced: Perl keys frames by
// "name;depth;end", so a zero-width frame ending where an earlier frame of the same name and depth ended
// replaces it; ends are read back from Perl's 15-digit stringification.
// When counts are integers (no zeros, no fractions), a subtree narrower than minwidth_time is skipped in
// one step, so the walk costs what is drawn, not what was read.
#pragma once

#include <cstdint>
#include <vector>

#include "svg/flame_tree.h"

namespace flamekit::svg {

struct LaidFrame {
  uint32_t frame;     // id in the tree's frames(), or FlameTree::kNone for the root ("all")
  uint32_t depth;     // 0 = root
  double stime;       // start, in counts from the left edge
  double etime;       // end (for the root: the sum of the counts; the writer stretches it to --total)
  double delta = 0;   // differential: the delta flamegraph.pl attaches to this frame
  bool has_delta = false;
  uint32_t seq = 0;   // the order frames closed in (children before parents)
};

struct LayoutParams {
  double minwidth_time = 0;  // frames narrower than this (in counts) are dropped
  bool can_skip = false;     // counts are integral and non-zero: pruned subtrees may be skipped whole
  bool all_differential = false;  // with can_skip: every line has two counts
};

struct Layout {
  std::vector<LaidFrame> frames;  // in no particular order (seq gives the closing order)
  uint32_t depth_max = 0;
  double time = 0;  // the sum of the counts, added in Perl's order
};

Layout lay_out(const FlameTree& tree, const LayoutParams& params);

}  // namespace flamekit::svg
