// diagnostics_test.cc: positions as lines or byte offsets, once-per-kind warnings, quiet tallies, strict.
#include "core/diagnostics.h"

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

using namespace flamekit;

TEST_CASE("a Where names a line, a line of mapped text, or a binary offset", "[core]") {
  CHECK(Where::line("a.txt", 12).error("bad").describe() == "a.txt:12: bad");
  CHECK(Where::line("-", 3).error("bad").describe() == "<stdin>:3: bad");
  std::string_view text = "one\ntwo\nthree";
  CHECK(Where::text_offset("t", text, 0).position().line == 1);
  CHECK(Where::text_offset("t", text, 3).position().line == 1);  // its '\n'
  CHECK(Where::text_offset("t", text, 4).position().line == 2);
  CHECK(Where::text_offset("t", text, 8).error("bad").describe() == "t:3: bad");
  CHECK(Where::text_offset("t", text, 100).position().line == 3);  // clamped to the text
  CHECK(Where::offset("p.pb", 0x1f4).error("truncated varint").describe() == "p.pb: offset 0x1f4: truncated varint");
}

TEST_CASE("warnings count per kind; tallies keep the first position; strict throws", "[core]") {
  Diagnostics diag("flame-x", false);
  diag.warn("k", Where::line("f", 2), "first");
  diag.warn("k", Where::line("f", 5), "again");
  diag.tally("t", Where::line("g", 7), "quiet");
  diag.tally("t", Where::line("g", 9), "quiet");
  CHECK(diag.count("k") == 2);
  CHECK(diag.count("t") == 2);
  CHECK(diag.count("none") == 0);
  CHECK(diag.total() == 4);
  CHECK(diag.first("k").line == 2);
  CHECK(diag.first("t").file == "g");
  CHECK(diag.first("t").line == 7);
  CHECK(diag.first("none").file.empty());
  Diagnostics strict("flame-x", true);
  CHECK(strict.strict());
  CHECK_THROWS_AS(strict.warn("k", Where::line("f", 1), "stop"), Error);
  try {
    strict.tally("t", Where::line("f", 4), "stop here");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.describe() == "f:4: stop here");
  }
  CHECK(strict.total() == 0);
}

TEST_CASE("readers on several threads may share one Diagnostics", "[core]") {
  Diagnostics diag("flame-x", false);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&diag, t] {
      for (int i = 0; i < 1000; ++i) diag.tally("t" + std::to_string(t % 2), Where::line("f", i + 1), "x");
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(diag.count("t0") == 2000);
  CHECK(diag.count("t1") == 2000);
  CHECK(diag.total() == 4000);
}
