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

// The collapser replays an event line that differs from a remembered one only in its timestamp, so every
// other "secs.usecs:" token there must give the same fields.
TEST_CASE("another timestamp gives the same fields", "[perf]") {
  const char* lines[] = {
      "java 25607 4794564.109216: 1 cycles:",
      "java 12688 [002] 6544038.708352: 235 cpu-clock:",
      "V8 WorkerThread 25607 4794564.109216: 104345 cycles:",
      "swapper     0/0 [001]  1333.768770: cpu-clock: ",
      "bash  3991    87.727928:     500250 cpu-clock:pppH: ",
      "perf 1234 [000] 1.000001: sched:sched_switch: prev_comm=perf prev_pid=1234 ==> next_comm=swapper/0",
      "Web Content 2 1234 [000] 1.000001: 10 cycles:",
      "X 99 [000] 1.000001: 7 cycles:",
      "a 1 2.5: 3.5: 7 cycles:",         // two timestamps: the first is the one the fields avoid
      "a 1.5: 1 2.5: cycles:",           // a timestamp inside the comm is not free
      "a 1 2.5:",                        // no event name
      "a 1 x: 2.5:",                     // the only timestamp is the event name: not free
      "a 1 [000] 2.5:   ",
      "a 1 [000] 2.5: 12 3.5:",
      "9.5: 1 2.5: 4 cycles:",
  };
  const char* others[] = {"0.0:", "7.1:", "123456789.987654321:", "55.5:"};
  for (const char* text : lines) {
    std::string line = text;
    INFO(line);
    EventLine e;
    REQUIRE(parse_event_line(line, &e));
    size_t begin, end;
    if (!flamekit::perf::find_timestamp(line, e, &begin, &end)) continue;
    for (const char* other : others) {
      std::string changed = line.substr(0, begin) + other + line.substr(end);
      INFO(changed);
      EventLine f;
      REQUIRE(parse_event_line(changed, &f));
      CHECK(f.comm == e.comm);
      CHECK(f.pid == e.pid);
      CHECK(f.tid == e.tid);
      CHECK(f.period == e.period);
      CHECK(f.event == e.event);
    }
  }
  EventLine e;
  size_t begin, end;
  std::string line = "bash  3991    87.727928:     500250 cpu-clock:pppH: ";
  REQUIRE(parse_event_line(line, &e));
  REQUIRE(flamekit::perf::find_timestamp(line, e, &begin, &end));
  CHECK(line.substr(begin, end - begin) == "87.727928:");
  line = "a 1 x: 2.5:";
  REQUIRE(parse_event_line(line, &e));
  CHECK(e.event == "2.5");
  CHECK_FALSE(flamekit::perf::find_timestamp(line, e, &begin, &end));
}
