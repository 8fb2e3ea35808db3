// process_table.h: a snapshot of the processes in /proc, as pgrep sees them: pid, parent pid, the kernel's
// process name (`comm`, at most 15 bytes) and the command line with its arguments joined by spaces (what
// `pgrep -f` matches).
//
//   for (const auto& p : read_process_table()) if (p.comm == "envoy") ...
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace flamekit::capture {

struct ProcessInfo {
  int pid = 0;
  int ppid = 0;
  std::string comm;     // /proc/PID/stat's name, e.g. "envoy"
  std::string cmdline;  // "/usr/local/bin/pilot-agent proxy sidecar --domain ..."; empty for kernel threads
};

// Reads every /proc/<pid> under `proc_root`, sorted by pid. Processes that exit while it reads are left out.
std::vector<ProcessInfo> read_process_table(const std::string& proc_root = "/proc");

// A sh script printing, for every process, its /proc/PID/stat line and then its command line (NULs and
// newlines as spaces): how the table is read where a command runs when that is not here (behind kubectl
// exec, ssh, nsenter), with nothing but sh, cat and tr there.
inline constexpr const char* kProcessListingScript =
    "for d in /proc/[0-9]*; do s=$(cat \"$d/stat\" 2>/dev/null) || continue; "
    "c=$(tr '\\0\\n' '  ' < \"$d/cmdline\" 2>/dev/null); printf '%s\\n%s\\n' \"$s\" \"$c\"; done";

// The processes in that script's output (pairs of lines), sorted by pid; pairs that do not parse are left
// out (a process that exited between the two reads).
std::vector<ProcessInfo> parse_process_listing(std::string_view listing);

// Parses the text of /proc/PID/stat into pid, ppid and comm (the name may hold spaces and parentheses, so
// it ends at the last ')'). Returns false if the text is not in that format.
bool parse_proc_stat(std::string_view stat, ProcessInfo* out);

// True if a process has `name`: its comm equals it, or, for names longer than the kernel keeps, equals its
// first 15 bytes (pgrep matches the same way).
bool has_process_name(const ProcessInfo& p, std::string_view name);

}  // namespace flamekit::capture
