// line_reader_fuzz.cc: LineReader over arbitrary bytes hands out lines that tile the input exactly.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "io/line_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  flamekit::io::LineReader reader("fuzz", bytes);
  std::string_view line;
  size_t seen = 0;
  while (reader.next(&line)) {
    if (line.data() != bytes.data() + seen) std::abort();
    seen += line.size() + (reader.last_line_had_newline() ? 1 : 0);
  }
  if (seen != size) std::abort();
  return 0;
}
