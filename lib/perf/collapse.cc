// collapse.cc: reading the inputs, reporting, writing (see collapse.h).
#include "perf/collapse.h"

#include <cstdio>
#include <memory>
#include <optional>

#include "cli/tool_main.h"
#include "core/diagnostics.h"
#include "core/error.h"
#include "elf/symbolizer.h"
#include "folded/folded_writer.h"
#include "io/format_sniff.h"
#include "io/line_reader.h"
#include "io/mapped_file.h"
#include "io/output_file.h"
#include "perf/inline_frames.h"
#include "perf/parallel_collapse.h"

namespace flamekit::perf {
namespace {

CollapseResult collapse_serial(const std::vector<std::string>& inputs, const CollapseOptions& options,
                               model::StackSet* stacks) {
  std::unique_ptr<elf::Symbolizer> symbols;
  if (options.inline_frames) symbols = std::make_unique<elf::Symbolizer>(inline_symbolizer_options());
  StackCollapser collapser(options, inputs.empty() ? "-" : inputs[0], stacks, symbols.get());
  bool cut_mid_line = false;
  int64_t lines = 0;
  for (const std::string& input : inputs) {
    collapser.set_file(input);
    io::MappedFile mapped(input);
    if (mapped.ok()) {  // mapped, with the pages read handed back: memory stays flat however big the file
      io::check_input_format(mapped.bytes(), io::Reader::kCollapse, input);
      lines += feed_mapped(mapped, 0, mapped.bytes().size(), &collapser);
      cut_mid_line = mapped.bytes().back() != '\n';
    } else {
      // --threads on gzip: one thread inflates, this one parses (chunks need the whole text mapped).
      io::LineReader reader(input, {.read_ahead = options.threads > 1});
      io::check_input_format(reader.peek(io::kSniffBytes), io::Reader::kCollapse, input);
      std::string_view line;
      while (reader.next(&line)) collapser.feed(line, reader.line_number());
      cut_mid_line = reader.line_number() > 0 && !reader.last_line_had_newline();
      lines += reader.line_number();
    }
  }
  collapser.finish(cut_mid_line);
  CollapseResult result;
  result.lines = lines;
  result.stats = collapser.stats();
  result.event_filter = collapser.event_filter();
  result.event_defaulted = collapser.event_defaulted();
  result.dropped_open_sample = collapser.dropped_open_sample();
  return result;
}

std::string percent(int64_t part, int64_t whole) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0);
  return buf;
}

const LineProblem* find_problem(const CollapseStats& s, std::string_view kind) {
  for (const LineProblem& p : s.problems) {
    if (p.kind == kind) return &p;
  }
  return nullptr;
}

std::string no_call_chain_warning(int64_t samples) {
  return std::to_string(samples) + (samples == 1 ? " sample" : " samples") +
         " without a call chain (recorded without -g?), not counted, as stackcollapse-perf.pl does not count "
         "them: record with 'perf record -g'";
}

// The rule for input that is mostly not perf script: more than half of the non-blank lines unrecognized.
// Random bytes, a log file or a report give a few lines that parse by chance (a 20 KB random file gave a
// 258-byte stack), and printing those as if they were the profile would hide that nothing was read.
std::optional<Error> mostly_unrecognized(const CollapseResult& result) {
  const LineProblem* bad = find_problem(result.stats, "unrecognized-line");
  int64_t text_lines = result.lines - result.stats.blank_lines;
  if (!bad || bad->count * 2 <= text_lines) return std::nullopt;
  return Error(Error::Position{bad->file, 0, -1},
               std::to_string(bad->count) + " of the " + std::to_string(text_lines) + " non-blank lines (" +
                   percent(bad->count, text_lines) + ") are not perf script output; nothing written");
}

}  // namespace

CollapseResult collapse_perf(const std::vector<std::string>& inputs, const CollapseOptions& options,
                             model::StackSet* stacks) {
  std::vector<std::string> names = inputs.empty() ? std::vector<std::string>{"-"} : inputs;
  if (options.threads > 1 && names.size() == 1 && !options.inline_frames) {
    io::MappedFile mapped(names[0]);
    if (mapped.ok()) {
      io::check_input_format(mapped.bytes(), io::Reader::kCollapse, names[0]);
      if (auto result = collapse_parallel(names[0], mapped, options, options.threads, stacks)) {
        return std::move(*result);
      }
    }
  }
  return collapse_serial(names, options, stacks);
}

bool report_collapse(const CollapseResult& result, const CollapseOptions& options) {
  Diagnostics diag(cli::tool_name(), false);
  const CollapseStats& s = result.stats;
  for (const LineProblem& p : s.problems) {
    if (p.kind == kNoCallChain) {  // one line with the count: usually every sample of the input is one
      diag.warn(p.kind, Error::at_line(p.file, p.line, no_call_chain_warning(p.count)));
      continue;
    }
    Error first = Error::at_line(p.file, p.line, p.message);
    for (int64_t i = 0; i < p.count; ++i) diag.warn(p.kind, first);
  }
  diag.print_summary();
  if (result.event_defaulted && s.filtered_samples > 0) {
    std::string others;
    for (const std::string& e : s.event_order) {
      if (e != result.event_filter) others += (others.empty() ? "" : ", ") + e;
    }
    diag.note("counted only the first event, " + result.event_filter + "; skipped " +
              std::to_string(s.filtered_samples) + " samples of " + others + " (choose with --event-filter)");
  }
  if (!options.event_filter.empty() && s.events.find(options.event_filter) == s.events.end() && !s.events.empty()) {
    std::string seen;
    for (const std::string& e : s.event_order) seen += (seen.empty() ? "" : ", ") + e;
    diag.note("warning: no samples of event " + options.event_filter + " (events seen: " + seen + ")");
  }
  if (s.srclines_skipped > 0) {
    diag.note("skipped " + std::to_string(s.srclines_skipped) +
              " source lines of perf script -F+srcline; --srcline appends them to the frames");
  }
  if (s.frames > 0 && s.unknown_frames * 2 > s.frames) {
    diag.note("warning: " + percent(s.unknown_frames, s.frames) + " of the frames (" +
              std::to_string(s.unknown_frames) + " of " + std::to_string(s.frames) +
              ") have no symbol ([unknown]): missing symbols or debug info, or a JIT without a perf map?");
  }
  if (result.dropped_open_sample) {
    diag.note("warning: the input ends inside a sample (no blank line after it); it is not counted, "
              "as stackcollapse-perf.pl does not count it");
  }
  if (options.verbose) {
    for (const std::string& e : s.event_order) {
      bool counted = e == result.event_filter;
      diag.note("event " + e + ": " + std::to_string(s.events.at(e)) + " samples" + (counted ? " (counted)" : ""));
    }
    std::string summary = std::to_string(s.samples) + " samples counted, " + std::to_string(s.frames) + " frames";
    if (const LineProblem* p = find_problem(s, kNoCallChain)) {
      summary += "; " + std::to_string(p->count) + " samples without a call chain, not counted";
    }
    diag.note(summary);
  }
  return s.problems.empty();
}

int run_collapse(const std::vector<std::string>& inputs, const CollapseOptions& options) {
  options.validate();
  model::StackSet stacks;
  CollapseResult result = collapse_perf(inputs, options, &stacks);
  if (std::optional<Error> refusal = mostly_unrecognized(result)) {
    report_collapse(result, options);  // the first unrecognized line, before the verdict
    throw *refusal;
  }
  io::OutputFile out(options.output, {.gzip = io::OutputFile::wants_gzip(options.output)});
  folded::write_folded(stacks, &out, options.threads);
  out.commit();
  bool clean = report_collapse(result, options);
  return clean ? kExitOk : kExitBadInput;
}

}  // namespace flamekit::perf
