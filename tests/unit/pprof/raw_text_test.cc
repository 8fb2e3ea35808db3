// raw_text_test.cc: pprof -raw text read with stackcollapse-go.pl's rules, quirks included.
#include "pprof/raw_text.h"

#include <catch2/catch.hpp>
#include <string>

#include "pprof_test_util.h"

using namespace flamekit::pprof;
using flamekit::pprof::testing::folded_by;

namespace {

std::string raw(const std::string& text, const std::string& type = "") {
  Profile p;
  read_raw_text(text, "raw.txt", &p);
  return folded_by(p, type);
}

}  // namespace

TEST_CASE("-raw text: first column, names from the location lines, root first", "[pprof]") {
  std::string text =
      "PeriodType: cpu nanoseconds\n"
      "Period: 10000000\n"
      "Samples:\n"
      "samples/count cpu/nanoseconds\n"
      "          2   20000000: 1 2 3 \n"
      "                worker:[a]\n"
      "          8   80000000: 1 4 3 \n"
      "          1   10000000: 1 4 3 \n"
      "Locations\n"
      "     1: 0x555e71f2d160 M=1 leaf_work ./prog.c:8 s=0\n"
      "     2: 0x555e71f2d185 M=1 func_a ./prog.c:11 s=0\n"
      "             inlined_here ./prog.c:20 s=0\n"
      "     3: 0x7fa6f29ba249 M=2 \n"
      "     4: 0x555e71f2d195 M=1 func_b(int) const ./prog.c:12 s=0\n"
      "Mappings\n"
      "     5: 0x1 M=1 never_read x.c:1 s=0\n";
  CHECK(raw(text) == "M=2;func_a;leaf_work 2\nM=2;func_b(int);leaf_work 9\n");
  CHECK(raw(text, "cpu") == "M=2;func_a;leaf_work 20000000\nM=2;func_b(int);leaf_work 90000000\n");
}

TEST_CASE("-raw text: ids without a name, named \"0\", or empty stay as they are", "[pprof]") {
  std::string text =
      "Samples:\n"
      "samples/count cpu/nanoseconds\n"
      "# a comment Locations\n"
      "          1   10: 7 9 1  2\n"
      "Locations\n"
      "     1: 0x10 zero_is_false 0 x\n"
      "     2: 0x20 M=1 M=3 a.c:1 s=0\n"
      "     9: 0x90 0 a.c:1 s=0\n";
  // "1  2": Perl's split / / gives an empty field between the two spaces.
  CHECK(raw(text) == "M=3;;zero_is_false;9;7 1\n");
}

TEST_CASE("-raw text: four columns of a heap profile are read (the script reads none)", "[pprof]") {
  std::string text =
      "PeriodType: space bytes\n"
      "Samples:\n"
      "alloc_objects/count alloc_space/bytes inuse_objects/count inuse_space/bytes[dflt]\n"
      "        100   10000000        100   10000000: 1 2 \n"
      "       1000    1000000          0          0: 1 3 \n"
      "Locations\n"
      "     1: 0x1 M=1 grab x.c:1 s=0\n"
      "     2: 0x2 M=1 leaky x.c:1 s=0\n"
      "     3: 0x3 M=1 churn x.c:1 s=0\n";
  CHECK(raw(text) == "churn;grab 1000\nleaky;grab 100\n");
  CHECK(raw(text, "inuse_space") == "churn;grab 0\nleaky;grab 10000000\n");
}
