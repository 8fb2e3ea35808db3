// frame_table.h: interning of frame names. Every distinct name is copied once into a monotonic arena and
// gets a dense uint32_t id; stacks are then sequences of ids, so memory follows the number of distinct frames
// and stacks, never the size of the input.
//
//   FrameTable frames;
//   uint32_t id = frames.intern("main");   // same id for every later "main"
//   frames.name(id) == "main"
#pragma once

#include <cstdint>
#include <memory_resource>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/string_hash.h"

namespace flamekit::model {

class FrameTable {
 public:
  FrameTable() = default;
  FrameTable(const FrameTable&) = delete;
  FrameTable& operator=(const FrameTable&) = delete;

  // Returns the id of `name`, adding it if new. The view need not outlive the call.
  uint32_t intern(std::string_view name) {
    auto it = ids_.find(name);
    if (it != ids_.end()) return it->second;
    return add(name);
  }
  // Returns the id of `name`, or kNone.
  uint32_t find(std::string_view name) const {
    auto it = ids_.find(name);
    return it == ids_.end() ? kNone : it->second;
  }
  // The name of `id`; the view lives as long as the table.
  std::string_view name(uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }

  static constexpr uint32_t kNone = UINT32_MAX;

 private:
  uint32_t add(std::string_view name);

  std::pmr::monotonic_buffer_resource arena_{1 << 16};
  std::vector<std::string_view> names_;
  absl::flat_hash_map<std::string_view, uint32_t, StringHash> ids_;
};

}  // namespace flamekit::model
