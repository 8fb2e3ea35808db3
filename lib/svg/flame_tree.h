// flame_tree.h: the merged stacks flame-svg draws, as a trie of interned frame ids. Memory follows the
// number of distinct stack prefixes, never the number of input lines: "a;b 3" read a million times is one
// path of two nodes.
//
// Two shapes, as flamegraph.pl builds them:
//   - merged (default): children are found by frame id, so every "a;b;..." shares one "b" under "a";
//     children are unordered here; layout.h orders them as Perl's sort of the input lines does.
//   - flame chart (--flamechart): only the LAST child is ever matched, so a frame is merged only with the
//     line just before it, and children keep input order. A line ending at a node adds a "gap" child
//     (frame kGap) that holds its count, so the node's own time stays at its place in time.
// Each line ending at a node (merged shape) is remembered by its smallest "tail" (the line text after the
// stack, e.g. " 12"), which is what Perl's sort compares, and by that line's delta for differentials.
//
//   FlameTree tree(false);
//   tree.add("main;work", " 3", 3, 0, false);
//   tree.node(tree.root()).total == 3
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "model/frame_table.h"

namespace flamekit::svg {

class FlameTree {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  static constexpr uint32_t kGap = UINT32_MAX - 1;  // frame id of a flame-chart gap (the parent's own time)

  struct Node {
    uint32_t frame;                 // id in frames(), kGap, or kNone for the root
    uint32_t first_child = kNone;
    uint32_t next_sibling = kNone;
    uint32_t self = kNone;          // index in selves() if lines end here (or this is a gap)
    double total = 0;               // sum of the counts of every line through this node
  };
  // The lines that end at a node: their summed count, and the first of them in Perl's sort order.
  struct Self {
    double count = 0;
    double delta = 0;        // of the first line (flamegraph.pl only uses that one)
    uint32_t tail = 0;       // id in tails() of the first line's tail
    bool differential = false;
  };

  // `max_nodes` bounds the trie (node ids are 32-bit; tests pass a small bound): add() throws Error when a
  // line would need more.
  explicit FlameTree(bool flamechart, uint32_t max_nodes = kGap);

  // Adds one line. `stack` is the frames text with trailing empty frames dropped (may be empty: the line
  // then counts for the root only); `tail` is the rest of the line, used for ordering. Throws Error if the
  // trie would outgrow max_nodes.
  void add(std::string_view stack, std::string_view tail, double count, double delta, bool differential);
  // Call once after the last add(): puts flame-chart children into input order and frees the index.
  void finish();

  uint32_t root() const { return 0; }
  const Node& node(uint32_t i) const { return chunks_[i >> kChunkBits][i & (kChunkSize - 1)]; }
  const Self& self(uint32_t i) const { return selves_[i]; }
  size_t size() const { return size_; }
  bool flamechart() const { return flamechart_; }
  const model::FrameTable& frames() const { return frames_; }
  const model::FrameTable& tails() const { return tails_; }

 private:
  static constexpr uint32_t kChunkBits = 12, kChunkSize = 1u << kChunkBits;
  // A parent with more children than this gets its children indexed by frame; smaller lists are scanned.
  static constexpr uint32_t kScanLimit = 8;

  Node& mut(uint32_t i) { return chunks_[i >> kChunkBits][i & (kChunkSize - 1)]; }
  uint32_t child(uint32_t parent, uint32_t frame);
  uint32_t new_node(uint32_t parent, uint32_t frame);
  void add_self(uint32_t node, std::string_view tail, double count, double delta, bool differential);

  bool flamechart_;
  uint32_t max_nodes_;
  // Nodes in fixed chunks of 4096: growing never copies them, so the peak is the size, not twice it.
  std::vector<std::unique_ptr<Node[]>> chunks_;
  uint32_t size_ = 0;
  std::vector<Self> selves_;
  model::FrameTable frames_;
  model::FrameTable tails_;
  // (parent << 32 | frame) -> child, for the parents in indexed_ only (merged shape).
  absl::flat_hash_map<uint64_t, uint32_t> index_;
  std::vector<bool> indexed_;
  // The previous line, so a line sharing its leading frames reuses their nodes without a lookup.
  std::string prev_stack_;
  std::vector<uint32_t> prev_ends_;  // end offset of each frame of prev_stack_
  std::vector<uint32_t> path_;       // node at each depth of the previous line (path_[0] = root)
};

}  // namespace flamekit::svg
