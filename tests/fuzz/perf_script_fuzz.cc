// perf_script_fuzz.cc: the `perf script` collapser over arbitrary bytes (first byte picks options). It must
// not crash, its two entry points (feed() per line and the faster feed_text()) must give the same stacks,
// and no folded line may contain a newline.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/error.h"
#include "io/line_reader.h"
#include "model/stack_set.h"
#include "perf/collapse_options.h"
#include "perf/stack_collapser.h"

using namespace flamekit;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  perf::CollapseOptions options;
  options.pid = data[0] & 1;
  options.tid = data[0] & 2;
  options.all = data[0] & 4;
  options.addrs = data[0] & 8;
  options.srcline = data[0] & 16;
  options.no_comm = data[0] & 32;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);

  model::StackSet by_line, by_text;
  perf::StackCollapser line_collapser(options, "fuzz", &by_line, nullptr);
  io::LineReader reader("fuzz", text);
  std::string_view line;
  while (reader.next(&line)) line_collapser.feed(line, reader.line_number());
  line_collapser.finish(!reader.last_line_had_newline());

  perf::StackCollapser text_collapser(options, "fuzz", &by_text, nullptr);
  text_collapser.feed_text(text, 0);
  text_collapser.finish(!text.empty() && text.back() != '\n');

  auto a = by_line.sorted_lines();
  auto b = by_text.sorted_lines();
  if (a != b) std::abort();
  for (const auto& [stack, count] : a) {
    if (stack.find('\n') != std::string::npos || count < 0) std::abort();
  }
  return 0;
}
