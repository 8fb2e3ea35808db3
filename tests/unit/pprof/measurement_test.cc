// measurement_test.cc: values with units as pprof prints them (measurement.ScaledLabel) and back.
#include "pprof/measurement.h"

#include <catch2/catch.hpp>

using namespace flamekit::pprof;

TEST_CASE("values scale to the largest unit they fill, two decimals", "[pprof]") {
  CHECK(scaled_label(20000000, "nanoseconds") == "20ms");
  CHECK(scaled_label(1500000000, "nanoseconds") == "1.50s");
  CHECK(scaled_label(525180000, "nanoseconds") == "525.18ms");
  CHECK(scaled_label(100000, "bytes") == "97.66kB");
  CHECK(scaled_label(10000000, "bytes") == "9.54MB");
  CHECK(scaled_label(512, "bytes") == "512B");
  CHECK(scaled_label(0, "bytes") == "0");
  CHECK(scaled_label(-2048, "bytes") == "-2kB");
  CHECK(scaled_label(42, "count") == "42");
  CHECK(scaled_label(42, "") == "42");
  CHECK(scaled_label(3, "ms") == "3ms");
}

TEST_CASE("printed values read back in the base unit", "[pprof]") {
  double v = 0;
  std::string_view unit;
  REQUIRE(parse_scaled_label("20ms", &v, &unit));
  CHECK(v == 2e7);
  CHECK(unit == "nanoseconds");
  REQUIRE(parse_scaled_label("9.54MB", &v, &unit));
  CHECK(v == Approx(9.54 * 1024 * 1024));
  CHECK(unit == "bytes");
  REQUIRE(parse_scaled_label("3", &v, &unit));
  CHECK(v == 3);
  CHECK(unit == "count");
  CHECK_FALSE(parse_scaled_label("3parsecs", &v, &unit));
  CHECK_FALSE(parse_scaled_label("ms", &v, &unit));
}
