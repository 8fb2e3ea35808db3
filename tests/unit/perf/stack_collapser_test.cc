// stack_collapser_test.cc: whole samples in, folded stacks out (the script's main loop and our fixes).
#include "perf/stack_collapser.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/error.h"
#include "collapse_test_util.h"

using flamekit::perf::CollapseOptions;
using flamekit::perf::CollapseStats;
using flamekit::perf::testing::collapse_text;

namespace {
const char* kTwoSamples =
    "# cmdline : /usr/bin/perf record -g ./app\n"
    "app 100/101 [000] 1.000001: 250 cpu-clock:\n"
    "\t    1151 leaf+0x28 (/tmp/app)\n"
    "\t    1187 main+0x18 (/tmp/app)\n"
    "\tffffffff81000000 do_syscall_64+0x1 ([kernel.kallsyms])\n"
    "\n"
    "app 100/101 [000] 1.000002: 250 cpu-clock:\n"
    "\t    1151 leaf+0x28 (/tmp/app)\n"
    "\t    1187 main+0x18 (/tmp/app)\n"
    "\t    7f00 [unknown] (/usr/lib/libc.so.6)\n"
    "\t    7f01 [unknown] ([unknown])\n"
    "\n";

CollapseOptions with(void (*set)(CollapseOptions&)) {
  CollapseOptions o;
  set(o);
  return o;
}
}  // namespace

TEST_CASE("the script's options on two samples", "[perf]") {
  CHECK(collapse_text(kTwoSamples) ==
        "app;[unknown];[libc.so.6];main;leaf 250\n"
        "app;do_syscall_64;main;leaf 250\n");
  CHECK(collapse_text(kTwoSamples, with([](CollapseOptions& o) { o.pid = true; })) ==
        "app-100;[unknown];[libc.so.6];main;leaf 250\n"
        "app-100;do_syscall_64;main;leaf 250\n");
  CHECK(collapse_text(kTwoSamples, with([](CollapseOptions& o) { o.tid = true; })) ==
        "app-100/101;[unknown];[libc.so.6];main;leaf 250\n"
        "app-100/101;do_syscall_64;main;leaf 250\n");
  CHECK(collapse_text(kTwoSamples, with([](CollapseOptions& o) { o.kernel = true; })) ==
        "app;[unknown];[libc.so.6];main;leaf 250\n"
        "app;do_syscall_64_[k];main;leaf 250\n");
  CHECK(collapse_text(kTwoSamples, with([](CollapseOptions& o) { o.addrs = true; })) ==
        "app;[unknown <7f01>];[libc.so.6 <7f00>];main;leaf 250\n"
        "app;do_syscall_64;main;leaf 250\n");
  CHECK(collapse_text(kTwoSamples, with([](CollapseOptions& o) { o.no_comm = true; })) ==
        "[unknown];[libc.so.6];main;leaf 250\n"
        "do_syscall_64;main;leaf 250\n");
}

TEST_CASE("JIT and inline annotations", "[perf]") {
  const char* input =
      "java 1 [000] 1.0: cycles:\n"
      "\t7f1 Lcom/foo/Bar;.run()V (/tmp/perf-123.map)\n"
      "\t7f2 outer->inner (/usr/lib/libx.so)\n"
      "\n";
  CollapseOptions all;
  all.all = true;
  CHECK(collapse_text(input, all) == "java;outer;inner_[i];com/foo/Bar:.run_[j] 1\n");
}

TEST_CASE("only the first event is counted unless --event-filter picks one", "[perf]") {
  const char* input =
      "a 1 [000] 1.0: 10 cycles:\n\t1 f (/x)\n\n"
      "a 1 [000] 1.1: 20 instructions:\n\t1 g (/x)\n\n"
      "a 1 [000] 1.2: 30 cycles:\n\t1 f (/x)\n\n";
  CollapseStats stats;
  CHECK(collapse_text(input, {}, &stats) == "a;f 40\n");
  CHECK(stats.filtered_samples == 1);
  CHECK(stats.event_order == std::vector<std::string>{"cycles", "instructions"});
  CollapseOptions pick;
  pick.event_filter = "instructions";
  CHECK(collapse_text(input, pick) == "a;g 20\n");
}

TEST_CASE("script quirks that the conformance vectors rely on", "[perf]") {
  // Period "" or "0" counts 1; a frame whose symbol starts with '(' is skipped; an event line inside a
  // sample replaces comm and period but keeps the frames.
  CHECK(collapse_text("a 1 [000] 1.0: 0 cycles:\n\t1 (x) (/m)\n\t2 f (/m)\n\n") == "a;f 1\n");
  CHECK(collapse_text("a 1 [000] 1.0: 5 cycles:\n\t1 f (/m)\nb 2 [000] 1.1: 7 cycles:\n\t2 g (/m)\n\n") ==
        "b;g;f 7\n");
  // A last sample without a blank line after it is dropped, as the script drops it ...
  CHECK(collapse_text("a 1 [000] 1.0: cycles:\n\t1 f (/m)\n\na 1 [000] 1.0: cycles:\n\t1 g (/m)\n") == "a;f 1\n");
  // ... unless the input was cut in the middle of a line: then it is counted.
  CHECK(collapse_text("a 1 [000] 1.0: cycles:\n\t1 f (/m)\n\na 1 [000] 1.0: cycles:\n\t1 g (/m)") ==
        "a;f 1\na;g 1\n");
}

TEST_CASE("what users of the script complain about", "[perf]") {
  // Comm with spaces and a number, CRLF line ends, ';' in names.
  CHECK(collapse_text("Web Content 2 77 [000] 1.0: 3 cycles:\r\n\t1 a;b (/m)\r\n\r\n") == "Web_Content_2;a:b 3\n");
  // Padded comm (perf's %16s without call chains).
  CHECK(collapse_text("            perf 1234 [000] 1.0: 2 cycles:\n\t1 f (/m)\n\n") == "perf;f 2\n");
  // Tracepoint payload after the event name: still recognised, so --event-filter works.
  const char* tp =
      "perf 1 [000] 1.0: sched:sched_switch: prev_comm=perf prev_pid=1 ==> next_comm=x\n\t1 schedule (/m)\n\n"
      "perf 1 [000] 1.1: 1 cycles:\n\t1 f (/m)\n\n";
  CollapseOptions cycles;
  cycles.event_filter = "cycles";
  CHECK(collapse_text(tp, cycles) == "perf;f 1\n");
  CHECK(collapse_text(tp) == "perf;schedule 1\n");
  // Modules with spaces or brackets.
  CHECK(collapse_text("a 1 [000] 1.0: cycles:\n\t1 [unknown] ([JIT app cache])\n\t2 g (/opt/my app (x86)/l.so)\n\n") ==
        "a;g;[[JIT app cache]] 1\n");
  // Invalid UTF-8 and control characters pass through without breaking lines.
  CHECK(collapse_text("a 1 [000] 1.0: cycles:\n\t1 f\xff\x01x (/m)\n\n") == "a;f\xff\x01x 1\n");
}

TEST_CASE("-F+srcline lines are skipped, or appended with --srcline", "[perf]") {
  const char* input =
      "a 1 [000] 1.0: cycles:\n"
      "\t1151 leaf+0x28 (/tmp/w)\n"
      "  w.c:3\n"
      "\t2724a __libc_start_call_main+0x7a (/usr/lib/libc.so.6)\n"
      "  libc.so.6[2724a]\n"
      "\t7fff [unknown] ([unknown])\n"
      "\n";
  CollapseStats stats;
  CHECK(collapse_text(input, {}, &stats) == "a;[unknown];__libc_start_call_main;leaf 1\n");
  CHECK(stats.srclines_skipped == 2);
  CHECK(stats.problems.empty());
  CollapseOptions srcline;
  srcline.srcline = true;
  CHECK(collapse_text(input, srcline) == "a;[unknown];__libc_start_call_main:libc.so.6;leaf:w.c:3 1\n");
}

TEST_CASE("unparsable lines are reported once per kind with the first line, or fatal with --strict", "[perf]") {
  const char* input = "a 1 [000] 1.0: cycles:\n\t1 f (/m)\ngarbage\n\nmore garbage\n";
  CollapseStats stats;
  CHECK(collapse_text(input, {}, &stats) == "a;f 1\n");
  REQUIRE(stats.problems.size() == 1);
  CHECK(stats.problems[0].line == 3);
  CHECK(stats.problems[0].count == 2);
  CHECK(stats.problems[0].message == "unrecognized line: garbage");
  CollapseOptions strict;
  strict.strict = true;
  try {
    collapse_text(input, strict);
    FAIL("no error");
  } catch (const flamekit::Error& e) {
    CHECK(e.describe() == "test.txt:3: unrecognized line: garbage");
  }
}

TEST_CASE("unknown frames are counted for the missing-symbols warning", "[perf]") {
  CollapseStats stats;
  collapse_text(kTwoSamples, {}, &stats);
  CHECK(stats.frames == 7);
  CHECK(stats.unknown_frames == 2);
}

// The frame cache takes a line's frames from the entry predicted by the previous line (its last successor)
// only when the whole line, end included, is the same text, and keeps Java and other comms apart.
TEST_CASE("predicted frame lines are used only when the whole line matches", "[perf]") {
  std::string sample = "a 1 [000] 1.0: cycles:\n\t1 f (/m)\n\t2 g (/m)\n\n";
  // The line after "f" differs from the cached "\t2 g (/m)" only after it, or by its end.
  std::string longer = "a 1 [000] 1.0: cycles:\n\t1 f (/m)\n\t2 g (/m) (/n)\n\n";
  std::string shorter = "a 1 [000] 1.0: cycles:\n\t1 f (/m)\n\t2 g (/\n\n";
  CHECK(collapse_text(sample + longer + sample) == "a;g ;f 1\na;g;f 2\n");  // the script cuts "g (/m)" at '('
  CHECK(collapse_text(sample + shorter + sample) == "a;f 1\na;g;f 2\n");
  // At the end of the input without its '\n', and with CRLF line ends.
  CHECK(collapse_text(sample + "a 1 [000] 1.0: cycles:\n\t1 f (/m)\n\t2 g (/m)") == "a;g;f 2\n");
  CHECK(collapse_text(sample + "a 1 [000] 1.0: cycles:\r\n\t1 f (/m)\r\n\t2 g (/m)\r\n\r\n") == "a;g;f 2\n");
  // The same lines under a java comm are tidied the Java way, and back again.
  std::string java = "java 1 [000] 1.0: cycles:\n\t1 Lx/F;.f()V (/m)\n\t2 Lx/G;.g()V (/m)\n\n";
  std::string other = "b 1 [000] 1.0: cycles:\n\t1 Lx/F;.f()V (/m)\n\t2 Lx/G;.g()V (/m)\n\n";
  CHECK(collapse_text(java + other + java + other) ==
        "b;Lx/G:.g;Lx/F:.f 2\njava;x/G:.g;x/F:.f 2\n");
  // A filtered sample's frames are not counted, and do not disturb the prediction.
  std::string filtered = "a 1 [000] 1.0: instructions:\n\t1 f (/m)\n\t2 g (/m)\n\n";
  CHECK(collapse_text(sample + filtered + sample) == "a;g;f 2\n");
  // An unindented line with a frame's shape is tried as an event line first, so it is never cached.
  CHECK(collapse_text(sample + "a 1 [000] 1.0: cycles:\n\t1 f (/m)\n2 g (/m)\n\n" + sample) == "a;g;f 3\n");
}

// perf record without -g (issue 13, item 5): the script counts nothing; we count them as one problem kind.
TEST_CASE("samples without call chains are counted as such, not as stacks", "[perf]") {
  auto no_call_chain = [](const CollapseStats& s) -> int64_t {
    for (const auto& p : s.problems) {
      if (p.kind == flamekit::perf::kNoCallChain) return p.count;
    }
    return 0;
  };
  CollapseStats stats;
  // perf script's default fields: one line per sample, comm padded to 16 columns.
  const char* one_line =
      "               w  7160   412.275973:     500000 cpu-clock:  ffffffff82240c89 pvm_irq_enable+0x19 ([kernel.kallsyms])\n"
      "               w  7160   412.277127:     500000 cpu-clock:      556e4f05e15c leaf+0x33 (/tmp/w)\n"
      "               w  7160   412.278125:     500000 cpu-clock:      556e4f05e15c leaf+0x33 (/tmp/w)\n";
  CHECK(collapse_text(one_line, {}, &stats).empty());
  CHECK(no_call_chain(stats) == 3);
  CHECK(stats.problems[0].line == 1);
  // perf script -F without ip: headers only.
  const char* headers =
      "               w  7160   412.275973:     500000 cpu-clock: \n"
      "               w  7160   412.277127:     500000 cpu-clock: \n";
  CHECK(collapse_text(headers, {}, &stats).empty());
  CHECK(no_call_chain(stats) == 2);
  // A -g recording with a filtered event is not taken for one.
  const char* filtered = "a 1 [000] 1.0: 10 cycles:\n\t1 f (/x)\n\na 1 [000] 1.1: 20 instructions:\n\t1 g (/x)\n\n";
  CHECK(collapse_text(filtered, {}, &stats) == "a;f 10\n");
  CHECK(stats.problems.empty());
  CollapseOptions strict;
  strict.strict = true;
  try {
    collapse_text(one_line, strict);
    FAIL("no error");
  } catch (const flamekit::Error& e) {
    CHECK(e.describe() == "test.txt:1: sample without a call chain (recorded without -g?): record with 'perf record -g'");
  }
}
