// frame_table.cc: the slow path of FrameTable::intern.
#include "model/frame_table.h"

#include <cstring>

namespace flamekit::model {

uint32_t FrameTable::add(std::string_view name) {
  char* bytes = static_cast<char*>(arena_.allocate(name.size() ? name.size() : 1, 1));
  std::memcpy(bytes, name.data(), name.size());
  std::string_view stored(bytes, name.size());
  uint32_t id = static_cast<uint32_t>(names_.size());
  names_.push_back(stored);
  ids_.emplace(stored, id);
  return id;
}

}  // namespace flamekit::model
