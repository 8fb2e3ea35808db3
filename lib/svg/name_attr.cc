// name_attr.cc: reading the --nameattr file.
#include "svg/name_attr.h"

#include "io/line_reader.h"

namespace flamekit::svg {

NameAttrs NameAttrs::read(const std::string& path) {
  NameAttrs result;
  io::LineReader in(path);
  std::string_view line;
  while (in.next(&line)) {
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) throw in.error_here("invalid --nameattr line: expected NAME<TAB>KEY=VALUE...");
    FrameAttrs& attrs = result.attrs_[std::string(line.substr(0, tab))];
    std::string_view rest = line.substr(tab + 1);
    while (true) {
      size_t next = rest.find('\t');
      std::string_view pair = rest.substr(0, next);
      size_t eq = pair.find('=');
      if (!pair.empty()) {
        attrs.values[std::string(pair.substr(0, eq))] =
            eq == std::string_view::npos ? std::string() : std::string(pair.substr(eq + 1));
      }
      if (next == std::string_view::npos) break;
      rest.remove_prefix(next + 1);
    }
  }
  return result;
}

}  // namespace flamekit::svg
