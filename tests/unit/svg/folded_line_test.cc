// folded_line_test.cc: flamegraph.pl's line grammar /^(.*)\s+?(\d+(?:\.\d*)?)$/ on UTF-8 text.
#include "svg/folded_line.h"

#include <catch2/catch.hpp>

using namespace flamekit::svg;

TEST_CASE("the last number is the count", "[svg]") {
  struct Row {
    std::string line, stack;
    double count;
  };
  for (const Row& r : std::vector<Row>{
           {"main;work 3", "main;work", 3},
           {"a b c 12", "a b c", 12},
           {"a  5", "a ", 5},            // only the last whitespace separates
           {"x\t7", "x", 7},
           {"x 1.5", "x", 1.5},
           {"x 2.", "x", 2},
           {"x 007", "x", 7},
           {" 4", "", 4},                // an empty stack: the root's own count
           {"nbsp\xC2\xA0" "9", "nbsp", 9},  // Unicode whitespace (Perl's \s on UTF-8 text)
           {"ideo\xE3\x80\x80" "2", "ideo", 2},
       }) {
    FoldedLine l;
    INFO(r.line);
    REQUIRE(parse_folded_line(r.line, &l));
    CHECK(l.stack == r.stack);
    CHECK(l.count == r.count);
    CHECK_FALSE(l.differential);
  }
}

TEST_CASE("lines flamegraph.pl ignores", "[svg]") {
  for (std::string line : {"", "no count", "x 5\r", "x -5", "x 1e5", "x .5", "x 1.2.3", "x5", "5", "x 5 "}) {
    FoldedLine l;
    INFO(line);
    CHECK_FALSE(parse_folded_line(line, &l));
  }
}

TEST_CASE("two trailing numbers make a differential line", "[svg]") {
  FoldedLine l;
  REQUIRE(parse_folded_line("main;work 3 5", &l));
  CHECK(l.differential);
  CHECK(l.stack == "main;work");
  CHECK(l.count == 5);
  CHECK(l.delta == 2);
  CHECK(l.count1 == "3");
  CHECK(l.count2 == "5");
  REQUIRE(parse_folded_line("f 10 0", &l));
  CHECK(l.delta == -10);
  REQUIRE(parse_folded_line("f2 10", &l));  // "f2" is a name, not a count
  CHECK_FALSE(l.differential);
}

TEST_CASE("trailing empty frames are dropped as Perl's split does", "[svg]") {
  CHECK(trimmed_stack_length("a;b;;") == 3);
  CHECK(trimmed_stack_length(";;") == 0);
  CHECK(trimmed_stack_length(";a") == 2);
  CHECK(trimmed_stack_length("") == 0);
}
