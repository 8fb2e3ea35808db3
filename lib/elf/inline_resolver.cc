// inline_resolver.cc: libdwfl-backed address resolution. For an address, the CU that covers it gives the
// chain of scopes (dwarf_getscopes); walking it from the innermost scope outwards, every inlined subroutine is
// one frame, and the DW_AT_call_file/DW_AT_call_line of each inlined subroutine is the source position of the
// frame around it (the innermost position comes from the line table). The walk stops at the subprogram that
// was not inlined. This is the same walk as elfutils' eu-addr2line -i.
#include "elf/inline_resolver.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>

#include <cstdlib>
#include <cstring>

#include "libiberty/demangle.h"

namespace flamekit::elf {
namespace {

char* g_debuginfo_path = nullptr;  // libdwfl's default search path (build-id, .debug, /usr/lib/debug)

const Dwfl_Callbacks kOfflineCallbacks = {
    dwfl_build_id_find_elf,
    dwfl_standard_find_debuginfo,
    dwfl_offline_section_address,
    &g_debuginfo_path,
};

// The name of a function DIE as addr2line prints it: the demangled linkage name, else DW_AT_name.
std::string die_function_name(Dwarf_Die* die) {
  Dwarf_Attribute attr;
  for (int code : {DW_AT_linkage_name, DW_AT_MIPS_linkage_name}) {
    if (dwarf_attr_integrate(die, code, &attr)) {
      if (const char* s = dwarf_formstring(&attr)) return demangle_with_params(s);
    }
  }
  if (dwarf_attr_integrate(die, DW_AT_name, &attr)) {
    if (const char* s = dwarf_formstring(&attr)) return s;
  }
  return "??";
}

// DW_AT_call_file / DW_AT_call_line of an inlined subroutine.
void call_site(Dwarf_Die* cudie, Dwarf_Die* inlined, std::string* file, int* line) {
  Dwarf_Attribute attr;
  Dwarf_Word value = 0;
  *file = "";
  *line = 0;
  if (dwarf_attr(inlined, DW_AT_call_line, &attr) && dwarf_formudata(&attr, &value) == 0) {
    *line = static_cast<int>(value);
  }
  Dwarf_Files* files = nullptr;
  size_t nfiles = 0;
  if (dwarf_attr(inlined, DW_AT_call_file, &attr) && dwarf_formudata(&attr, &value) == 0 &&
      dwarf_getsrcfiles(cudie, &files, &nfiles) == 0 && value < nfiles) {
    if (const char* f = dwarf_filesrc(files, value, nullptr, nullptr)) *file = f;
  }
}

}  // namespace

std::string demangle_with_params(const char* name) {
  char* out = cplus_demangle(name, DMGL_PARAMS | DMGL_ANSI);
  if (!out) return name;
  std::string result(out);
  std::free(out);
  return result;
}

struct InlineResolver::Binary {
  Dwfl* dwfl = nullptr;
  Dwfl_Module* module = nullptr;
  GElf_Addr elf_bias = 0;  // file address + elf_bias = libdwfl address
  std::string error;
  absl::flat_hash_map<uint64_t, std::vector<SourceFrame>> frames;
  bool symbols_indexed = false;
  absl::flat_hash_map<std::string, uint64_t> symbols;  // name and demangled name -> file address

  ~Binary() {
    if (dwfl) dwfl_end(dwfl);
  }
};

InlineResolver::InlineResolver() = default;
InlineResolver::~InlineResolver() = default;

InlineResolver::Binary& InlineResolver::open(const std::string& binary) {
  auto it = binaries_.find(binary);
  if (it != binaries_.end()) return *it->second;
  auto b = std::make_unique<Binary>();
  b->dwfl = dwfl_begin(&kOfflineCallbacks);
  if (!b->dwfl) {
    b->error = dwfl_errmsg(-1);
  } else {
    dwfl_report_begin(b->dwfl);
    b->module = dwfl_report_offline(b->dwfl, binary.c_str(), binary.c_str(), -1);
    dwfl_report_end(b->dwfl, nullptr, nullptr);
    if (!b->module) {
      b->error = dwfl_errmsg(-1);
    } else if (!dwfl_module_getelf(b->module, &b->elf_bias)) {
      b->error = dwfl_errmsg(-1);
      b->module = nullptr;
    }
  }
  return *binaries_.emplace(binary, std::move(b)).first->second;
}

std::string InlineResolver::open_error(const std::string& binary) { return open(binary).error; }

const std::vector<SourceFrame>& InlineResolver::frames(const std::string& binary, uint64_t address) {
  Binary& b = open(binary);
  auto [it, added] = b.frames.try_emplace(address);
  std::vector<SourceFrame>& out = it->second;
  if (!added || !b.module) return out;

  Dwarf_Addr addr = address + b.elf_bias;
  std::string file;
  int line = 0;
  Dwarf_Addr line_address = 0;
  if (Dwfl_Line* l = dwfl_module_getsrc(b.module, addr)) {
    if (const char* f = dwfl_lineinfo(l, &line_address, &line, nullptr, nullptr, nullptr)) file = f;
  }
  Dwarf_Addr dwarf_bias = 0;
  if (Dwarf_Die* cudie = dwfl_module_addrdie(b.module, addr, &dwarf_bias)) {
    // dwarf_getscopes continues from an inlined subroutine to the scopes of its abstract definition, so it
    // only gives the innermost scope; the DIE tree parents of that scope are the concrete chain of inlined
    // calls up to the real function (as eu-addr2line -i does it).
    Dwarf_Die* scopes = nullptr;
    int n = dwarf_getscopes(cudie, addr - dwarf_bias, &scopes);
    Dwarf_Die innermost;
    bool have_innermost = n > 0 && dwarf_offdie(dwarf_cu_getdwarf(cudie->cu), dwarf_dieoffset(&scopes[0]), &innermost);
    std::free(scopes);
    scopes = nullptr;
    n = have_innermost ? dwarf_getscopes_die(&innermost, &scopes) : 0;
    for (int i = 0; i < n; ++i) {
      int tag = dwarf_tag(&scopes[i]);
      if (tag != DW_TAG_inlined_subroutine && tag != DW_TAG_subprogram && tag != DW_TAG_entry_point) continue;
      out.push_back({die_function_name(&scopes[i]), file, line});
      if (tag != DW_TAG_inlined_subroutine) break;
      call_site(cudie, &scopes[i], &file, &line);
    }
    std::free(scopes);
  }
  if (out.empty()) {  // no DWARF scope: the symbol table, with whatever line the line table has
    const char* sym = dwfl_module_addrname(b.module, addr);
    if (sym || !file.empty()) out.push_back({sym ? demangle_with_params(sym) : "??", file, line});
  }
  return out;
}

std::optional<uint64_t> InlineResolver::symbol_address(const std::string& binary, std::string_view name) {
  Binary& b = open(binary);
  if (!b.module) return std::nullopt;
  if (!b.symbols_indexed) {
    b.symbols_indexed = true;
    int n = dwfl_module_getsymtab(b.module);
    for (int i = 1; i < n; ++i) {
      GElf_Sym sym;
      GElf_Addr value = 0;
      const char* s = dwfl_module_getsym_info(b.module, i, &sym, &value, nullptr, nullptr, nullptr);
      if (!s || !*s || GELF_ST_TYPE(sym.st_info) != STT_FUNC || sym.st_shndx == SHN_UNDEF) continue;
      uint64_t file_address = value - b.elf_bias;
      b.symbols.try_emplace(s, file_address);
      if (char* plain = cplus_demangle(s, DMGL_ANSI)) {
        b.symbols.try_emplace(plain, file_address);
        std::free(plain);
      }
    }
  }
  auto it = b.symbols.find(std::string(name));
  if (it == b.symbols.end()) return std::nullopt;
  return it->second;
}

}  // namespace flamekit::elf
