// proc_maps_test.cc: maps lines -> mappings, and Go's fix-ups for legacy profiles.
#include "pprof/proc_maps.h"

#include <catch2/catch.hpp>
#include <string>

using namespace flamekit::pprof;

TEST_CASE("only executable lines count; pieces of one file merge; the main binary comes first", "[pprof]") {
  Profile p;
  read_proc_maps(
      "7fa6f2699000-7fa6f279a000 r-xp 00099000 00:00 333430      /usr/lib/libstdc++.so.6.0.30\n"
      "555e71f2c000-555e71f2d000 r--p 00000000 00:00 10953043    ./prog\n"
      "555e71f2d000-555e71f2e000 r-xp 00001000 00:00 10953043    ./prog\n"
      "555e71f2e000-555e71f2f000 r-xp 00002000 00:00 10953043    ./prog\n"
      "7fa6f2800000-7fa6f2801000 r-xp 00000000 00:00 0 \n"
      "not a mapping\n"
      "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0  [vsyscall]\n",
      &p);
  REQUIRE(p.mappings.size() == 5);
  p.add_location(0x555e71f2e010, kNone);
  p.add_location(0x42, kNone);
  attach_legacy_mappings(&p);
  REQUIRE(p.mappings.size() == 5);  // 4 (./prog merged) + one with no file for 0x42
  CHECK(p.mappings[0].file == "./prog");
  CHECK(p.mappings[0].start == 0x555e71f2d000);
  CHECK(p.mappings[0].limit == 0x555e71f2f000);
  CHECK(p.mappings[0].offset == 0x1000);
  CHECK(p.mappings[1].file == "/usr/lib/libstdc++.so.6.0.30");
  CHECK(p.locations[0].mapping == 0);
  CHECK(p.mappings[p.locations[1].mapping].file.empty());
  CHECK(p.mappings[4].id == 5);
}

TEST_CASE("a non-PIE main binary at 0x400000 gets offset 0", "[pprof]") {
  Profile p;
  read_proc_maps("00401000-00402000 r-xp 00001000 08:01 1 /usr/bin/prog\n", &p);
  attach_legacy_mappings(&p);
  CHECK(p.mappings[0].start == 0x400000);
  CHECK(p.mappings[0].offset == 0);
}

TEST_CASE("an address just below a mapping whose first piece is missing extends it", "[pprof]") {
  Profile p;
  read_proc_maps("lib 0\n7f0000002000-7f0000003000 r-xp 00001000 00:00 1 /lib/libx.so\n", &p);
  p.add_location(0x7f0000001800, kNone);
  attach_legacy_mappings(&p);
  CHECK(p.mappings[0].start == 0x7f0000001000);
  CHECK(p.mappings[0].offset == 0);
  CHECK(p.locations[0].mapping == 0);
}
