// count_format_test.cc: counts print as Perl prints them and parse as flamegraph.pl accepts them.
#include "folded/count_format.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

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

TEST_CASE("counts print as printf(\"%.15g\") prints them, ties and extremes included", "[folded]") {
  // append_count uses std::to_chars; Perl uses printf. Random doubles of every magnitude, values on
  // decimal ties, and the edges of the integer fast path must all come out the same.
  std::vector<double> values = {0.5, 2.5, 0.125, 1e15, 1e15 + 0.5, 999999999999999.5, 1e-300, 5e-324, 1.7976931348623157e308,
                                0.1, 0.3, 1.0 / 7, 123456.7890123455, 9.9999999999999995e-5};
  uint64_t seed = 88172645463325252ull;
  for (int i = 0; i < 200000; ++i) {
    seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
    double v;
    uint64_t bits = seed & 0x7fefffffffffffffull;  // finite, positive
    std::memcpy(&v, &bits, sizeof v);
    values.push_back(v);
    values.push_back(static_cast<double>(seed % 100000) / 8.0 + static_cast<double>(seed % 7) * 1e-3);
  }
  for (double v : values) {
    std::string ours;
    append_count(&ours, v);
    char buf[64];
    if (v == std::trunc(v) && std::fabs(v) < 1e15) {
      std::snprintf(buf, sizeof buf, "%.0f", v);  // the integer path prints every digit
    } else {
      std::snprintf(buf, sizeof buf, "%.15g", v);
    }
    INFO("value " << v);
    REQUIRE(ours == buf);
  }
}
