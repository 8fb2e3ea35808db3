// string_hash.h: a fast hash for std::string_view keys of absl::flat_hash_map. This Debian build of abseil
// has ABSL_OPTION_USE_STD_STRING_VIEW 0, so absl::Hash<std::string_view> falls back to std::hash
// (libstdc++'s byte-at-a-time-ish _Hash_bytes). This one reads 16 bytes per step and folds each 64x64->128
// multiply, then finishes with one more multiply so every output bit depends on every input bit (absl
// splits the hash into a 7-bit tag and a position, so the low bits must be as good as the high ones).
//
//   absl::flat_hash_map<std::string_view, int, flamekit::StringHash> map;
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace flamekit {

struct StringHash {
  static uint64_t fold(uint64_t a, uint64_t b) {
    __uint128_t product = static_cast<__uint128_t>(a) * b;
    return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
  }
  static uint64_t load(const char* p) {
    uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }

  size_t operator()(std::string_view s) const {
    constexpr uint64_t k0 = 0x9e3779b97f4a7c15ull, k1 = 0xbf58476d1ce4e5b9ull, k2 = 0x94d049bb133111ebull;
    const char* p = s.data();
    size_t n = s.size();
    uint64_t h = k0 ^ (n * k1);
    for (; n >= 16; p += 16, n -= 16) h = fold(load(p) ^ k1, load(p + 8) ^ h);
    if (n >= 8) {
      h = fold(load(p) ^ k2, h ^ k0);
      p += 8;
      n -= 8;
    }
    if (n > 0) {
      uint64_t tail = 0;
      std::memcpy(&tail, p, n);
      h = fold(tail ^ k1, h ^ k2);
    }
    return fold(h ^ k0, k1);
  }
};

}  // namespace flamekit
