// tool_main_test.cc: what run_tool turns each kind of exception into.
#include "cli/tool_main.h"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "core/error.h"
#include "io/output_file.h"

using flamekit::cli::run_tool;

TEST_CASE("run_tool maps what the body throws to an exit status", "[cli]") {
  CHECK(run_tool("flame-x", [] { return 0; }) == 0);
  CHECK(run_tool("flame-x", [] { return 2; }) == 2);
  CHECK(run_tool("flame-x", []() -> int { throw flamekit::Error("bad input"); }) == 1);
  CHECK(run_tool("flame-x", []() -> int { throw flamekit::Error::usage("bad flag"); }) == 2);
  CHECK(run_tool("flame-x", []() -> int { throw flamekit::io::BrokenPipe{}; }) == 0);
  CHECK(run_tool("flame-x", []() -> int { throw std::bad_alloc(); }) == 1);
  // A standard library limit is one line and status 1, not std::terminate.
  CHECK(run_tool("flame-x", []() -> int { throw std::length_error("vector::reserve"); }) == 1);
  CHECK(std::string(flamekit::cli::tool_name()) == "flame-x");
}
