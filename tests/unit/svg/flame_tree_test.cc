// flame_tree_test.cc: the trie's size limit is an Error, which the tool boundary prints as one line with
// status 1 (it was a std::length_error, which no one caught: the tool aborted).
#include "svg/flame_tree.h"

#include <catch2/catch.hpp>
#include <string>

#include "cli/tool_main.h"
#include "core/error.h"

using flamekit::svg::FlameTree;

TEST_CASE("a trie that would outgrow its node ids throws Error", "[svg]") {
  FlameTree tree(false, 4);  // the root and three more nodes
  tree.add("a;b;c", " 1", 1, 0, false);
  tree.add("a;b;c", " 2", 2, 0, false);  // no new node
  CHECK(tree.size() == 4);
  try {
    tree.add("a;b;d", " 1", 1, 0, false);
    FAIL("no error");
  } catch (const flamekit::Error& e) {
    CHECK(e.describe() == "more than 3 distinct stack prefixes: too many to draw");
    CHECK(e.code() == flamekit::kExitBadInput);
  }
  int status = flamekit::cli::run_tool("flame-svg", [] {
    FlameTree small(true, 2);
    small.add("a;b", " 1", 1, 0, false);
    return 0;
  });
  CHECK(status == 1);
}
