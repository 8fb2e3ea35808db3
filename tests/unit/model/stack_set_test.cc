// stack_set_test.cc: interning, aggregation and byte-wise sorted export.
#include "model/stack_set.h"

#include <catch2/catch.hpp>
#include <vector>

using flamekit::model::StackSet;

TEST_CASE("equal stacks aggregate, output is sorted byte-wise", "[model]") {
  StackSet set;
  auto& f = set.frames();
  std::vector<uint32_t> ab = {f.intern("a"), f.intern("b")};
  std::vector<uint32_t> a_b = {f.intern("a b")};
  std::vector<uint32_t> upper = {f.intern("B")};
  set.add(ab, 2);
  set.add(a_b, 1);
  set.add(ab, 3);
  set.add(upper, 0.5);
  auto lines = set.sorted_lines();
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].first == "B");
  CHECK(lines[1].first == "a b");  // ' ' (0x20) sorts before ';' (0x3b)
  CHECK(lines[2].first == "a;b");
  CHECK(lines[2].second == 5);
  CHECK(set.total() == 6.5);
  CHECK(f.size() == 4);
}

TEST_CASE("merge re-interns frames of another set", "[model]") {
  StackSet one, two;
  std::vector<uint32_t> x = {two.frames().intern("zzz"), two.frames().intern("main")};
  two.add(x, 7);
  std::vector<uint32_t> y = {one.frames().intern("main")};
  one.add(y, 1);
  one.merge(two);
  auto lines = one.sorted_lines();
  REQUIRE(lines.size() == 2);
  CHECK(lines[1].first == "zzz;main");
  CHECK(lines[1].second == 7);
}
