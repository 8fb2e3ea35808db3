// symbol_table.h: one module's function symbols as a sorted address table, built once, looked up by binary
// search. Which symbol an address gets follows perf (tools/perf/util/symbol.c, ../shared/docs/perfdata.md
// §4.2), so that a frame is named as `perf script` names it:
//   - symbols that start at the same address are aliases; one is kept (symbols__fixup_duplicate): a non-zero
//     size beats zero, then non-WEAK beats WEAK, then GLOBAL beats LOCAL, then fewer leading '_' in the
//     demangled name, then the longer demangled name; on a full tie the earlier table entry;
//   - a zero-size symbol ends where the next one starts, the last at the next 4 KiB boundary + 4 KiB
//     (symbols__fixup_end); a sized one covers [start, start + size), and the padding after it has none.
// SymbolRule::kAddr2line names an address as GNU addr2line does (bfd/dwarf2.c _bfd_elf_find_function: of
// the aliases, the largest, then the earliest entry), but, unlike addr2line, only inside the symbol (see
// symbolizer.h).
//
//   SymbolTable t;
//   t.add(0x1000, 0x40, "_Z4worki", SymbolTable::kGlobal);
//   t.add(0x1040, 0, "label", SymbolTable::kLocal);
//   t.finish(perf_name);                // perf_name(mangled) -> the demangled name perf compares
//   t.find(0x1010)->name == "_Z4worki"  // t.find(0x1050)->name == "label" (it ends at 0x2000)
#pragma once

#include <cstdint>
#include <functional>
#include <memory_resource>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/string_hash.h"

namespace flamekit::elf {

enum class SymbolRule {
  kPerf,       // perf's alias choice (the default: what perf script and perf report print)
  kAddr2line,  // GNU addr2line's alias choice (--inline parity with stackcollapse-perf.pl)
};

struct Symbol {
  uint64_t start = 0;
  uint64_t end = 0;       // exclusive
  std::string_view name;  // as in the symbol table (mangled); lives as long as the table
};

class SymbolTable {
 public:
  enum Binding : uint8_t { kLocal, kGlobal, kWeak };

  SymbolTable() = default;
  SymbolTable(const SymbolTable&) = delete;
  SymbolTable& operator=(const SymbolTable&) = delete;

  // Adds one symbol; call in table order (ties between aliases go to the earlier one). The name is copied.
  // A zero-size symbol ends at the next symbol, but never past `limit` (the end of its ELF section: perf
  // names the .plt entries after _init by the name@plt symbols it makes, which this table does not have).
  void add(uint64_t start, uint64_t size, std::string_view name, Binding binding, uint64_t limit = UINT64_MAX);
  // Sorts and resolves aliases and ends; call once, after the last add(). `perf_name` gives the name perf
  // compares for ties (its demangled name); it is called only for aliases that the earlier rules do not
  // separate.
  void finish(const std::function<std::string(std::string_view)>& perf_name);

  // The symbol whose range holds `address`, or null. The pointer lives as long as the table.
  const Symbol* find(uint64_t address, SymbolRule rule = SymbolRule::kPerf) const;
  // The address of the first symbol (in table order) named `name` exactly, or whose `plain` name is `name`
  // (see finish), or nullopt. `plain` maps a mangled name to the one to match as well ("" for none).
  std::optional<uint64_t> address_of(std::string_view name,
                                     const std::function<std::string(std::string_view)>& plain) const;

  size_t size() const { return groups_.size(); }  // distinct start addresses
  bool empty() const { return groups_.empty(); }

 private:
  struct Entry {
    uint64_t start, size, limit;
    std::string_view name;
    uint32_t order;
    Binding binding;
  };
  struct Group {  // the aliases at one start address
    uint64_t start, end, limit;
    Symbol perf, addr2line;
  };
  size_t best_perf(size_t from, size_t to, const std::function<std::string(std::string_view)>& perf_name) const;

  mutable std::pmr::monotonic_buffer_resource names_{1 << 14};  // address_of adds plain names
  std::vector<Entry> entries_;  // sorted by (start, order) after finish()
  std::vector<Group> groups_;   // sorted by start
  mutable absl::flat_hash_map<std::string_view, uint64_t, StringHash> by_name_;  // built on first address_of
  mutable bool by_name_built_ = false;
};

}  // namespace flamekit::elf
