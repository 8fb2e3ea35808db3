// stack_set.cc: insertion, merging and sorted export of stacks.
#include "model/stack_set.h"

#include <algorithm>
#include <cstring>

namespace flamekit::model {

StackSet::Map::iterator StackSet::insert(std::string_view key) {
  // Keys are arrays of uint32_t: keep them 4-byte aligned in the arena.
  char* bytes = static_cast<char*>(arena_.allocate(key.size() ? key.size() : 4, alignof(uint32_t)));
  std::memcpy(bytes, key.data(), key.size());
  return counts_.emplace(std::string_view(bytes, key.size()), 0).first;
}

void StackSet::merge(const StackSet& other) {
  std::vector<uint32_t> mapped;
  other.for_each([&](std::span<const uint32_t> ids, Count count) {
    mapped.clear();
    for (uint32_t id : ids) mapped.push_back(frames_.intern(other.frames().name(id)));
    add(mapped, count);
  });
}

std::vector<std::pair<std::string, Count>> StackSet::sorted_lines() const {
  std::vector<std::pair<std::string, Count>> lines;
  lines.reserve(counts_.size());
  for (const auto& [key, count] : counts_) {
    std::string text;
    auto ids = ids_of(key);
    for (size_t i = 0; i < ids.size(); ++i) {
      if (i) text += ';';
      text += frames_.name(ids[i]);
    }
    lines.emplace_back(std::move(text), count);
  }
  // std::string compares as unsigned bytes (char_traits<char>::compare uses memcmp), like Perl's sort.
  std::sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return lines;
}

}  // namespace flamekit::model
