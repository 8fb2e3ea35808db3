// prog.cc: the gperftools test program. Several call paths into a leaf and into libwork.so (for the CPU
// profile), and allocations kept, freed and churned (for the heap profile).
//   CPUPROFILE=cpu.prof HEAPPROFILE=h ./prog ROUNDS
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

extern "C" uint64_t lib_spin(uint64_t n);
namespace work {
uint64_t hash_block(uint64_t n);
}

__attribute__((noinline)) uint64_t leaf_work(uint64_t n) {
  volatile uint64_t x = 0;
  for (uint64_t i = 0; i < n; ++i) x += i;
  return x;
}
__attribute__((noinline)) uint64_t func_a(uint64_t n) { return leaf_work(n * 2); }
__attribute__((noinline)) uint64_t func_b(uint64_t n) { return leaf_work(n) + work::hash_block(n); }

struct Parser {
  __attribute__((noinline)) uint64_t parse(int k) { return k % 2 ? func_a(20000000) : func_b(20000000); }
};

__attribute__((noinline)) void* grab(size_t n) {
  void* p = malloc(n);
  static_cast<char*>(p)[0] = 1;
  return p;
}
__attribute__((noinline)) void leaky(std::vector<void*>* keep) {
  for (int i = 0; i < 100; ++i) keep->push_back(grab(100000));
}
__attribute__((noinline)) void churn() {
  for (int i = 0; i < 1000; ++i) free(grab(1000));
}

int main(int argc, char** argv) {
  uint64_t s = 0;
  Parser p;
  int rounds = argc > 1 ? atoi(argv[1]) : 6;
  for (int k = 0; k < rounds; ++k) s += p.parse(k);
  s += lib_spin(40000000);
  std::vector<void*> keep;
  leaky(&keep);
  churn();
  printf("%llu\n", static_cast<unsigned long long>(s & 1));
}
