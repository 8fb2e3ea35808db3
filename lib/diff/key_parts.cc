// key_parts.cc: pivots and cuts (see key_parts.h).
#include "diff/key_parts.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace flamekit::diff {
namespace {

// Key ranges ("parts"): two threads merge them, and they are written in order. At least kMinParts, so
// that writing starts early; more for big inputs, so that a part's input stays near kPartBytes and memory
// with it when pages are handed back.
constexpr size_t kMinParts = 16;
constexpr size_t kPartBytes = size_t{16} << 20;
constexpr size_t kSamplesPerPart = 8;  // stacks sampled per part and file to place the cuts,
constexpr size_t kMaxSamples = 1024;   // up to this many per file

bool has_low_byte(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) <= ' '; });
}

// The first line start of `bytes` at or after `at`.
size_t line_start_from(std::string_view bytes, size_t at) {
  if (at == 0 || at >= bytes.size() || bytes[at - 1] == '\n') return std::min(at, bytes.size());
  const void* nl = std::memchr(bytes.data() + at, '\n', bytes.size() - at);
  return nl ? static_cast<size_t>(static_cast<const char*>(nl) - bytes.data()) + 1 : bytes.size();
}

// The start of the first kept line in [lo, hi) of `bytes` whose stack is not below `pivot`, or a line
// start before it with only set-aside lines between, or hi. The kept lines of [lo, hi) are in stack
// order; lo and hi are line starts. Bisects byte offsets, each step reading the line that holds the middle
// byte (or the next kept one).
size_t lower_bound_line(std::string_view bytes, const Scan& scan, size_t lo, size_t hi, std::string_view pivot) {
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const void* nl = ::memrchr(bytes.data() + lo, '\n', mid - lo);
    size_t start = nl ? static_cast<size_t>(static_cast<const char*>(nl) - bytes.data()) + 1 : lo;
    Line line;
    size_t kept = start;
    for (read_line(bytes, kept, &line); kept < hi && scan.is_set_aside(kept); read_line(bytes, kept, &line)) {
      kept = line.next;
      if (kept >= hi) break;
    }
    if (kept < hi && line.stack < pivot) {
      lo = line.next;
    } else {
      hi = start;
    }
  }
  return lo;
}

}  // namespace

std::vector<std::string> choose_pivots(std::array<const io::MappedFile*, 2> maps, bool release) {
  const size_t total = maps[0]->bytes().size() + maps[1]->bytes().size();
  const size_t parts = std::max(kMinParts, total / kPartBytes);
  const size_t kSamples = std::min(parts * kSamplesPerPart, kMaxSamples);
  std::vector<std::string> samples;  // copies: with `release`, the pages they come from are handed back
  for (const io::MappedFile* map : maps) {
    std::string_view bytes = map->bytes();
    for (size_t k = 1; k < kSamples; ++k) {
      size_t at = line_start_from(bytes, bytes.size() / kSamples * k);
      for (int tries = 0; tries < 8 && at < bytes.size(); ++tries) {  // a few lines on, past low bytes
        Line line;
        if (read_line(bytes, at, &line) != folded::LineKind::kStack) break;
        if (!has_low_byte(line.stack)) {
          samples.emplace_back(line.stack);
          break;
        }
        at = line.next;
      }
    }
    if (release) map->release(0, bytes.size());
  }
  std::sort(samples.begin(), samples.end());
  std::vector<std::string> pivots;
  for (size_t k = 1; k < parts && !samples.empty(); ++k) {
    const std::string& p = samples[samples.size() * k / parts];
    if (pivots.empty() || pivots.back() < p) pivots.push_back(p);
  }
  return pivots;
}

std::vector<std::vector<Range>> cut_parts(std::array<const io::MappedFile*, 2> maps, const std::array<Scan, 2>& scans,
                                          const std::vector<std::string>& pivots, bool release) {
  std::vector<std::vector<Range>> parts(pivots.size() + 1);
  for (int side : {0, 1}) {
    std::string_view bytes = maps[side]->bytes();
    const Scan& scan = scans[side];
    for (size_t r = 0; r < scan.runs.size(); ++r) {
      const size_t run_end = r + 1 < scan.runs.size() ? scan.runs[r + 1] : bytes.size();
      size_t begin = scan.runs[r];
      for (size_t k = 0; k < parts.size(); ++k) {
        size_t cut = k < pivots.size() ? lower_bound_line(bytes, scan, begin, run_end, pivots[k]) : run_end;
        if (cut > begin) parts[k].push_back(Range{side, begin, cut, false});
        if (release) maps[side]->release(begin, run_end);
        begin = cut;
      }
    }
    size_t begin = 0;
    for (size_t k = 0; k < parts.size(); ++k) {
      size_t cut = scan.exceptions.size();
      if (k < pivots.size()) {
        cut = static_cast<size_t>(
            std::lower_bound(scan.exceptions.begin() + static_cast<ptrdiff_t>(begin), scan.exceptions.end(),
                             pivots[k], [](const Exception& e, std::string_view p) { return e.stack < p; }) -
            scan.exceptions.begin());
      }
      if (cut > begin) parts[k].push_back(Range{side, begin, cut, true});
      begin = cut;
    }
  }
  return parts;
}

}  // namespace flamekit::diff
