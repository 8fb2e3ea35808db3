// svg_fuzz.cc: flame-svg's reader and layout over arbitrary bytes (first byte: --reverse, --flamechart,
// chain rewrite, minwidth), and its XML escaping: frames stay inside the total and below max depth, and
// every escaped name is valid UTF-8 with no markup character left.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "svg/folded_input.h"
#include "svg/layout.h"
#include "svg/text_format.h"

using namespace flamekit::svg;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  uint8_t mode = data[0];
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  InputRules rules;
  rules.reverse = mode & 1;
  rules.chain = mode & 2;
  FlameTree tree(mode & 4);
  InputStats stats;
  flamekit::Diagnostics diag("flame-svg", false);
  read_folded_text(text, rules, &tree, &stats, &diag);
  LayoutParams params;
  params.minwidth_time = (mode >> 3) & 3;
  params.can_skip = (mode & 32) && stats.integral && !stats.zero && (stats.differential == 0 || stats.plain == 0);
  params.all_differential = stats.plain == 0;
  Layout layout = lay_out(tree, params);
  double total = tree.node(tree.root()).total;
  for (const LaidFrame& f : layout.frames) {
    if (f.depth > layout.depth_max) std::abort();
    if (f.stime < 0 || f.stime > total * (1 + 1e-9) + 1e-9) std::abort();
  }
  std::string out;
  for (uint32_t i = 0; i < tree.frames().size(); ++i) {
    out.clear();
    append_xml(&out, tree.frames().name(i));
    if (out.find_first_of("<>\"'") != std::string::npos) std::abort();
    std::vector<char32_t> cps;
    decode_utf8(out, &cps, -1);
    for (char32_t c : cps) {
      if (!xml_safe(c)) std::abort();
    }
    std::string recoded;
    append_sanitized(&recoded, out);
    if (recoded != out) std::abort();  // already valid UTF-8 with no control character
  }
  return 0;
}
