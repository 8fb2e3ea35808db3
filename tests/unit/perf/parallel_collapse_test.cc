// parallel_collapse_test.cc: chunking at blank lines, and threads giving the one-thread result.
#include "perf/parallel_collapse.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>

#include "core/error.h"
#include "io/mapped_file.h"
#include "collapse_test_util.h"

using namespace flamekit::perf;

TEST_CASE("chunks start right after a blank line", "[perf]") {
  std::string text = "a\nb\n\nc\n\r\nd\n\ne\n";
  auto cuts = split_at_blank_lines(text, 4);
  REQUIRE(cuts.front() == 0);
  REQUIRE(cuts.back() == text.size());
  for (size_t i = 1; i + 1 < cuts.size(); ++i) {
    std::string_view before = std::string_view(text).substr(0, cuts[i]);
    bool blank = before.size() >= 2 && (before.substr(before.size() - 2) == "\n\n" ||
                                        (before.size() >= 3 && before.substr(before.size() - 3) == "\n\r\n"));
    CHECK(blank);
  }
  CHECK(split_at_blank_lines("no blank lines\nat all\n", 3) == std::vector<size_t>{0, 22});
}

TEST_CASE("threads give the same stacks, stats and problem lines as one thread", "[perf]") {
  // ~3 MB of samples of two events with a bad line in the middle, so that there are several chunks.
  std::string text;
  for (int i = 0; i < 30000; ++i) {
    text += "app " + std::to_string(i % 7) + " [000] 1." + std::to_string(i) + ": " + std::to_string(i % 5) +
            (i % 3 ? " cycles:\n" : " instructions:\n");
    text += "\t" + std::to_string(1000 + i % 11) + " f" + std::to_string(i % 13) + "+0x1 (/m)\n";
    text += "\t2000 main+0x2 (/m)\n";
    if (i == 20000) text += "this line is bad\n";
    text += "\n";
  }
  char path[] = "/tmp/flamekit-parallel-XXXXXX";
  int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  close(fd);

  CollapseStats serial_stats;
  std::string serial = testing::collapse_text(text, {}, &serial_stats);
  flamekit::io::MappedFile file(path);
  REQUIRE(file.ok());
  flamekit::model::StackSet stacks;
  auto result = collapse_parallel(path, file, {}, 3, &stacks);
  REQUIRE(result.has_value());
  CHECK(testing::folded_text(stacks) == serial);
  CHECK(result->event_filter == "instructions");
  CHECK(result->stats.filtered_samples == serial_stats.filtered_samples);
  REQUIRE(result->stats.problems.size() == 1);
  CHECK(result->stats.problems[0].line == serial_stats.problems[0].line);

  CollapseOptions strict;
  strict.strict = true;
  flamekit::model::StackSet ignored;
  try {
    collapse_parallel(path, file, strict, 3, &ignored);
    FAIL("no error");
  } catch (const flamekit::Error& e) {
    CHECK(e.where().line == serial_stats.problems[0].line);
  }
  std::remove(path);
}
