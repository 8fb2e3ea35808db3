// traces_text_test.cc: pprof -traces text: values with units, labels, inline frames.
#include "pprof/traces_text.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/error.h"
#include "pprof_test_util.h"

using namespace flamekit::pprof;
using flamekit::pprof::testing::folded;

namespace {

const char* kSeparator = "-----------+-------------------------------------------------------\n";

std::string traces(const std::string& text, const FoldOptions& options = {}) {
  Profile p;
  read_traces_text(text, "traces.txt", &p);
  return folded(p, options);
}

}  // namespace

TEST_CASE("-traces text: values back in nanoseconds, inline frames in their caller", "[pprof]") {
  std::string text = std::string("File: goprog\nType: cpu\nDuration: 525.18ms, Total samples = 110ms (20.95%)\n") +
                     kSeparator +
                     "    worker:  a\n"
                     "      20ms   runtime.asyncPreempt\n"
                     "             main.inlined (inline)\n"
                     "             main.main.func1\n" +
                     kSeparator +
                     "     1.50s   main.spinB\n"
                     "             [goprog]\n" +
                     kSeparator;
  CHECK(traces(text) == "[goprog];main.spinB 1500000000\nmain.main.func1;main.inlined;runtime.asyncPreempt 20000000\n");
  FoldOptions o;
  o.inline_frames = false;
  o.tag_root = {"worker"};
  CHECK(traces(text, o) == "<unknown>;[goprog];main.spinB 1500000000\na;main.main.func1;runtime.asyncPreempt 20000000\n");
  Profile p;
  read_traces_text(text, "t", &p);
  CHECK(p.sample_types[0].type == "cpu");
  CHECK(p.sample_types[0].unit == "nanoseconds");
}

TEST_CASE("-traces text: errors name the line", "[pprof]") {
  Profile p;
  CHECK_THROWS_WITH(read_traces_text(std::string(kSeparator) + "   12parsecs   f\n", "t", &p), "not a pprof value: 12parsecs");
  Profile q;
  CHECK_THROWS_WITH(read_traces_text(std::string(kSeparator) + "   1ms   f\n" + kSeparator + "   1MB   g\n", "t", &q),
                    "values in both nanoseconds and bytes");
}
