// stack_set_test.cc: interning, aggregation and byte-wise sorted export.
#include "model/stack_set.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
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

namespace {
// Adds each stack of `stacks` (frame names, root first) once and checks that sorted_lines() and
// sorted_stacks() give them in the order of their joined texts sorted as std::string (unsigned bytes).
void check_text_order(const std::vector<std::vector<std::string>>& stacks) {
  StackSet set;
  auto& f = set.frames();
  std::vector<std::string> texts;
  for (const auto& names : stacks) {
    std::vector<uint32_t> ids;
    std::string text;
    for (size_t i = 0; i < names.size(); ++i) {
      ids.push_back(f.intern(names[i]));
      text += (i ? ";" : "") + names[i];
    }
    if (set.size() == (set.add(ids, 1), set.size())) continue;  // a repeated stack
    texts.push_back(text);
  }
  std::sort(texts.begin(), texts.end());
  auto lines = set.sorted_lines();
  REQUIRE(lines.size() == texts.size());
  for (size_t i = 0; i < texts.size(); ++i) CHECK(lines[i].first == texts[i]);
  for (int threads : {1, 2}) {
    auto sorted = set.sorted_stacks(threads);
    REQUIRE(sorted.size() == texts.size());
    for (size_t i = 0; i < texts.size(); ++i) {
      std::string text;
      for (size_t j = 0; j < sorted[i].first.size(); ++j) text += (j ? ";" : "") + std::string(f.name(sorted[i].first[j]));
      CHECK(text == texts[i]);
    }
  }
}
}  // namespace

// sorted_stacks() orders by the joined text without joining: where one name is a prefix of the other, the
// byte after it (';' between frames, or the end of the text) decides, and bytes compare unsigned.
TEST_CASE("stacks sort by their folded text, not by frame names alone", "[model]") {
  std::vector<std::vector<std::string>> stacks = {
      {"a", "f"}, {"a", "f2"}, {"a", "f", "g"}, {"a", "f!"}, {"a", "f~"}, {"a", "f", "!"}, {"a"},
      {"a", "\xc3\xa9"}, {"a", "z"}, {"ab"}, {"a!"}, {""}, {"", "b"}, {"a", ""}, {"a", "", "x"},
  };
  check_text_order(stacks);
  // Names holding ';' (the slower, general comparison).
  stacks.push_back({"a;x"});
  stacks.push_back({"a", "f;y"});
  stacks.push_back({"a;", "f"});
  check_text_order(stacks);
}

TEST_CASE("many stacks with shared prefixes sort by their folded text", "[model]") {
  // Names that are prefixes of each other, with bytes on both sides of ';' (0x3b) after the prefix.
  const char* names[] = {"a", "ab", "a!", "a:", "a<", "a\x7f", "a\xff", "b", "", "~", "main", "main2"};
  std::vector<std::vector<std::string>> stacks;
  uint32_t seed = 12345;
  auto next = [&seed](uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % n;
  };
  for (int i = 0; i < 12000; ++i) {  // enough unique stacks for sorted_stacks(2) to use two threads
    std::vector<std::string> stack;
    for (uint32_t depth = next(9); depth > 0; --depth) stack.push_back(names[next(12)]);
    if (!stack.empty()) stacks.push_back(stack);
  }
  check_text_order(stacks);
}
