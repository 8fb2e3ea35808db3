// text_symbols.cc: kallsyms and perf-PID.map lines (see text_symbols.h).
#include "elf/text_symbols.h"

#include <charconv>
#include <string_view>

#include "elf/symbol_table.h"
#include "io/line_reader.h"

namespace flamekit::elf {
namespace {

// The hex number at the start of *text (no 0x), and the text after it and the blanks that follow.
bool take_hex(std::string_view* text, uint64_t* value) {
  auto res = std::from_chars(text->data(), text->data() + text->size(), *value, 16);
  if (res.ec != std::errc() || res.ptr == text->data()) return false;
  text->remove_prefix(static_cast<size_t>(res.ptr - text->data()));
  size_t blanks = 0;
  while (blanks < text->size() && ((*text)[blanks] == ' ' || (*text)[blanks] == '\t')) ++blanks;
  if (blanks == 0) return false;
  text->remove_prefix(blanks);
  return true;
}

}  // namespace

size_t read_kallsyms(io::LineReader& in, SymbolTable* out) {
  size_t added = 0;
  std::string_view line;
  while (in.next(&line)) {
    uint64_t address = 0;
    if (!take_hex(&line, &address) || line.size() < 3 || line[1] != ' ') continue;
    char type = line[0];
    if (type != 'T' && type != 't' && type != 'W' && type != 'w') continue;
    std::string_view name = line.substr(2);
    name = name.substr(0, name.find('\t'));  // "\t[module]"
    if (address == 0 || name.empty()) continue;  // kptr_restrict hides every address as 0
    SymbolTable::Binding b = type == 'T' ? SymbolTable::kGlobal : type == 't' ? SymbolTable::kLocal : SymbolTable::kWeak;
    out->add(address, 0, name, b);
    ++added;
  }
  return added;
}

size_t read_perf_map(io::LineReader& in, SymbolTable* out) {
  size_t added = 0;
  std::string_view line;
  while (in.next(&line)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    uint64_t start = 0, size = 0;
    if (!take_hex(&line, &start) || !take_hex(&line, &size) || line.empty()) continue;
    out->add(start, size, line, SymbolTable::kGlobal);
    ++added;
  }
  return added;
}

}  // namespace flamekit::elf
