// folded_diff.cc: read both profiles, normalise, write the sorted three-column lines and the --top table.
#include "diff/folded_diff.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include "cli/tool_main.h"
#include "core/diagnostics.h"
#include "core/error.h"
#include "diff/diff_lines.h"
#include "diff/diff_set.h"
#include "diff/top_changes.h"
#include "diff/sorted_merge.h"
#include "io/format_sniff.h"
#include "io/mapped_file.h"
#include "io/output_file.h"

namespace flamekit::diff {

void DiffOptions::validate() const {
  if (before.empty() || after.empty()) throw Error::usage("two folded profiles are needed: BEFORE AFTER");
  if (before == "-" && after == "-") throw Error::usage("only one of the two profiles can be standard input");
  if (top < 0) throw Error::usage("--top must be 0 or more");
  if (!report.empty() && top == 0) throw Error::usage("--report needs --top N");
  if (!(min_delta >= 0 && min_delta <= 100)) throw Error::usage("--min-delta must be a percentage 0..100");
}

// Writing starts as soon as the first part of the pairing is done (DiffSet::part()). Only --min-delta
// needs every count first (its threshold is a share of the column totals); -n is applied while writing,
// and to the set itself before --top reads it.
namespace {

// The streaming path (sorted_merge.h) for two regular files, when no option needs every stack at hand:
// true if it wrote the output. Anything it cannot take, including a file it cannot open, is left to the
// general path, which reports problems in its own order.
bool try_sorted_merge(const DiffOptions& options, Diagnostics* diag) {
  if (options.strip_hex || options.top > 0 || options.min_delta > 0) return false;
  std::unique_ptr<io::MappedFile> before, after;
  try {
    before = std::make_unique<io::MappedFile>(options.before);
    after = std::make_unique<io::MappedFile>(options.after);
  } catch (const Error&) {
    return false;
  }
  if (!before->ok() || !after->ok()) return false;
  io::check_input_format(before->bytes(), io::Reader::kDiff, options.before);
  io::check_input_format(after->bytes(), io::Reader::kDiff, options.after);
  io::OutputFile out(options.output, {.gzip = io::OutputFile::wants_gzip(options.output)});
  auto write = [&out](std::string_view text) { out.write(text); };
  if (!diff_sorted_files(*before, options.before, *after, options.after, options.normalize, diag, write)) return false;
  out.commit();
  return true;
}

}  // namespace

void run_diff(const DiffOptions& options) {
  options.validate();
  // Strict: a line difffolded.pl would file under an empty stack is an error, not a warning.
  Diagnostics diag(cli::tool_name(), true);
  if (try_sorted_merge(options, &diag)) return;
  DiffSet set;
  set.read(options.before, options.after, options.strip_hex, &diag);

  LineOptions lines;
  bool scaled = false;  // the set's first counts are already normalised
  if (options.min_delta > 0) {
    if (options.normalize) {
      set.normalize_first();
      scaled = true;
    }
    lines.hide_below = options.min_delta / 100 * std::max(set.total(0), set.total(1));
  }
  if (options.normalize && !scaled) lines.scale = &set;

  io::OutputFile out(options.output, {.gzip = io::OutputFile::wants_gzip(options.output)});
  for (size_t k = 0; k < set.parts(); ++k) {
    bool in_order;
    std::span<const DiffSet::Entry> entries = set.part(k, &in_order);
    if (in_order) {
      write_diff_lines(entries, lines, &out);
    } else {
      write_sorted_diff_lines(entries, lines, &out);
    }
  }
  if (options.top > 0) {
    if (options.normalize && !scaled) set.normalize_first();
    std::string table = format_top_changes(set, static_cast<size_t>(options.top), options.before == "-" ? "<stdin>" : options.before,
                                           options.after == "-" ? "<stdin>" : options.after);
    if (options.report.empty()) {
      std::fputs(table.c_str(), stderr);
    } else {
      io::OutputFile report(options.report);
      report.write(table);
      report.commit();
    }
  }
  out.commit();
}

}  // namespace flamekit::diff
