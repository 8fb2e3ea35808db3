// layout_test.cc: frames land where flamegraph.pl puts them, quirks included. Each expectation was
// checked against flamegraph.pl's SVG for the same lines (see also tests/conformance/svg-extra).
#include "svg/layout.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "svg/folded_input.h"
#include "svg/text_format.h"

using namespace flamekit::svg;

namespace {

// Every frame as "name@depth:start-end" (plus "~delta"), sorted.
std::vector<std::string> frames_of(const std::string& text, bool flamechart, double minwidth, bool can_skip = false,
                                   InputRules rules = {}) {
  FlameTree tree(flamechart);
  InputStats stats;
  flamekit::Diagnostics diag("flame-svg", false);
  read_folded_text(text, rules, &tree, &stats, &diag);
  LayoutParams p;
  p.minwidth_time = minwidth;
  p.can_skip = can_skip;
  p.all_differential = stats.plain == 0;
  Layout layout = lay_out(tree, p);
  std::vector<std::string> out;
  for (const LaidFrame& f : layout.frames) {
    std::string s = f.frame == FlameTree::kNone ? "all" : std::string(tree.frames().name(f.frame));
    s += "@" + std::to_string(f.depth) + ":" + perl_number(f.stime) + "-" + perl_number(f.etime);
    if (f.has_delta) s += "~" + perl_number(f.delta);
    out.push_back(s);
  }
  std::sort(out.begin(), out.end());
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("stacks merge and sort like flamegraph.pl", "[svg]") {
  CHECK(frames_of("b;y 1\na;x 2\na 3\n", false, 0) ==
        V{"a@1:0-5", "all@0:0-6", "b@1:5-6", "x@2:3-5", "y@2:5-6"});  // a's own 3 come before its child
}

TEST_CASE("a sibling that extends a name splits it, as Perl's line sort does", "[svg]") {
  // "f.isra.0 3" sorts between "f 2" and "f;x 1" ('.' < ';'), so f is drawn twice.
  CHECK(frames_of("f;x 1\nf 2\nf.isra.0 3\nf;y 1\n", false, 0) ==
        V{"all@0:0-7", "f.isra.0@1:2-5", "f@1:0-2", "f@1:5-7", "x@2:5-6", "y@2:6-7"});
}

TEST_CASE("a zero-width frame replaces an earlier one with the same name, depth and end", "[svg]") {
  // Perl keys frames "name;depth;end": q;a (0 samples, ending at 5) overwrites p;a (ending at 5).
  CHECK(frames_of("p;a 5\nq;a 0\n", false, 0) == V{"a@2:5-5", "all@0:0-5", "p@1:0-5", "q@1:5-5"});
  CHECK(frames_of("p;a 5\nq;a 0\n", false, 0.1) == V{"all@0:0-5", "p@1:0-5"});
}

TEST_CASE("a flame chart keeps input order and merges only neighbours", "[svg]") {
  CHECK(frames_of("a;b 1\na;c 1\na;b 1\na 2\na;b 1\n", true, 0) ==
        V{"a@1:0-6", "all@0:0-6", "b@2:0-1", "b@2:2-3", "b@2:5-6", "c@2:1-2"});
}

TEST_CASE("differential deltas belong to the line that opens a frame", "[svg]") {
  // Sorted: "a 2 1" opens all and a (a is its leaf), "a;b 1 3" opens b; the repeated "a;b 5 5" opens nothing.
  CHECK(frames_of("a;b 1 3\na;b 5 5\na 2 1\n", false, 0) == V{"a@1:0-9~-1", "all@0:0-9~0", "b@2:1-9~2"});
  // A one-count line leaves the frames it opens without a delta.
  CHECK(frames_of("a;b 4\na;c 1 2\n", false, 0) == V{"a@1:0-6", "all@0:0-6", "b@2:0-4", "c@2:4-6~1"});
}

TEST_CASE("--reverse merges on leaves", "[svg]") {
  InputRules rules;
  rules.reverse = true;
  CHECK(frames_of("a;x 1\nb;x 2\n", false, 0, false, rules) ==
        V{"a@2:0-1", "all@0:0-3", "b@2:1-3", "x@1:0-3"});
}

TEST_CASE("the chain palette rewrites waker stacks", "[svg]") {
  InputRules rules;
  rules.chain = true;
  CHECK(frames_of("s;--;w;t 1\n", false, 0, false, rules) ==
        V{"--@2:0-1", "all@0:0-1", "s@1:0-1", "t_[w]@4:0-1", "w_[w]@3:0-1"});
  CHECK(frames_of("s 1\n", false, 0, false, rules) == V{"--@2:0-1", "all@0:0-1", "s@1:0-1"});
}

TEST_CASE("skipping narrow subtrees gives the same frames as visiting them", "[svg]") {
  std::string text;
  for (int i = 0; i < 300; ++i) {
    text += "root;f" + std::to_string(i % 17) + ";g" + std::to_string(i % 5) + ";h" + std::to_string(i) + " " +
            std::to_string(1 + i % 7) + "\n";
  }
  for (double minwidth : {0.5, 3.0, 20.0, 100.0}) {
    INFO(minwidth);
    CHECK(frames_of(text, false, minwidth, true) == frames_of(text, false, minwidth, false));
    CHECK(frames_of(text, true, minwidth, true) == frames_of(text, true, minwidth, false));
  }
}
