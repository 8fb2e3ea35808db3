// palette_test.cc: colours equal flamegraph.pl's. Expected values were printed by perl 5.36 running the
// same expressions (srand/rand, namehash) and by flamegraph.pl itself (the rgb() strings).
#include "svg/palette.h"

#include <catch2/catch.hpp>

using namespace flamekit::svg;

TEST_CASE("Perl's srand(seed); rand(1) is drand48", "[svg]") {
  CHECK(perl_seeded_rand(0) == Approx(0.17082803610628972).epsilon(1e-15));
  CHECK(perl_seeded_rand(421) == Approx(0.77859998431904742).epsilon(1e-15));
  CHECK(perl_seeded_rand(4294967295u) == Approx(0.30002572744070122).epsilon(1e-15));
}

TEST_CASE("default colours are seeded by the sum of code points", "[svg]") {
  Colors hot("hot", Colors::Mode::kDefault);
  CHECK(hot.of("") == "rgb(213,39,9)");       // the root, "all" (edge--default.svg)
  CHECK(hot.of("main") == "rgb(243,179,42)");
  CHECK(hot.of("caf\xC3\xA9") == "rgb(233,130,31)");
  CHECK(hot.of("\xE6\x97\xA5\xE6\x9C\xAC") == "rgb(238,156,37)");
}

TEST_CASE("--hash uses namehash of the name and of its reverse", "[svg]") {
  CHECK(name_hash("main") == Approx(0.36335138216015961).epsilon(1e-15));
  CHECK(name_hash("niam") == Approx(0.85437446565973207).epsilon(1e-15));
  CHECK(name_hash("unix`bcopy") == Approx(0.67945916848738164).epsilon(1e-15));  // module` dropped
  CHECK(name_hash("`a`b") == Approx(0.55555555555555558).epsilon(1e-15));
  CHECK(name_hash("") == 1);
}

TEST_CASE("multi-palettes pick a hue from the name", "[svg]") {
  Colors java("java", Colors::Mode::kHash);
  Colors red("red", Colors::Mode::kHash), green("green", Colors::Mode::kHash), aqua("aqua", Colors::Mode::kHash);
  Colors yellow("yellow", Colors::Mode::kHash), orange("orange", Colors::Mode::kHash);
  CHECK(java.of("Ljava/lang/Thread.run") == green.of("Ljava/lang/Thread.run"));
  CHECK(java.of("foo_[j]") == green.of("foo_[j]"));
  CHECK(java.of("foo_[i]") == aqua.of("foo_[i]"));
  CHECK(java.of("JVM::gc") == yellow.of("JVM::gc"));
  CHECK(java.of("memcpy_[k]") == orange.of("memcpy_[k]"));
  CHECK(java.of("memcpy") == red.of("memcpy"));
  Colors js("js", Colors::Mode::kHash);
  CHECK(js.of("/app/x.js:1") == green.of("/app/x.js:1"));
  CHECK(js.of("Builtin:Call") == aqua.of("Builtin:Call"));
  CHECK(js.of(" ") == green.of(" "));
}

TEST_CASE("differential colours scale with the largest delta", "[svg]") {
  CHECK(diff_color(0, 10, false) == "rgb(255,255,255)");
  CHECK(diff_color(10, 10, false) == "rgb(255,0,0)");
  CHECK(diff_color(5, 10, false) == "rgb(255,105,105)");
  CHECK(diff_color(-5, 10, false) == "rgb(105,105,255)");
  CHECK(diff_color(-5, 10, true) == "rgb(255,105,105)");
}

TEST_CASE("backgrounds follow the palette", "[svg]") {
  std::string top, bottom;
  REQUIRE(background_colors("hot", "", &top, &bottom));
  CHECK(bottom == "#eeeeb0");
  REQUIRE(background_colors("mem", "", &top, &bottom));
  CHECK(bottom == "#e0ffe0");
  REQUIRE(background_colors("chain", "", &top, &bottom));
  CHECK(bottom == "#e0e0ff");
  REQUIRE(background_colors("purple", "", &top, &bottom));
  CHECK(bottom == "#e8e8e8");
  REQUIRE(background_colors("hot", "#102030", &top, &bottom));
  CHECK(top == "#102030");
  CHECK_FALSE(background_colors("hot", "pink", &top, &bottom));
  CHECK_FALSE(known_palette("pink"));
}
