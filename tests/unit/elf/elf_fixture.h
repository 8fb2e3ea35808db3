// elf_fixture.h: small ELF files built at test time with g++, and the reference tools run on them.
// Built once per test process into a temporary directory (removed at exit); every test that needs a binary
// asks for it by name. The references are the real tools: `addr2line -a -f -i -C -e`, `nm -S`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace flamekit::elf::testing {

// The output of a shell command (stdout); throws std::runtime_error if it exits non-zero.
std::string run(const std::string& command);

// The directory the test binaries are built in.
const std::string& work_dir();

// Builds (once) and returns the path of one of:
//   "pie"        -O2 -g PIE with inlined template and inline functions (demo.cc)
//   "nopie"      the same, -no-pie
//   "names"      functions in an anonymous namespace, static, and an assembler function with three aliases
//   "libdemo.so" a shared library of our own, -O2 -g
//   "probe"      a PIE linked against libdemo.so that prints /proc/self/maps and the address of lib_entry
//   "stripped-buildid"    "pie" stripped, its debug file only under work_dir()/debug/.build-id/xx/yyyy.debug
//   "stripped-debuglink"  "pie" stripped with a .gnu_debuglink to a debug file beside it
//   "other.debug"         the debug file of a different build (for build-id mismatches)
std::string binary(const std::string& name);

// One frame as addr2line prints it: function ("??" unknown), file ("??" unknown), line (0 unknown).
struct RefFrame {
  std::string function, file;
  int line = 0;
};
// addr2line -a -f -i -C -e `path` for every address: one chain per address, innermost first.
std::vector<std::vector<RefFrame>> addr2line(const std::string& path, const std::vector<uint64_t>& addresses);

struct NmSymbol {
  uint64_t address = 0, size = 0;
  char type = 0;
  std::string name;
};
// nm -S (or nm -D -S with `dynamic`) of `path`, function symbols only (types T t W w i).
std::vector<NmSymbol> nm(const std::string& path, bool dynamic = false);

}  // namespace flamekit::elf::testing
