// binary_cursor.cc: the error paths of BinaryCursor and its less frequent reads; the hot ones are inline.
#include "io/binary_cursor.h"

namespace flamekit::io {

void BinaryCursor::truncated(uint64_t need, const char* what) const {
  const std::string left = std::to_string(remaining());
  if (std::string_view(what) == "varint") throw error("truncated varint");
  if (std::string_view(what) == "integer") {
    throw error("truncated " + std::to_string(need) + "-byte integer (" + left + " bytes left)");
  }
  throw error("length " + std::to_string(need) + " runs past the end (" + left + " bytes left)");
}

void BinaryCursor::overflow() const { throw error("varint overflows 64 bits"); }

std::string_view BinaryCursor::cstring() {
  const void* nul = std::memchr(pos_, '\0', remaining());
  if (nul == nullptr) throw error("unterminated string");
  std::string_view v(pos_, static_cast<size_t>(static_cast<const char*>(nul) - pos_));
  pos_ += v.size() + 1;
  return v;
}

std::string_view BinaryCursor::rest() { return bytes(remaining()); }

BinaryCursor BinaryCursor::at(uint64_t offset, uint64_t size) const {
  const uint64_t first = static_cast<uint64_t>(begin_ - base_), last = static_cast<uint64_t>(end_ - base_);
  if (offset < first || offset > last || size > last - offset) {
    throw error("window of " + std::to_string(size) + " bytes at offset " + std::to_string(offset) +
                " lies outside the input's bytes " + std::to_string(first) + " to " + std::to_string(last));
  }
  return BinaryCursor(name_, base_, base_ + offset, base_ + offset + size);
}

}  // namespace flamekit::io
