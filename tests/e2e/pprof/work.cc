// work.cc: the shared library of the gperftools test program (libwork.so), so that its frames come from a
// second mapping with an offset of its own.
#include <cstdint>

extern "C" __attribute__((noinline)) uint64_t lib_spin(uint64_t n) {
  volatile uint64_t x = 0;
  for (uint64_t i = 0; i < n; ++i) x += i * 3;
  return x;
}

namespace work {
__attribute__((noinline)) uint64_t hash_block(uint64_t n) { return lib_spin(n) ^ n; }
}  // namespace work
