// legacy_heap_test.cc: gperftools heap profile text, headers, unsampling and errors, as Go's pprof reads it.
#include "pprof/legacy_heap.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/error.h"
#include "pprof_test_util.h"

using namespace flamekit::pprof;
using flamekit::pprof::testing::folded_by;

namespace {

std::string heap(const std::string& text, const std::string& type) {
  Profile p;
  read_legacy_heap(text, "h.heap", &p);
  return folded_by(p, type);
}

std::string error_of(const std::string& text) { return flamekit::pprof::testing::error_of(read_legacy_heap, text, "h.heap"); }

const char* kMaps =
    "\nMAPPED_LIBRARIES:\n"
    "55c1f3bfc000-55c1f3bfd000 r--p 00000000 00:00 10953079    ./heapprog\n"
    "55c1f3bfd000-55c1f3bfe000 r-xp 00001000 00:00 10953079    ./heapprog\n";

}  // namespace

TEST_CASE("a full gperftools heap profile: four types, every PC moved back one byte", "[pprof]") {
  std::string text = std::string("heap profile:    150: 10003200 [  1150: 11003200] @ heapprofile\n") +
                     "   100: 10000000 [   100: 10000000] @ 0x55c1f3bfd178 0x55c1f3bfd1d0\n"
                     "    50:     3200 [    50:     3200] @ 0x55c1f3bfd19c 0x55c1f3bfd236\n"
                     "     0:        0 [  1000:  1000000] @ 0x55c1f3bfd19c 0x55c1f3bfd1f3\n" +
                     kMaps;
  CHECK(heap(text, "") ==
        "heapprog+0x11cf;heapprog+0x1177 10000000\n"
        "heapprog+0x11f2;heapprog+0x119b 0\n"
        "heapprog+0x1235;heapprog+0x119b 3200\n");
  CHECK(heap(text, "alloc_objects") ==
        "heapprog+0x11cf;heapprog+0x1177 100\n"
        "heapprog+0x11f2;heapprog+0x119b 1000\n"
        "heapprog+0x1235;heapprog+0x119b 50\n");
}

TEST_CASE("alloc equal to inuse in the header: objects and space only", "[pprof]") {
  Profile p;
  read_legacy_heap("heap profile: 1: 8 [ 1: 8] @ heapprofile\n1: 8 [1: 8] @ 0x2\n", "h", &p);
  REQUIRE(p.sample_types.size() == 2);
  CHECK(p.sample_types[1].type == "space");
  CHECK(folded_by(p, "inuse_space") == "0x1 8\n");
}

TEST_CASE("heap_v2 samples are unsampled line by line, truncated as Go does", "[pprof]") {
  // scale = 1 / (1 - exp(-200000 / 524288)) = 3.1531...: 3 objects, 630630 bytes for each line.
  std::string text =
      "heap profile: 2: 400000 [ 2: 400000] @ heap_v2/524288\n"
      "     1:   200000 [     1:   200000] @ 0x1001\n"
      "     1:   200000 [     1:   200000] @ 0x1001\n"
      "     3:      300 [     3:      300] @ 0x2001\n";
  CHECK(heap(text, "space") == "0x1000 1261260\n0x2000 1573014\n");
  CHECK(heap(text, "objects") == "0x1000 6\n0x2000 15730\n");
  // heap/2R is the old tcmalloc's tag: the rate is half the number.
  CHECK(heap("heap profile: 1: 40960 [ 1: 40960] @ heap/8192\n10: 40960 [10: 40960] @ 0x11\n", "space") == "0x10 64797\n");
}

TEST_CASE("growthz headers, comments, blank lines and the --- Memory map: --- sentinel", "[pprof]") {
  std::string text =
      "heap profile: 1: 4 [ 1: 4] @ growthz\n"
      "# a comment\n"
      "\n"
      "  1: 4 [ 1: 4] @ 0x11 0x21\r\n"
      "--- Memory map: ---\n"
      "00000000-00001000 r-xp 00000000 00:00 0 /bin/x\n";
  CHECK(heap(text, "") == "x+0x20;x+0x10 4\n");
}

TEST_CASE("bad heap profiles: one error naming the line", "[pprof]") {
  CHECK(error_of("heap profile: 1: 2 [3: 4] @ tcmalloc\n") == "h.heap:1: not a heap profile header");
  CHECK(error_of("heap profile: 1: 2 [3: 4] @ heapprofile\nwhat\n") ==
        "h.heap:2: not a heap profile sample line (count: bytes [count: bytes] @ addresses)");
  CHECK(error_of("heap profile: 1: 2 [1: 2] @ heapprofile\n0: 5 [0: 5] @ 0x1\n") ==
        "h.heap:2: inuse count was 0 but inuse bytes was 5");
  CHECK(error_of("heap profile: 1: 2 [1: 2] @ heapprofile\n99999999999999999999: 5 [1: 5] @ 0x1\n") ==
        "h.heap:2: malformed sample: count out of range");
  CHECK(error_of("heap profile: 1: 2 [1: 2] @ heapprofile\n1: 5 [1: 5] @ 0x11111111111111111\n") ==
        "h.heap:2: malformed sample: address out of range");
}

TEST_CASE("a 1 GB claimed count is just a number", "[pprof]") {
  CHECK(heap("heap profile: 1: 2 [1: 2] @ heapprofile\n1000000000: 1000000000 [1000000000: 1000000000] @ 0x2\n",
             "space") == "0x1 1000000000\n");
}
