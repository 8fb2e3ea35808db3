// event_line.h: the header line of one sample in `perf script` output, e.g.
//   java 12688/12764 [002] 6544038.708352:   10309278 cpu-clock:
//   V8 WorkerThread 25607 4794564.109216: 104345 cycles:
//   perf 1234 [000] 51499.088689: sched:sched_switch: prev_comm=perf prev_pid=1234 ...
// The fields stackcollapse-perf.pl uses are the process name (comm), the ids, the period and the event name.
//
// Parity: the comm/id split and the period/event match reproduce the script's two regexes
//   /^(\S.+?)\s+(\d+)\/*(\d+)*\s+/   and   /:\s*(\d+)*\s+(\S+):\s*$/
// byte for byte on what perf prints, with three deliberate fixes for lines the script gets wrong:
//   - a comm containing a number token ("Web Content 2 1234 [000] 1.0: cycles:"): the id is the number that
//     is followed by a "[cpu]" or a "secs.usecs:" timestamp, when one is (the script takes the first number);
//   - a one-letter comm ("X  123 ..."): the script's regex needs two characters and keeps a trailing space;
//   - a tracepoint payload after the event name ("... 1.0: sched:sched_switch: prev_comm=..."): the event is
//     still found after the timestamp (the script sees no event there and neither filters nor weights it).
// Leading blanks (perf pads comm with %16s when there are no call chains) are the caller's to strip.
#pragma once

#include <string_view>

namespace flamekit::perf {

struct EventLine {
  std::string_view comm;    // process name as printed, may contain spaces
  std::string_view pid;     // "?" when the line carries a single id (perf's default prints only the TID)
  std::string_view tid;
  std::string_view period;  // the digits before the event name, "" when absent
  std::string_view event;   // event name without its final ':' ("cpu-clock", "cycles:u"); "" if not found
};

// Parses `line` (no '\n', no leading blank) as a sample header. Returns false if it is not one. The views in
// *out point into `line`.
bool parse_event_line(std::string_view line, EventLine* out);

// The timestamp of `line`, which parse_event_line turned into `event`: a blank-delimited "secs.usecs:" token
// that none of the fields overlap. The parse sees no more of such a token than that it is one, so a line
// that differs from `line` only by another "secs.usecs:" token there parses to the same fields (the
// collapser uses this to skip parsing the event lines of a thread it has already seen). Sets
// [*begin, *end) to it and returns true, or returns false if the line has none.
bool find_timestamp(std::string_view line, const EventLine& event, size_t* begin, size_t* end);

// True if `token` is a "secs.usecs:" timestamp token: digits, '.', digits, ':'.
bool is_timestamp(std::string_view token);

}  // namespace flamekit::perf
