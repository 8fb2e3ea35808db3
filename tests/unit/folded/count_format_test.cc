// count_format_test.cc: counts print as Perl prints them and parse as flamegraph.pl accepts them.
#include "folded/count_format.h"

#include <catch2/catch.hpp>

using namespace flamekit::folded;

TEST_CASE("counts print like Perl numbers", "[folded]") {
  auto fmt = [](double v) { std::string s; append_count(&s, v); return s; };
  CHECK(fmt(0) == "0");
  CHECK(fmt(42) == "42");
  CHECK(fmt(123456789012) == "123456789012");
  CHECK(fmt(0.5) == "0.5");
  CHECK(fmt(1.0 / 3) == "0.333333333333333");
  CHECK(fmt(1e20) == "1e+20");
}

TEST_CASE("count parsing is strict", "[folded]") {
  flamekit::model::Count c = -1;
  CHECK(parse_count("17", &c));
  CHECK(c == 17);
  CHECK(parse_count("2.5", &c));
  CHECK(c == 2.5);
  CHECK(parse_count("3.", &c));
  CHECK(c == 3);
  CHECK_FALSE(parse_count("-1", &c));
  CHECK_FALSE(parse_count("1e5", &c));
  CHECK_FALSE(parse_count("", &c));
  CHECK_FALSE(parse_count(".5", &c));
}
