// symbolizer.h: the one symbol layer of flamekit. (module mapping, address) -> frames, inlined ones
// included, innermost first, each with its function name, source file and line. Every reader that has raw
// addresses uses it: flame-collapse --inline (perf script text), and the pprof and perf.data readers.
//
//   elf::Symbolizer symbols;                                   // default options: perf's rules, demangled
//   elf::Mapping libc{.path = "/usr/lib/x86_64-linux-gnu/libc.so.6",
//                     .start = 0x7f1c2a428000, .size = 0x165000, .file_offset = 0x28000};  // /proc/PID/maps
//   const elf::Location& at = symbols.symbolize(libc, 0x7f1c2a4b3c1b);   // a runtime address
//   for (const elf::Frame& f : at.frames) ...   // {"__GI___libc_write", "write.c", 26}, ...; innermost first
//   if (at.frames.empty()) print(at.unresolved());             // "libc.so.6+0xaec1b"
//   symbols.symbolize_file_address("/usr/bin/app", 0x1258);    // an ELF address, as perf script prints it
//   symbols.symbolize_kernel(0xffffffff81c84813);              // from /proc/kallsyms (or options.kallsyms)
//   symbols.symbolize_jit(4242, 0x7f00dead0010);               // from /tmp/perf-4242.map
//   for (const Error& e : symbols.problems()) warn(e);         // "app: build id 12.. does not match ..."
//
// Lifetimes: a returned Location (and its frames and strings) lives as long as the Symbolizer: results are
// cached per module and address in node-stable maps, so later lookups never move them. Not thread-safe:
// one Symbolizer per thread, or a lock around it.
//
// How a module is found: ModuleLocator (module_locator.h): the recorded path (under symfs), perf's
// build-id cache, search directories; symbols and DWARF from .gnu_debuglink, /usr/lib/debug and
// /usr/lib/debug/.build-id files whose build id matches. A module is opened once and cached by build id
// (by path when it has none): the same library under two paths is read once.
//
// How an address is found: a runtime address becomes a file offset through the mapping
// (address - start + file_offset), then an ELF address through the runtime image's PT_LOAD segments
// (perfdata.md §4.1), which covers PIE executables, shared libraries and fixed-address executables alike.
// No -1 is applied for return addresses: callers that want the call site subtract 1 themselves (pprof
// does, perf does not).
//
// What a frame is named (the rules of GNU addr2line -f -i -C, bfd/dwarf2.c, but for the cases listed in
// docs/symbolizer.md where addr2line is plainly wrong):
//   - with DWARF: one frame per inlined call; the name is the demangled linkage name. A function without
//     one in a language that mangles (C++: anything in an anonymous namespace, static functions) is named
//     by the symbol that holds the address when it is the real (not inlined) function, which has its
//     namespace and parameters; an inlined one by its DW_AT_name. In C and assembler DW_AT_name is the
//     linkage name; of the one-per-alias subprograms GNU as writes, the last is taken, as addr2line does;
//   - without DWARF: the symbol that holds the address (symbol_table.h: .symtab of the first file that has
//     one, else the runtime image's .dynsym; aliases resolved by options.rule). An address past the end of
//     every symbol has none (addr2line would name the nearest symbol before it);
//   - nothing known: no frames; unresolved() gives "module+0xADDR".
// Names are demangled by lib/demangle (c++filt -n, the demangler flame-demangle uses, ';' made ':'), or
// kept as the symbol table has them with options.demangle = false.
//
// Problems are never thrown for a module: a missing, unreadable or non-ELF file, or a file whose build id
// does not match the recorded one, is an Error in problems() (first one per file), and its addresses are
// unresolved. Errors that are thrown: none but std::bad_alloc.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/error.h"
#include "elf/module_locator.h"
#include "elf/symbol_table.h"

namespace flamekit::demangle {
class SymbolDemangler;
}

namespace flamekit::elf {

// Where a module sits in a process, as /proc/PID/maps, a pprof Mapping or a perf MMAP2 record gives it.
struct Mapping {
  std::string path;          // the file as recorded; " (deleted)" is ignored
  uint64_t start = 0;        // runtime address of the mapping's first byte
  uint64_t size = 0;         // bytes mapped; 0 = not known (no bound is checked)
  uint64_t file_offset = 0;  // file offset of the mapping's first byte (pgoff)
  std::string build_id;      // lower-case hex as recorded; "" = not recorded (the file's own is used)
};

struct Frame {
  std::string function;  // see "What a frame is named" above; "" if not known
  std::string file;      // source path as the line table gives it; "" if not known
  int line = 0;          // 0 if not known
  bool inlined = false;  // an inlined call: every frame of a chain but the last
};

struct Location {
  std::vector<Frame> frames;  // innermost first; empty if nothing is known at the address
  std::string module;         // base name of the module ("libc.so.6", "[kernel.kallsyms]", "perf-42.map")
  uint64_t address = 0;       // the address in the module: its ELF address (what addr2line -e takes), the
                              // file offset if the module cannot be read, the address itself for the
                              // kernel and JIT maps
  // "module+0xADDR", how a frame that cannot be resolved is printed.
  std::string unresolved() const;
};

struct SymbolizerOptions {
  LocatorOptions files;                      // symfs, search path, debug directory, build-id cache
  bool demangle = true;                      // false: names as the symbol tables and DWARF have them
  bool inline_frames = true;                 // false: one frame per address, the outermost function
  SymbolRule rule = SymbolRule::kPerf;       // which alias names an address without DWARF
  std::string kallsyms = "/proc/kallsyms";   // kernel symbols (perf --kallsyms)
  std::string perf_map_dir = "/tmp";         // where perf-PID.map files are
};

class Symbolizer {
 public:
  explicit Symbolizer(SymbolizerOptions options = {});
  ~Symbolizer();
  Symbolizer(const Symbolizer&) = delete;
  Symbolizer& operator=(const Symbolizer&) = delete;

  // The frames at runtime address `address` of `mapping`. An address outside [start, start + size) (when
  // size is known) is unresolved.
  const Location& symbolize(const Mapping& mapping, uint64_t address);
  // The frames at ELF address `address` of the module recorded as `path` (with `build_id` if known): the
  // address perf script prints for a user frame, and addr2line takes.
  const Location& symbolize_file_address(const std::string& path, uint64_t address,
                                         const std::string& build_id = "");
  // A kernel address, from options.kallsyms (read on first use).
  const Location& symbolize_kernel(uint64_t address);
  // A JIT address of process `pid`, from options.perf_map_dir/perf-PID.map (read on first use).
  const Location& symbolize_jit(int64_t pid, uint64_t address);

  // The ELF address of the symbol named `name` in the module recorded as `path`, in symbol-table order:
  // the mangled name, or its demangled name without parameters ("work" for _Z4worki, as perf script
  // prints it). nullopt if there is none or the module cannot be read. (stackcollapse-perf.pl's nm look-up.)
  std::optional<uint64_t> symbol_address(const std::string& path, std::string_view name);

  // Why the module recorded as `path` cannot be read at all (missing, unreadable, not ELF, build id not
  // matching), or null if it can (or was not looked at yet).
  const Error* unreadable(const std::string& path);
  // Every problem met so far, each file once, in the order met: unreadable modules, debug files skipped for
  // their build id, kallsyms or perf maps that cannot be read.
  const std::vector<Error>& problems() const { return problems_; }

  const SymbolizerOptions& options() const { return options_; }

 private:
  class Module;
  class TextModule;
  Module& module(const std::string& path, const std::string& build_id);
  std::string display_name(std::string_view mangled);  // demangled unless options.demangle is false
  std::string plain_name(std::string_view mangled);    // demangled without parameters ("" never)

  SymbolizerOptions options_;
  ModuleLocator locator_;
  std::unique_ptr<demangle::SymbolDemangler> demangler_;
  std::vector<std::unique_ptr<Module>> modules_;              // every module opened, owned here
  absl::flat_hash_map<std::string, Module*> by_path_;        // recorded path + '\0' + build id -> module
  absl::flat_hash_map<std::string, Module*> by_build_id_;    // build id ("path:" + path if none) -> module
  std::unique_ptr<TextModule> kernel_;
  absl::flat_hash_map<int64_t, std::unique_ptr<TextModule>> jit_;
  std::vector<Error> problems_;
};

}  // namespace flamekit::elf
