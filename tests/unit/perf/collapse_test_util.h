// collapse_test_util.h: runs the collapser on text and prints the folded result, for table tests.
#pragma once

#include <string>
#include <string_view>

#include "folded/count_format.h"
#include "io/line_reader.h"
#include "model/stack_set.h"
#include "perf/collapse_options.h"
#include "perf/stack_collapser.h"

namespace flamekit::perf::testing {

inline std::string folded_text(const model::StackSet& stacks) {
  std::string out;
  for (const auto& [text, count] : stacks.sorted_lines()) {
    out += text;
    out += ' ';
    folded::append_count(&out, count);
    out += '\n';
  }
  return out;
}

// Folded output of `input` fed line by line (StackCollapser::feed) with `options`.
inline std::string collapse_lines(std::string_view input, const CollapseOptions& options = {},
                                  CollapseStats* collapser_stats = nullptr) {
  model::StackSet stacks;
  StackCollapser collapser(options, "test.txt", &stacks, nullptr);
  io::LineReader reader("test.txt", input);
  std::string_view line;
  while (reader.next(&line)) collapser.feed(line, reader.line_number());
  collapser.finish(reader.line_number() > 0 && !reader.last_line_had_newline());
  if (collapser_stats) *collapser_stats = collapser.stats();
  return folded_text(stacks);
}

// Folded output of `input` collapsed with `options`, as a mapped file is (StackCollapser::feed_text); it
// must equal the line-by-line result, or the text returned says that they differ. *collapser_stats gets
// the stats if non-null.
inline std::string collapse_text(std::string_view input, const CollapseOptions& options = {},
                                 CollapseStats* collapser_stats = nullptr) {
  model::StackSet stacks;
  StackCollapser collapser(options, "test.txt", &stacks, nullptr);
  collapser.feed_text(input, 0);
  collapser.finish(!input.empty() && input.back() != '\n');
  if (collapser_stats) *collapser_stats = collapser.stats();
  std::string by_lines = collapse_lines(input, options);
  std::string by_text = folded_text(stacks);
  if (by_text != by_lines) return "feed_text gave:\n" + by_text + "feed gave:\n" + by_lines;
  return by_text;
}

}  // namespace flamekit::perf::testing
