// inline_resolver.h: address -> inline chain + file:line, from an ELF binary's DWARF (elfutils libdwfl). This
// is what `addr2line -i -f -C -e BINARY ADDRESS` prints, without a process per address: each binary is opened
// once (separate debug files are found by build-id or .gnu_debuglink, as libdwfl's standard callbacks do) and
// every address is resolved once and cached.
//
//   InlineResolver resolver;
//   for (const SourceFrame& f : resolver.frames("/usr/bin/app", 0x1258))
//     ...   // innermost first: {"calc::square<double>(double)", "/src/calc.h", 5}, ..., {"work(int)", ...}
//
// Addresses are file addresses (the ELF's own virtual addresses, what `perf script` prints for a DSO frame and
// what addr2line takes). Function names are demangled with their parameters, as addr2line -C prints them:
// the DW_AT_linkage_name of the (abstract origin of the) function if it has one, else its DW_AT_name; the
// symbol table gives the name where there is no DWARF. Known quirk of binutils we do not share: for some
// DW_AT_ranges inlined calls GNU addr2line 2.40 prints the caller's name for the callee; the lines agree.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace flamekit::elf {

struct SourceFrame {
  std::string function;  // demangled, with parameters; "??" if unknown
  std::string file;      // source file path as the line table gives it; "" if unknown
  int line = 0;          // 0 if unknown
};

class InlineResolver {
 public:
  InlineResolver();
  ~InlineResolver();
  InlineResolver(const InlineResolver&) = delete;
  InlineResolver& operator=(const InlineResolver&) = delete;

  // The frames at `address` of `binary`, innermost (the most deeply inlined callee) first and the function
  // that contains the code last, as addr2line -i lists them. Empty if the binary cannot be read (see
  // open_error) or if nothing (no symbol, no line) is known at the address. The reference stays valid for
  // the life of the resolver.
  const std::vector<SourceFrame>& frames(const std::string& binary, uint64_t address);

  // The file address of the function symbol `name` in `binary`: the symbol whose name is `name`, or whose
  // demangled name without parameters is (perf prints "work" for _Z4worki). nullopt if there is none.
  std::optional<uint64_t> symbol_address(const std::string& binary, std::string_view name);

  // Why `binary` could not be opened, or "" if it could (or was not tried yet).
  std::string open_error(const std::string& binary);

 private:
  struct Binary;
  Binary& open(const std::string& binary);

  absl::flat_hash_map<std::string, std::unique_ptr<Binary>> binaries_;
};

// `name` demangled as addr2line -C does (with parameters), or `name` itself if it is not a mangled name.
std::string demangle_with_params(const char* name);

}  // namespace flamekit::elf
