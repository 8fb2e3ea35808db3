// folded_reader_test.cc: what the one folded reader does with the lines each dialect does not take:
// flamegraph.pl's are tallied, difffolded.pl's warned (thrown when strict), c++filt's returned as text.
#include "folded/folded_reader.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "io/line_reader.h"

using namespace flamekit;
using namespace flamekit::folded;

namespace {

constexpr std::string_view kText = "a;b 3\n\nno count\na 1 2\r\nb;c\t4\n";

// "stack=count" for every line the reader returns ("text" for plain text).
std::vector<std::string> read_all(Dialect d, Diagnostics* diag, std::vector<LineKind>* kinds = nullptr) {
  io::LineReader lines("in.folded", kText);
  FoldedReader in(d, &lines, diag);
  FoldedLine l;
  std::vector<std::string> got;
  while (in.next(&l)) {
    bool stack = in.kind() == LineKind::kStack;
    got.push_back(std::string(l.stack) + (stack ? "=" + std::to_string(static_cast<int>(l.count)) : ""));
    if (kinds) kinds->push_back(in.kind());
  }
  return got;
}

}  // namespace

TEST_CASE("flamegraph.pl dialect: bad lines are tallied with the first one's line", "[folded]") {
  Diagnostics diag("flame-svg", false);
  CHECK(read_all(Dialect::kFlamegraph, &diag) == std::vector<std::string>{"a;b=3", "b;c=4"});
  CHECK(diag.count(kInvalidFormat) == 3);  // the empty line, "no count", and the CRLF line
  CHECK(diag.first(kInvalidFormat).file == "in.folded");
  CHECK(diag.first(kInvalidFormat).line == 2);
}

TEST_CASE("difffolded.pl dialect: blank lines skipped, bad ones warned or thrown", "[folded]") {
  Diagnostics lenient("flame-diff", false);
  CHECK(read_all(Dialect::kDifffolded, &lenient) == std::vector<std::string>{"a;b=3", "a 1=2", "b;c=4"});
  CHECK(lenient.count(kNotFolded) == 1);
  CHECK(lenient.first(kNotFolded).line == 3);
  Diagnostics strict("flame-diff", true);
  try {
    read_all(Dialect::kDifffolded, &strict);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.describe() == std::string("in.folded:3: ") + kNotFoldedLine);
  }
}

TEST_CASE("c++filt dialect: every line comes back, text as kOther", "[folded]") {
  std::vector<LineKind> kinds;
  CHECK(read_all(Dialect::kCxxfilt, nullptr, &kinds) ==
        std::vector<std::string>{"a;b=3", "", "no count", "a 1 2\r", "b;c\t4"});
  CHECK(kinds == std::vector<LineKind>{LineKind::kStack, LineKind::kOther, LineKind::kOther, LineKind::kOther,
                                       LineKind::kOther});
}

TEST_CASE("report_unfolded reports as the reader does, at a byte offset of mapped text", "[folded]") {
  Diagnostics diag("flame-diff", false);
  report_unfolded(Dialect::kDifffolded, Where::text_offset("m.folded", kText, 7), &diag);
  report_unfolded(Dialect::kCxxfilt, Where::text_offset("m.folded", kText, 7), &diag);
  CHECK(diag.count(kNotFolded) == 1);
  CHECK(diag.total() == 1);
  CHECK(diag.first(kNotFolded).line == 3);
}
