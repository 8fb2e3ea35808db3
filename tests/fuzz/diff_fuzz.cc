// diff_fuzz.cc: the folded-line grammar in all three dialects (folded/folded_line.h) and flame-diff's -s hex
// stripping over arbitrary lines: no crash, counts are never negative, the stack and counts lie inside the
// line in order, and stripping grows a stack by at most 5/3 ("0xA" becomes "0x...").
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "diff/diff_set.h"
#include "folded/folded_line.h"

using namespace flamekit::diff;
using namespace flamekit::folded;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (Dialect d : {Dialect::kFlamegraph, Dialect::kDifffolded, Dialect::kCxxfilt}) {
    FoldedLine l;
    if (parse_folded_line(d, text, &l) != LineKind::kStack) continue;
    auto inside = [&](std::string_view part) {
      return part.empty() || (part.data() >= l.text.data() && part.data() + part.size() <= l.text.data() + l.text.size());
    };
    if (l.count < 0 || !inside(l.stack) || !inside(l.count1) || !inside(l.count2)) std::abort();
    if (l.stack.data() != l.text.data()) std::abort();                      // the stack starts the line,
    if (l.count1.data() < l.stack.data() + l.stack.size()) std::abort();   // the counts come after it,
    std::string_view last = l.differential ? l.count2 : l.count1;
    if (l.differential == l.count2.empty() || !l.text.ends_with(last)) std::abort();  // the last ends it
  }
  std::string stripped;
  strip_hex_addresses(text, &stripped);
  if (stripped.size() > text.size() * 5 / 3 + 5) std::abort();  // "0xA" (3 bytes) becomes "0x..." (5)
  return 0;
}
