// dwarf_frames.cc: the scope walk (see dwarf_frames.h).
#include "elf/dwarf_frames.h"

#include <dwarf.h>
#include <elfutils/libdw.h>

#include <cstdlib>

namespace flamekit::elf {
namespace {

// The name of a function DIE as addr2line takes it: the linkage name of the DIE or of its abstract origin or
// specification, else DW_AT_name.
void die_name(Dwarf_Die* die, DwarfFrame* frame) {
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
    if (const char* s = dwarf_formstring(&attr)) frame->name = s;
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
    for (int i = 0; i < n; ++i) {
      int tag = dwarf_tag(&scopes[i]);
      if (tag != DW_TAG_inlined_subroutine && tag != DW_TAG_subprogram && tag != DW_TAG_entry_point) continue;
      DwarfFrame frame;
      die_name(&scopes[i], &frame);
      frame.file = file;
      frame.line = line;
      frame.inlined = tag == DW_TAG_inlined_subroutine;
      out->push_back(std::move(frame));
      if (tag != DW_TAG_inlined_subroutine) break;
      call_site(cudie, &scopes[i], &file, &line);
    }
    std::free(scopes);
  }
  if (out->empty() && !file.empty()) out->push_back({"", false, file, line, false});
}

}  // namespace flamekit::elf
