// symbolize.h: names for the locations a profile leaves unnamed, from the binaries, through the one
// symbolizer of lib/elf: one elf::Symbolizer::symbolize() call per location, whose frames (innermost first,
// inlined calls included, names demangled by lib/demangle) become the location's lines.
//
// As pprof's local symbolizer: only mappings that do not already say they have functions are read, each
// location's address is used as the reader left it (return addresses of legacy profiles already moved back
// into the call; a protobuf's as written, tcmalloc's already moved), and a location the binary has nothing
// for stays unnamed (module+0xoffset when folded). The binaries are the files binary_locator.h found.
//
//   elf::Symbolizer symbols;
//   std::vector<std::string> files = locate_binaries(&profile, search, binary_matches);
//   symbolize_profile(&profile, files, &symbols);
#pragma once

#include <string>
#include <vector>

#include "elf/symbolizer.h"
#include "pprof/profile.h"

namespace flamekit::pprof {

// Fills the lines of every unnamed location of p whose mapping has a file in `files` (by mapping index).
// Returns the number of locations named.
size_t symbolize_profile(Profile* p, const std::vector<std::string>& files, elf::Symbolizer* symbols);

// The BinaryCheck pprof applies to a candidate file (binary_locator.h): an ELF file whose build id is the
// mapping's, when the mapping records one.
bool binary_matches(const std::string& path, const Mapping& mapping);

}  // namespace flamekit::pprof
