// diff_fuzz.cc: flame-diff's line splitting and -s hex stripping over arbitrary lines: no crash, counts are
// never negative, and stripping grows a stack by at most 5/3 ("0xA" becomes "0x...").
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "diff/diff_set.h"

using namespace flamekit::diff;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string_view stack;
  Count count = 0;
  if (split_folded_line(text, &stack, &count)) {
    if (count < 0 || stack.size() > text.size()) std::abort();
  }
  std::string stripped;
  strip_hex_addresses(text, &stripped);
  if (stripped.size() > text.size() * 5 / 3 + 5) std::abort();  // "0xA" (3 bytes) becomes "0x..." (5)
  return 0;
}
