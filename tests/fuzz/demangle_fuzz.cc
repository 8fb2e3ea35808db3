// demangle_fuzz.cc: flame-demangle's line filter over arbitrary lines (first byte picks the shortening
// options). It must not crash or hang in libiberty or our transforms, must never add a newline, and a folded
// line's trailing count must come out byte for byte.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "demangle/demangle_filter.h"
#include "folded/folded_line.h"

using namespace flamekit::demangle;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  DemangleOptions options;
  options.no_params = data[0] & 1;
  options.no_templates = data[0] & 2;
  options.no_rust_hash = data[0] & 4;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  LineDemangler demangler(options);
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    out.clear();
    demangler.demangle_line(line, &out);
    if (out.find('\n') != std::string::npos) std::abort();
    flamekit::folded::FoldedLine parsed;
    if (parse_folded_line(flamekit::folded::Dialect::kCxxfilt, line, &parsed) == flamekit::folded::LineKind::kStack &&
        line.find(';') != std::string_view::npos) {
      std::string_view counts = line.substr(parsed.stack.size());
      if (out.size() < counts.size() || out.compare(out.size() - counts.size(), counts.size(), counts) != 0) {
        std::abort();
      }
    }
    start = end + 1;
  }
  return 0;
}
