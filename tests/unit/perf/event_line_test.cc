// event_line_test.cc: sample header parsing, as the script's regexes do it, and the deliberate fixes.
#include "perf/event_line.h"

#include <catch2/catch.hpp>
#include <string>

using flamekit::perf::EventLine;
using flamekit::perf::parse_event_line;

namespace {
struct Case {
  const char* line;
  const char* comm;
  const char* pid;
  const char* tid;
  const char* period;
  const char* event;
};
}  // namespace

TEST_CASE("event lines as stackcollapse-perf.pl splits them", "[perf]") {
  const Case cases[] = {
      {"java 25607 4794564.109216: 1 cycles:", "java", "?", "25607", "1", "cycles"},
      {"java 12688 [002] 6544038.708352: 235 cpu-clock:", "java", "?", "12688", "235", "cpu-clock"},
      {"V8 WorkerThread 25607 4794564.109216: 104345 cycles:", "V8 WorkerThread", "?", "25607", "104345", "cycles"},
      {"java 24636/25607 [000] 4794564.109216: 1 cycles:", "java", "24636", "25607", "1", "cycles"},
      {"swapper     0/0 [001]  1333.768770: cpu-clock: ", "swapper", "?", "0", "", "cpu-clock"},
      {"bash  3991    87.727928:     500250 cpu-clock:pppH: ", "bash", "?", "3991", "500250", "cpu-clock:pppH"},
      {"func_ab 15294 cpu-clock: ", "func_ab", "?", "15294", "", ""},  // no ':' before the event: none found
      {"emulator  4152 75695.008865:          1 cycles:u: ", "emulator", "?", "4152", "1", "cycles:u"},
      {"kworker/0:1 123 [000] 1.000001: cycles:", "kworker/0:1", "?", "123", "", "cycles"},
      // Fixes: a number token in comm, a tracepoint payload, a one-letter comm.
      {"Web Content 2 1234 [000] 1.000001: 10 cycles:", "Web Content 2", "?", "1234", "10", "cycles"},
      {"perf 1234 [000] 1.000001: sched:sched_switch: prev_comm=perf prev_pid=1234 ==> next_comm=swapper/0",
       "perf", "?", "1234", "", "sched:sched_switch"},
      {"X 99 [000] 1.000001: 7 cycles:", "X", "?", "99", "7", "cycles"},
      {"a;b 99 [000] 1.000001: 7 cycles:\r", "a;b", "?", "99", "7", "cycles"},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    EventLine e;
    REQUIRE(parse_event_line(c.line, &e));
    CHECK(e.comm == c.comm);
    CHECK(e.pid == c.pid);
    CHECK(e.tid == c.tid);
    CHECK(e.period == c.period);
    CHECK(e.event == c.event);
  }
}

TEST_CASE("lines that are not event lines", "[perf]") {
  for (const char* line : {"", "  leading blank 123 x", "ffffffff8103ce3b native_safe_halt ([kernel.kallsyms])",
                           "no digits here", "trailing 123"}) {
    INFO(line);
    EventLine e;
    CHECK_FALSE(parse_event_line(line, &e));
  }
}
