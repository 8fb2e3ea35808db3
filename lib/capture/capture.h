// capture.h: one profiling run of flame-capture, start to end:
//   1. expand the template (finding {sidecar_pid} if it is used), before anything runs;
//   2. run it in its own process group, stdout to NAME.profile, stderr to NAME_profiler_cmd.log;
//   3. with --fetch, bring the file the command wrote back as NAME.profile;
//   4. with --render, tell what was printed by content and run the filters into NAME.folded and NAME.svg.
// Every file goes through a part file and a rename that never replaces. A failing command keeps its log and
// the error names it; SIGINT/SIGTERM stop the group, keep what was captured (the log says it is partial) and
// exit 128 + the signal. The paths written are printed on standard output, one a line.
//
//   return run_capture(options);   // exit code
#pragma once

#include "capture/capture_options.h"

namespace flamekit::capture {

int run_capture(const Options& options);

}  // namespace flamekit::capture
