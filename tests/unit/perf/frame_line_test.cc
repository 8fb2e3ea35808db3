// frame_line_test.cc: frame line splitting, including the regex's backtracking and the balanced-module fix.
#include "perf/frame_line.h"

#include <catch2/catch.hpp>

using flamekit::perf::FrameLine;
using flamekit::perf::parse_frame_line;

TEST_CASE("frame lines split into address, symbol and module", "[perf]") {
  struct Case {
    const char* line;
    const char* pc;
    const char* symbol;
    const char* module;
  } cases[] = {
      {"\tffffffff8103ce3b native_safe_halt ([kernel.kallsyms])", "ffffffff8103ce3b", "native_safe_halt",
       "[kernel.kallsyms]"},
      {"\t    14f02 intel_check_word.constprop.0+0x122 (/usr/lib/ld.so)", "14f02",
       "intel_check_word.constprop.0+0x122", "/usr/lib/ld.so"},
      {"ffffffff8103d0ca native_write_msr_safe ([kernel.kallsyms])", "ffffffff8103d0ca", "native_write_msr_safe",
       "[kernel.kallsyms]"},
      {"\t7f00 [unknown] ([JIT app cache])", "7f00", "[unknown]", "[JIT app cache]"},
      {"\t7f00 foo(int) const (/x/lib.so)", "7f00", "foo(int) const", "/x/lib.so"},
      {"\t7f00 foo (/x/lib.so) ", "7f00", "foo", "/x/lib.so"},
      // Fix: a module with " (" inside is the balanced group at the end (the script would cut it).
      {"\t7f00 foo (/opt/my app (x86)/lib.so)", "7f00", "foo", "/opt/my app (x86)/lib.so"},
      {"\t7f00 bar+0x1 (/usr/lib/libfoo.so (deleted))", "7f00", "bar+0x1", "/usr/lib/libfoo.so (deleted)"},
      // Unbalanced: the script's rule (last " (" before the last ')').
      {"\t7f00 foo (a) b)", "7f00", "foo", "a) b"},
      // The regex's backtracking: "abc (x)" gives pc "ab", symbol "c".
      {"abc (x)", "ab", "c", "x"},
      {"\t7f00   (x)", "7f00", " ", "x"},
  };
  for (const auto& c : cases) {
    INFO(c.line);
    FrameLine f;
    REQUIRE(parse_frame_line(c.line, &f));
    CHECK(f.pc == c.pc);
    CHECK(f.symbol == c.symbol);
    CHECK(f.module == c.module);
  }
}

TEST_CASE("lines that are not frame lines", "[perf]") {
  for (const char* line : {"", "  file.c:12", "  libc.so.6[27b25]", "\t7f00 nothing", "a (x)", "(x)", "\t (x)"}) {
    INFO(line);
    FrameLine f;
    CHECK_FALSE(parse_frame_line(line, &f));
  }
}
