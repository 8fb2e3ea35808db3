// inline_resolver_test.cc: resolves addresses of this very test binary (built with -g) through libdwfl.
#include "elf/inline_resolver.h"

#include <link.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

using flamekit::elf::InlineResolver;

namespace flamekit_resolver_test {
__attribute__((noinline)) int probe_function(int x) {
  asm volatile("" ::: "memory");
  return x * 3 + 1;  // a line of this file
}
}  // namespace flamekit_resolver_test

namespace {

// The load bias of the main executable: runtime address - bias = file address.
uintptr_t main_program_bias() {
  uintptr_t bias = 0;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* out) {
        *static_cast<uintptr_t*>(out) = info->dlpi_addr;
        return 1;  // the first object is the main program
      },
      &bias);
  return bias;
}

}  // namespace

TEST_CASE("an address of this binary resolves to its function, file and line", "[elf]") {
  InlineResolver resolver;
  uint64_t address = reinterpret_cast<uintptr_t>(&flamekit_resolver_test::probe_function) - main_program_bias();
  const auto& frames = resolver.frames("/proc/self/exe", address);
  REQUIRE(frames.size() == 1);
  CHECK(frames[0].function == "flamekit_resolver_test::probe_function(int)");
  CHECK(frames[0].file.find("inline_resolver_test.cc") != std::string::npos);
  CHECK(frames[0].line >= 13);
  CHECK(frames[0].line <= 16);
  CHECK(resolver.open_error("/proc/self/exe").empty());
  // Cached: the same vector comes back.
  CHECK(&resolver.frames("/proc/self/exe", address) == &frames);
}

TEST_CASE("symbols are found by name and by demangled name without parameters", "[elf]") {
  InlineResolver resolver;
  uint64_t address = reinterpret_cast<uintptr_t>(&flamekit_resolver_test::probe_function) - main_program_bias();
  CHECK(resolver.symbol_address("/proc/self/exe", "_ZN22flamekit_resolver_test14probe_functionEi") == address);
  CHECK(resolver.symbol_address("/proc/self/exe", "flamekit_resolver_test::probe_function") == address);
  CHECK_FALSE(resolver.symbol_address("/proc/self/exe", "no_such_symbol_anywhere").has_value());
}

TEST_CASE("an unreadable binary gives no frames and says why", "[elf]") {
  InlineResolver resolver;
  CHECK(resolver.frames("/nonexistent/binary", 0x1000).empty());
  CHECK_FALSE(resolver.open_error("/nonexistent/binary").empty());
  CHECK(flamekit::elf::demangle_with_params("_Z4worki") == "work(int)");
  CHECK(flamekit::elf::demangle_with_params("main") == "main");
}
