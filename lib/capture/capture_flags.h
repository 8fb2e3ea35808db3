// capture_flags.h: flame-capture's flags, with Boost.Program_options, from three places in this order of
// precedence: the command line; FLAMEKIT_* environment variables (FLAMEKIT_OUTPUT_DIR=... for --output-dir);
// and, with --preset NAME, the [NAME] section of the presets file (--config FILE, else flamekit-presets.conf
// beside the binary, in ../scripts/ or in ../share/flamekit/), whose keys are the long option names:
//
//   [perf-oncputime-sidecar]
//   description = on-CPU stacks of the sidecar with perf
//   command = perf record -F {frequency} -g -p {sidecar_pid} -o /tmp/flamekit.perf.data -- sleep {duration} && ...
//   format = perf-script
//   engine = perf                  the engine `command` is for; command.ENGINE = ... adds another (--engine)
//
// A preset's name is its default --name, as runner.py named captures by --custom_profiling_name.
#pragma once

#include <optional>

#include "capture/capture_options.h"

namespace flamekit::capture {

// The options, or nullopt if --help, --version or --list-presets printed what was asked. Throws a usage
// Error on a bad flag, an unknown preset or key, or an engine the preset lacks.
std::optional<Options> parse_flags(int argc, char** argv);

}  // namespace flamekit::capture
