// dwarf_frames.cc: the scope walk (see dwarf_frames.h).
#include "elf/dwarf_frames.h"

#include <dwarf.h>
#include <elfutils/libdw.h>

#include <cstdlib>

namespace flamekit::elf {
namespace {

Dwarf_Word language(Dwarf_Die* cudie) {
  Dwarf_Word value = 0;
  Dwarf_Attribute attr;
  if (!dwarf_attr(cudie, DW_AT_language, &attr) || dwarf_formudata(&attr, &value) != 0) return 0;
  return value;
}

// The languages whose names are not mangled, for which addr2line takes DW_AT_name as the linkage name
// (bfd/dwarf2.c mangle_style returns 0 for them).
bool unmangled_language(Dwarf_Word lang) {
  switch (lang) {
    case DW_LANG_C89: case DW_LANG_C: case DW_LANG_Cobol74: case DW_LANG_Cobol85: case DW_LANG_Fortran77:
    case DW_LANG_Pascal83: case DW_LANG_PLI: case DW_LANG_C99: case DW_LANG_UPC: case DW_LANG_C11:
    case DW_LANG_Mips_Assembler:
      return true;
    default:
      return false;
  }
}

// The name of a function DIE as addr2line takes it: the linkage name of the DIE or of its abstract origin or
// specification, else DW_AT_name (a linkage name too in a language that does not mangle).
void die_name(Dwarf_Die* die, bool unmangled, DwarfFrame* frame) {
  Dwarf_Attribute attr;
  for (int code : {DW_AT_linkage_name, DW_AT_MIPS_linkage_name}) {
    if (dwarf_attr_integrate(die, code, &attr)) {
      if (const char* s = dwarf_formstring(&attr)) {
        frame->name = s;
        frame->linkage = true;
        return;
      }
    }
  }
  if (dwarf_attr_integrate(die, DW_AT_name, &attr)) {
    if (const char* s = dwarf_formstring(&attr)) {
      frame->name = s;
      frame->linkage = unmangled;
    }
  }
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

// GNU as (2.36 and later) writes one DW_TAG_subprogram per alias of an assembler function, all with the
// same range (glibc's syscall-template.S: __mprotect, __GI___mprotect, mprotect, __GI_mprotect), which
// dwarf_getscopes does not return. addr2line takes the last of them (bfd/dwarf2.c
// lookup_address_in_function_table keeps the later of equally small ranges): so do we, so that --inline
// names them as the script does. Only assembler CUs are scanned: they are small. False if none holds `pc`.
bool assembler_function(Dwarf_Die* cudie, Dwarf_Addr pc, DwarfFrame* frame) {
  if (language(cudie) != DW_LANG_Mips_Assembler) return false;
  Dwarf_Die child;
  if (dwarf_child(cudie, &child) != 0) return false;
  bool found = false;
  Dwarf_Addr best = ~Dwarf_Addr{0};
  do {
    Dwarf_Addr low = 0, high = 0;
    if (dwarf_tag(&child) != DW_TAG_subprogram || dwarf_lowpc(&child, &low) != 0 ||
        dwarf_highpc(&child, &high) != 0 || pc < low || pc >= high || high - low > best) {
      continue;
    }
    DwarfFrame f;
    die_name(&child, false, &f);
    if (f.name.empty()) continue;
    frame->name = f.name;
    frame->linkage = f.linkage;
    best = high - low;
    found = true;
  } while (dwarf_siblingof(&child, &child) == 0);
  return found;
}

}  // namespace

void dwarf_frames(Dwfl_Module* module, Dwarf_Addr addr, std::vector<DwarfFrame>* out) {
  out->clear();
  std::string file;
  int line = 0;
  Dwarf_Addr line_address = 0;
  if (Dwfl_Line* l = dwfl_module_getsrc(module, addr)) {
    if (const char* f = dwfl_lineinfo(l, &line_address, &line, nullptr, nullptr, nullptr)) file = f;
  }
  Dwarf_Addr dwarf_bias = 0;
  if (Dwarf_Die* cudie = dwfl_module_addrdie(module, addr, &dwarf_bias)) {
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
    bool unmangled = unmangled_language(language(cudie));
    for (int i = 0; i < n; ++i) {
      int tag = dwarf_tag(&scopes[i]);
      if (tag != DW_TAG_inlined_subroutine && tag != DW_TAG_subprogram && tag != DW_TAG_entry_point) continue;
      DwarfFrame frame;
      die_name(&scopes[i], unmangled, &frame);
      frame.file = file;
      frame.line = line;
      frame.inlined = tag == DW_TAG_inlined_subroutine;
      out->push_back(std::move(frame));
      if (tag != DW_TAG_inlined_subroutine) break;
      call_site(cudie, &scopes[i], &file, &line);
    }
    std::free(scopes);
    DwarfFrame frame{"", false, file, line, false};
    if (assembler_function(cudie, addr - dwarf_bias, &frame)) {
      if (out->empty()) out->push_back(std::move(frame));
      else out->back().name = frame.name;
    }
  }
  if (out->empty() && !file.empty()) out->push_back({"", false, file, line, false});
}

}  // namespace flamekit::elf
