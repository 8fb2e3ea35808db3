// dwarf_frames.h: the inline chain and source lines at one address of a module, from its DWARF through
// elfutils libdwfl. The CU that covers the address gives the chain of scopes (dwarf_getscopes); walking it
// from the innermost scope outwards, every inlined subroutine is one frame, and the DW_AT_call_file /
// DW_AT_call_line of each inlined subroutine is the source position of the frame around it (the innermost
// position comes from the line table). The walk stops at the subprogram that was not inlined: the same walk
// as elfutils' eu-addr2line -i and GNU addr2line -i.
//
//   std::vector<DwarfFrame> chain;
//   dwarf_frames(module, address + bias, &chain);   // innermost first; empty if no DWARF covers it
#pragma once

#include <string>
#include <vector>

#include <elfutils/libdwfl.h>

namespace flamekit::elf {

struct DwarfFrame {
  std::string name;     // DW_AT_linkage_name (mangled) if the function has one, else DW_AT_name; "" if none
  bool linkage = false;  // name is a linkage name: DW_AT_linkage_name, or DW_AT_name in a language that
                         // does not mangle (C, assembler, Fortran 77...), as addr2line decides
  std::string file;     // source path as the line table gives it; "" if unknown
  int line = 0;         // 0 if unknown
  bool inlined = false;  // an inlined subroutine (every frame but the last)
};

// The frames at libdwfl address `address` of `module`, innermost first. If no DWARF scope covers the
// address but the line table does, one frame with an empty name and that file and line. Empty if neither.
void dwarf_frames(Dwfl_Module* module, Dwarf_Addr address, std::vector<DwarfFrame>* out);

}  // namespace flamekit::elf
