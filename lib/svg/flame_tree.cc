// flame_tree.cc: trie insertion with a shortcut for the common case of sorted input: the leading frames a
// line shares byte for byte with the previous line are the same nodes, found without hashing.
#include "svg/flame_tree.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "core/error.h"

namespace flamekit::svg {

FlameTree::FlameTree(bool flamechart, uint32_t max_nodes)
    : flamechart_(flamechart), max_nodes_(std::min(max_nodes, kGap)) {
  new_node(kNone, kNone);
  path_.push_back(0);
}

uint32_t FlameTree::new_node(uint32_t parent, uint32_t frame) {
  uint32_t id = size_;
  if (id == max_nodes_) {
    throw Error("more than " + std::to_string(max_nodes_ - 1) + " distinct stack prefixes: too many to draw");
  }
  if ((id & (kChunkSize - 1)) == 0) chunks_.push_back(std::make_unique<Node[]>(kChunkSize));
  ++size_;
  Node& n = mut(id);
  n.frame = frame;
  if (parent != kNone) {
    n.next_sibling = mut(parent).first_child;  // prepended: newest first, see finish()
    mut(parent).first_child = id;
  }
  return id;
}

uint32_t FlameTree::child(uint32_t parent, uint32_t frame) {
  uint32_t first = mut(parent).first_child;
  if (flamechart_) {
    if (first != kNone && mut(first).frame == frame) return first;
    return new_node(parent, frame);
  }
  if (parent < indexed_.size() && indexed_[parent]) {
    uint64_t key = (uint64_t{parent} << 32) | frame;
    auto [it, inserted] = index_.try_emplace(key, 0);
    if (inserted) it->second = new_node(parent, frame);
    return it->second;
  }
  uint32_t scanned = 0;
  for (uint32_t c = first; c != kNone; c = mut(c).next_sibling, ++scanned) {
    if (mut(c).frame == frame) return c;
  }
  uint32_t id = new_node(parent, frame);
  if (scanned >= kScanLimit) {  // a wide parent: index its children from now on
    if (indexed_.size() <= parent) indexed_.resize(std::max<size_t>(parent + 1, indexed_.size() * 2));
    indexed_[parent] = true;
    for (uint32_t c = id; c != kNone; c = mut(c).next_sibling) index_[(uint64_t{parent} << 32) | mut(c).frame] = c;
  }
  return id;
}

void FlameTree::add_self(uint32_t node, std::string_view tail, double count, double delta, bool differential) {
  if (flamechart_) {  // the node's own time is a gap child, merged with a gap just before it
    uint32_t last = mut(node).first_child;
    if (last == kNone || mut(last).frame != kGap) {
      last = new_node(node, kGap);
      mut(last).self = static_cast<uint32_t>(selves_.size());
      selves_.push_back(Self{0, delta, 0, differential});
    }
    mut(last).total += count;
    selves_[mut(last).self].count += count;
    return;
  }
  Node& n = mut(node);
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
  for (uint32_t n : path_) mut(n).total += count;
  add_self(path_.back(), tail, count, delta, differential);
}

void FlameTree::finish() {
  if (flamechart_) {  // children were prepended; restore input order
    for (uint32_t i = 0; i < size_; ++i) {
      uint32_t prev = kNone, cur = mut(i).first_child;
      while (cur != kNone) {
        uint32_t next = mut(cur).next_sibling;
        mut(cur).next_sibling = prev;
        prev = cur;
        cur = next;
      }
      mut(i).first_child = prev;
    }
  }
  index_ = {};
  indexed_ = {};
  prev_stack_ = {};
  prev_ends_ = {};
  path_.assign(1, 0);
}

}  // namespace flamekit::svg
