// top_changes_test.cc: inclusive counts once per stack (recursion), self counts at leaves, ranking.
#include "diff/top_changes.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <unistd.h>

using namespace flamekit::diff;

TEST_CASE("top_changes ranks by the larger of the inclusive and self changes", "[diff]") {
  std::string a = "/tmp/flamekit-top-a-" + std::to_string(::getpid());
  std::string b = "/tmp/flamekit-top-b-" + std::to_string(::getpid());
  std::ofstream(a) << "main;f;f;f 10\nmain;g 4\n";
  std::ofstream(b) << "main;f;f 3\nmain;g 20\nmain;h 1\n";
  DiffSet set;
  flamekit::Diagnostics diag("flame-diff", true);
  set.read(a, b, false, &diag);
  size_t seen = 0;
  auto top = top_changes(set, 10, &seen);
  CHECK(seen == 4);
  REQUIRE(top.size() == 4);
  CHECK(top[0].name == "g");  // self and inclusive +16
  CHECK(top[1].name == "main");  // inclusive 14 -> 24: +10
  CHECK(top[2].name == "f");     // inclusive 10 -> 3 (recursion counted once): -7
  CHECK(top[2].inclusive[0] == 10);
  CHECK(top[2].self[1] == 3);
  CHECK(top[3].name == "h");
  CHECK(top_changes(set, 2).size() == 2);
  std::string table = format_top_changes(set, 1, "A", "B");
  CHECK(table.find("top 1 of 4 functions by change (before: A, total 14; after: B, total 24)") != std::string::npos);
  CHECK(table.find("+400.0%") != std::string::npos);
  std::remove(a.c_str());
  std::remove(b.c_str());
}
