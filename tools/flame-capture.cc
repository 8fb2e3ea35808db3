// flame-capture: run a profiling recipe (a command template or a preset), keep its output under runner.py's
// names, and render it through the flamekit filters.
#include "capture/capture.h"
#include "capture/capture_flags.h"
#include "cli/tool_main.h"

int main(int argc, char** argv) {
  return flamekit::cli::run_tool("flame-capture", [&] {
    auto options = flamekit::capture::parse_flags(argc, argv);
    return options ? flamekit::capture::run_capture(*options) : 0;
  });
}
