// sidecar_finder.h: which process {sidecar_pid} means, as runner.py found it inside the pod's perf container
// (`pgrep -f 'pilot-agent proxy sidecar'`, then `pgrep -P` of that pid), made strict: the Envoy child of a
// process whose command line holds "pilot-agent proxy sidecar"; if there is none, the one process with that
// name. Two sidecars on one node (runner.py took the first line) and none at all are errors that list what
// was seen, so the user can pass --pid.
//
//   int pid = find_sidecar(read_process_table(), {.process_name = "envoy", .self_pid = getpid()});
#pragma once

#include <string>
#include <vector>

#include "capture/process_table.h"

namespace flamekit::capture {

inline constexpr const char* kPilotAgentCmdline = "pilot-agent proxy sidecar";

struct SidecarQuery {
  std::string process_name = "envoy";  // --process-name
  int self_pid = 0;                    // never chosen (flame-capture's own command line may hold the words)
};

// The sidecar's pid in `table`. Throws Error (exit 1) listing the candidates when none or several match.
int find_sidecar(const std::vector<ProcessInfo>& table, const SidecarQuery& query);

}  // namespace flamekit::capture
