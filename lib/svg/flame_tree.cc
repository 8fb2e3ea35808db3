// flame_tree.cc: trie insertion with a shortcut for the common case of sorted input: the leading frames a
// line shares byte for byte with the previous line are the same nodes, found without hashing.
#include "svg/flame_tree.h"

#include <algorithm>
#include <cstring>

namespace flamekit::svg {

FlameTree::FlameTree(bool flamechart) : flamechart_(flamechart) {
  nodes_.push_back(Node{kNone});
  path_.push_back(0);
}

uint32_t FlameTree::new_node(uint32_t parent, uint32_t frame) {
  uint32_t id = static_cast<uint32_t>(nodes_.size());
  Node n{frame};
  n.next_sibling = nodes_[parent].first_child;  // prepended: newest first, see finish()
  nodes_.push_back(n);
  nodes_[parent].first_child = id;
  return id;
}

uint32_t FlameTree::child(uint32_t parent, uint32_t frame) {
  if (flamechart_) {
    uint32_t last = nodes_[parent].first_child;
    if (last != kNone && nodes_[last].frame == frame) return last;
    return new_node(parent, frame);
  }
  uint64_t key = (uint64_t{parent} << 32) | frame;
  auto [it, inserted] = index_.try_emplace(key, 0);
  if (inserted) it->second = new_node(parent, frame);
  return it->second;
}

void FlameTree::add_self(uint32_t node, std::string_view tail, double count, double delta, bool differential) {
  if (flamechart_) {  // the node's own time is a gap child, merged with a gap just before it
    uint32_t last = nodes_[node].first_child;
    if (last == kNone || nodes_[last].frame != kGap) {
      last = new_node(node, kGap);
      nodes_[last].self = static_cast<uint32_t>(selves_.size());
      selves_.push_back(Self{0, delta, 0, differential});
    }
    nodes_[last].total += count;
    selves_[nodes_[last].self].count += count;
    return;
  }
  Node& n = nodes_[node];
  if (n.self == kNone) {
    n.self = static_cast<uint32_t>(selves_.size());
    selves_.push_back(Self{0, delta, tails_.intern(tail), differential});
  } else {
    Self& s = selves_[n.self];
    if (tail < tails_.name(s.tail)) {  // Perl's sort puts this line first: it is the one that counts
      s.tail = tails_.intern(tail);
      s.delta = delta;
      s.differential = differential;
    }
  }
  selves_[n.self].count += count;
}

void FlameTree::add(std::string_view stack, std::string_view tail, double count, double delta,
                    bool differential) {
  // Frames shared with the previous line: those ending before the first differing byte.
  size_t common = 0, limit = std::min(stack.size(), prev_stack_.size());
  while (common < limit && stack[common] == prev_stack_[common]) ++common;
  size_t shared = std::lower_bound(prev_ends_.begin(), prev_ends_.end(), common) - prev_ends_.begin();
  if (stack.empty()) {
    shared = 0;  // no frames at all (not one empty frame)
  } else if (shared < prev_ends_.size() && prev_ends_[shared] == common) {
    // A frame ending exactly at the difference is shared if the other line ends or continues there.
    bool prev_end = common == prev_stack_.size(), cur_end = common == stack.size();
    bool prev_semi = !prev_end && prev_stack_[common] == ';';
    bool cur_semi = !cur_end && stack[common] == ';';
    if ((prev_end && (cur_end || cur_semi)) || (prev_semi && cur_end)) ++shared;
  }
  prev_ends_.resize(shared);
  path_.resize(shared + 1);
  if (!stack.empty()) {
    size_t pos = shared == 0 ? 0 : prev_ends_[shared - 1] + 1;
    while (pos <= stack.size()) {
      const void* semi = std::memchr(stack.data() + pos, ';', stack.size() - pos);
      size_t end = semi ? static_cast<size_t>(static_cast<const char*>(semi) - stack.data()) : stack.size();
      uint32_t frame = frames_.intern(stack.substr(pos, end - pos));
      path_.push_back(child(path_.back(), frame));
      prev_ends_.push_back(static_cast<uint32_t>(end));
      pos = end + 1;
    }
  }
  prev_stack_.assign(stack);
  for (uint32_t n : path_) nodes_[n].total += count;
  add_self(path_.back(), tail, count, delta, differential);
}

void FlameTree::finish() {
  if (flamechart_) {  // children were prepended; restore input order
    for (Node& n : nodes_) {
      uint32_t prev = kNone, cur = n.first_child;
      while (cur != kNone) {
        uint32_t next = nodes_[cur].next_sibling;
        nodes_[cur].next_sibling = prev;
        prev = cur;
        cur = next;
      }
      n.first_child = prev;
    }
  }
  index_ = {};
  prev_stack_ = {};
  prev_ends_ = {};
  path_.assign(1, 0);
}

}  // namespace flamekit::svg
