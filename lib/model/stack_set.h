// stack_set.h: the stack model every reader fills and every writer reads. A StackSet maps a call stack
// (frame ids, root first) to a count (samples, or a sum of periods, bytes, ...). Counts are doubles so that
// fractional folded counts survive, as flamegraph.pl keeps them; integral counts up to 2^53 stay exact.
//
//   StackSet set;
//   std::vector<uint32_t> ids = {set.frames().intern("main"), set.frames().intern("work")};
//   set.add(ids, 1);
//   for (auto& line : set.sorted_lines()) ...   // "main;work", 1
#pragma once

#include <cstdint>
#include <memory_resource>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/string_hash.h"
#include "model/frame_table.h"

namespace flamekit::model {

using Count = double;

class StackSet {
 public:
  StackSet() = default;
  StackSet(const StackSet&) = delete;
  StackSet& operator=(const StackSet&) = delete;

  FrameTable& frames() { return frames_; }
  const FrameTable& frames() const { return frames_; }

  // Adds `count` to the stack `ids` (root first; may be empty). The span need not outlive the call.
  void add(std::span<const uint32_t> ids, Count count) {
    std::string_view bytes(reinterpret_cast<const char*>(ids.data()), ids.size() * sizeof(uint32_t));
    Key key{bytes, StringHash()(bytes)};
    auto it = counts_.find(key);
    if (it == counts_.end()) it = insert(key);
    it->second += count;
    total_ += count;
  }
  // Adds every stack of `other` (whose ids belong to other's frame table).
  void merge(const StackSet& other);

  size_t size() const { return counts_.size(); }
  Count total() const { return total_; }

  // Calls f(std::span<const uint32_t> ids, Count count) for every stack, in unspecified order.
  template <typename F>
  void for_each(F&& f) const {
    for (const auto& [key, count] : counts_) f(ids_of(key.bytes), count);
  }

  // Every stack as its folded text (frames joined with ';') with its count, sorted byte-wise as
  // `sort` and Perl's sort order them.
  std::vector<std::pair<std::string, Count>> sorted_lines() const;
  // The same order without building the texts: each stack's ids (valid as long as the set) and count.
  // With threads > 1, large sets are split around a sampled median and the parts sorted at once.
  std::vector<std::pair<std::span<const uint32_t>, Count>> sorted_stacks(int threads = 1) const;

  static std::span<const uint32_t> ids_of(std::string_view key) {
    return {reinterpret_cast<const uint32_t*>(key.data()), key.size() / sizeof(uint32_t)};
  }

 private:
  // A stack's ids as bytes, with their hash kept beside them: growing the map then rehashes nothing, and
  // does not touch the arena where the bytes are.
  struct Key {
    std::string_view bytes;
    uint64_t hash;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const { return k.hash; }
  };
  struct KeyEq {
    bool operator()(const Key& a, const Key& b) const { return a.hash == b.hash && a.bytes == b.bytes; }
  };
  using Map = absl::flat_hash_map<Key, Count, KeyHash, KeyEq>;
  Map::iterator insert(const Key& key);

  FrameTable frames_;
  std::pmr::monotonic_buffer_resource arena_{1 << 16};
  Map counts_;
  Count total_ = 0;
};

}  // namespace flamekit::model
