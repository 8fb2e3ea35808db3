// inline_frames.cc: inline chains in stackcollapse-perf.pl's addr2line format (see inline_frames.h).
#include "perf/inline_frames.h"

#include <charconv>

#include "elf/symbolizer.h"
#include "perf/perl_chars.h"

namespace flamekit::perf {
namespace {

bool parse_hex(std::string_view text, uint64_t* value) {
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) text.remove_prefix(2);
  auto res = std::from_chars(text.data(), text.data() + text.size(), *value, 16);
  return res.ec == std::errc() && res.ptr == text.data() + text.size();
}

// "name+0x1f" -> name, 0x1f.
bool split_symbol_offset(std::string_view symbol, std::string_view* name, uint64_t* offset) {
  size_t plus = symbol.rfind("+0x");
  if (plus == std::string_view::npos || plus == 0) return false;
  *name = symbol.substr(0, plus);
  return parse_hex(symbol.substr(plus + 3), offset);
}

std::string_view base_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// One frame as the script prints it: "func", or with --context "func:file:line" where file:line is what
// `addr2line -s` prints ("??:?" for an unknown line, "file:?" for a known file without line).
std::string frame_name(const elf::Frame& f, bool context) {
  std::string name = f.function.empty() ? "??" : f.function;
  for (char& c : name) {
    if (c == ';') c = ':';
  }
  if (context) {
    name += ':';
    name += f.file.empty() ? std::string_view("??") : base_name(f.file);
    name += ':';
    name += f.line > 0 ? std::to_string(f.line) : "?";
  }
  return name;
}

}  // namespace

bool inline_eligible(std::string_view module) {
  if (module.find("kernel.") != std::string_view::npos) return false;
  for (size_t at = module.find("perf-"); at != std::string_view::npos; at = module.find("perf-", at + 1)) {
    size_t i = at + 5, d = i;
    while (i < module.size() && is_perl_digit(module[i])) ++i;
    if (i > d && i + 4 <= module.size() && module.compare(i + 1, 3, "map") == 0) return false;
  }
  for (size_t open = module.find('['); open != std::string_view::npos; open = module.find('[', open + 1)) {
    size_t close = module.find(']', open + 1);
    if (close != std::string_view::npos && close > open + 1) return false;
  }
  return true;
}

bool inline_frame_names(elf::Symbolizer& symbols, std::string_view module, std::string_view pc,
                        std::string_view symbol, bool context, std::vector<std::string>* names) {
  names->clear();
  uint64_t address = 0;
  if (!parse_hex(pc, &address)) return false;
  std::string binary(module);
  const elf::Location* at = &symbols.symbolize_file_address(binary, address);
  std::string_view function;
  uint64_t offset = 0;
  if (at->frames.empty() && split_symbol_offset(symbol, &function, &offset)) {
    if (auto base = symbols.symbol_address(binary, function)) at = &symbols.symbolize_file_address(binary, *base + offset);
  }
  if (at->frames.empty()) return false;  // the script's "??" / "??:??:0": keep perf's frame
  for (const elf::Frame& f : at->frames) names->push_back(frame_name(f, context));
  if (names->size() == 1 && (*names)[0] == (context ? "??:??:?" : "??")) return false;
  return true;
}

elf::SymbolizerOptions inline_symbolizer_options() {
  elf::SymbolizerOptions options;
  options.rule = elf::SymbolRule::kAddr2line;
  return options;
}

}  // namespace flamekit::perf
