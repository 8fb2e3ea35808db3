// sorted_merge_fuzz.cc: flame-diff's streaming path against a plain model. The input is a flags byte (bit 0:
// -n; bit 1: hand mapped pages back as for big inputs) and two profiles separated by the first 0xff byte, each put in a memfd so that the real mapped-file
// code reads it. Whenever the streaming path takes the pair, its output must equal the model's: every
// stack summed per profile in file order, counts printed like Perl, lines sorted byte-wise. It must never
// take a pair with a bad line. Pairs with fractional counts are only run, not compared: summing the same
// fractions in another order may change the last bit.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/error.h"
#include "diff/diff_lines.h"
#include "diff/diff_set.h"
#include "diff/sorted_merge.h"
#include "folded/folded_line.h"
#include "io/mapped_file.h"

using namespace flamekit;
using namespace flamekit::diff;

namespace {

// A profile in a memfd, named by its /proc/self/fd path.
class MemFile {
 public:
  explicit MemFile(std::string_view bytes) : fd_(::memfd_create("profile", 0)) {
    if (fd_ < 0 || ::write(fd_, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size())) std::abort();
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  ~MemFile() { ::close(fd_); }
  const std::string& path() const { return path_; }

 private:
  int fd_;
  std::string path_;
};

struct Model {
  bool valid = true;
  bool integral = true;
  Count total = 0;
};

// Adds every line of `text` to sums[..][side], as difffolded.pl reads it (blank lines and '\r' aside).
Model read_model(std::string_view text, int side, std::map<std::string, std::array<Count, 2>>* sums) {
  Model m;
  for (size_t at = 0; at < text.size();) {
    size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view text_line = text.substr(at, nl - at);
    at = nl + 1;
    folded::FoldedLine line;
    folded::LineKind kind = folded::parse_folded_line(folded::Dialect::kDifffolded, text_line, &line);
    if (kind == folded::LineKind::kBlank) continue;
    if (kind != folded::LineKind::kStack) {
      m.valid = false;
      continue;
    }
    const std::string_view stack = line.stack;
    const Count count = line.count;
    if (count != std::trunc(count)) m.integral = false;
    (*sums)[std::string(stack)][side] += count;
    m.total += count;
  }
  return m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool normalize = data[0] & 1;
  const size_t release_above = (data[0] & 2) ? 0 : kReleasePagesAbove;  // bit 1: hand pages back
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  size_t cut = rest.find('\xff');
  std::string_view before = rest.substr(0, cut), after = cut == std::string_view::npos ? rest : rest.substr(cut + 1);

  std::map<std::string, std::array<Count, 2>> sums;
  Model a = read_model(before, 0, &sums), b = read_model(after, 1, &sums);
  std::vector<std::string> lines;
  for (const auto& [stack, counts] : sums) {
    std::string line(max_diff_line_bytes(stack.size()), '\0');
    Count first = normalize ? normalize_count(counts[0], a.total, b.total) : counts[0];
    line.resize(static_cast<size_t>(put_diff_line(line.data(), stack, first, counts[1]) - line.data()) - 1);
    lines.push_back(std::move(line));  // without its '\n': sort(1) compares lines without it
  }
  std::sort(lines.begin(), lines.end());
  std::string expected;
  for (const std::string& line : lines) expected += line + '\n';

  MemFile before_file(before), after_file(after);
  io::MappedFile before_map(before_file.path()), after_map(after_file.path());
  std::string got;
  bool took = false;
  try {
    Diagnostics diag("flame-diff", true);
    took = diff_sorted_files(before_map, "before", after_map, "after", normalize, &diag,
                             [&](std::string_view text) { got.append(text); }, release_above);
  } catch (const Error&) {
    if (a.valid && b.valid) std::abort();  // an error for valid input
    return 0;
  }
  if (!took) return 0;
  if (!a.valid || !b.valid) std::abort();  // took a pair with a bad line
  if (a.integral && b.integral && got != expected) std::abort();
  return 0;
}
