// folded_diff.cc: read both profiles, normalise, write the sorted three-column lines and the --top table.
#include "diff/folded_diff.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "core/error.h"
#include "diff/diff_lines.h"
#include "diff/diff_set.h"
#include "diff/top_changes.h"
#include "folded/count_format.h"
#include "io/output_file.h"

namespace flamekit::diff {

void DiffOptions::validate() const {
  if (before.empty() || after.empty()) throw Error::usage("two folded profiles are needed: BEFORE AFTER");
  if (before == "-" && after == "-") throw Error::usage("only one of the two profiles can be standard input");
  if (top < 0) throw Error::usage("--top must be 0 or more");
  if (!report.empty() && top == 0) throw Error::usage("--report needs --top N");
  if (!(min_delta >= 0 && min_delta <= 100)) throw Error::usage("--min-delta must be a percentage 0..100");
}

void run_diff(const DiffOptions& options) {
  options.validate();
  DiffSet set;
  set.read(options.before, options.after, options.strip_hex);
  if (options.normalize) set.normalize_first();

  const Count threshold =
      options.min_delta > 0 ? options.min_delta / 100 * std::max(set.total(0), set.total(1)) : 0;
  auto hidden = [&](const DiffSet::Entry& e) {
    return threshold > 0 && std::fabs(e.counts[1] - e.counts[0]) < threshold;
  };
  auto append_line = [](const DiffSet::Entry& e, std::string* text) {
    text->append(e.stack);
    text->push_back(' ');
    folded::append_count(text, e.counts[0]);
    text->push_back(' ');
    folded::append_count(text, e.counts[1]);
    text->push_back('\n');
  };

  io::OutputFile out(options.output, {.gzip = io::OutputFile::wants_gzip(options.output)});
  std::string text;
  if (set.in_order()) {
    write_diff_lines(set.entries(), threshold, &out);
  } else {
    // All lines in one buffer, sorted as byte strings: the order of `LC_ALL=C sort`.
    std::vector<std::pair<size_t, size_t>> lines;  // [begin, end) in text, '\n' included
    lines.reserve(set.size());
    for (const DiffSet::Entry& e : set.entries()) {
      if (hidden(e)) continue;
      size_t begin = text.size();
      append_line(e, &text);
      lines.emplace_back(begin, text.size());
    }
    auto view = [&](const std::pair<size_t, size_t>& l) {
      return std::string_view(text).substr(l.first, l.second - l.first - 1);
    };
    std::sort(lines.begin(), lines.end(), [&](const auto& x, const auto& y) { return view(x) < view(y); });
    for (const auto& l : lines) out.write(std::string_view(text).substr(l.first, l.second - l.first));
  }
  if (options.top > 0) {
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
