// top_changes.cc: per-function inclusive/self sums over the diff set, ranking, and the table.
#include "diff/top_changes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "absl/container/flat_hash_map.h"
#include "core/string_hash.h"
#include "folded/count_format.h"

namespace flamekit::diff {
namespace {

Count change(const Count (&c)[2]) { return std::fabs(c[1] - c[0]); }
Count rank_key(const FunctionChange& f) { return std::max(change(f.inclusive), change(f.self)); }

std::string count_text(Count c) {
  std::string s;
  folded::append_count(&s, c);
  return s;
}
std::string delta_text(const Count (&c)[2]) {
  Count d = c[1] - c[0];
  if (d == 0) return "0";
  return (d < 0 ? "-" : "+") + count_text(std::fabs(d));
}
std::string percent_text(const Count (&c)[2]) {
  if (c[1] == c[0]) return "0.0%";
  if (c[0] == 0) return "new";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%+.1f%%", (c[1] - c[0]) * 100.0 / c[0]);
  return buf;
}

}  // namespace

std::vector<FunctionChange> top_changes(const DiffSet& set, size_t n, size_t* functions_seen) {
  absl::flat_hash_map<std::string_view, uint32_t, StringHash> index;  // frame name -> all[] index
  std::vector<FunctionChange> all;
  std::vector<size_t> last_stack;  // per function: the last stack that counted it (dedupes recursion)
  for (size_t s = 0; s < set.entries().size(); ++s) {
    const DiffSet::Entry& e = set.entries()[s];
    uint32_t id = 0;
    for (size_t start = 0;;) {
      size_t semi = e.stack.find(';', start);
      std::string_view name = e.stack.substr(start, semi == std::string_view::npos ? semi : semi - start);
      auto [it, added] = index.try_emplace(name, static_cast<uint32_t>(all.size()));
      if (added) {
        all.push_back(FunctionChange{std::string(name), {0, 0}, {0, 0}});
        last_stack.push_back(SIZE_MAX);
      }
      id = it->second;
      if (last_stack[id] != s) {
        last_stack[id] = s;
        all[id].inclusive[0] += e.counts[0];
        all[id].inclusive[1] += e.counts[1];
      }
      if (semi == std::string_view::npos) break;
      start = semi + 1;
    }
    all[id].self[0] += e.counts[0];  // the leaf
    all[id].self[1] += e.counts[1];
  }
  if (functions_seen) *functions_seen = all.size();
  auto order = [](const FunctionChange& a, const FunctionChange& b) {
    Count ka = rank_key(a), kb = rank_key(b);
    return ka != kb ? ka > kb : a.name < b.name;
  };
  n = std::min(n, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(), order);
  all.resize(n);
  return all;
}

std::string format_top_changes(const DiffSet& set, size_t n, const std::string& before_name,
                               const std::string& after_name) {
  size_t seen = 0;
  std::vector<FunctionChange> top = top_changes(set, n, &seen);
  std::string out = "flame-diff: top " + std::to_string(top.size()) + " of " + std::to_string(seen) +
                    " functions by change (before: " + before_name + ", total " + count_text(set.total(0)) +
                    "; after: " + after_name + ", total " + count_text(set.total(1)) + ")\n";
  char row[512];
  std::snprintf(row, sizeof row, "%12s %11s %11s %8s %12s %11s %11s %8s  %s\n", "incl-before", "incl-after",
                "incl-delta", "incl-%", "self-before", "self-after", "self-delta", "self-%", "function");
  out += row;
  for (const FunctionChange& f : top) {
    std::snprintf(row, sizeof row, "%12s %11s %11s %8s %12s %11s %11s %8s  ", count_text(f.inclusive[0]).c_str(),
                  count_text(f.inclusive[1]).c_str(), delta_text(f.inclusive).c_str(),
                  percent_text(f.inclusive).c_str(), count_text(f.self[0]).c_str(), count_text(f.self[1]).c_str(),
                  delta_text(f.self).c_str(), percent_text(f.self).c_str());
    out += row;
    out += f.name;
    out += '\n';
  }
  return out;
}

}  // namespace flamekit::diff
