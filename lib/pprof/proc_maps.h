// proc_maps.h: the /proc/self/maps text that gperftools appends to its CPU and heap profiles, turned into
// mappings the way Go's pprof does it (profile/legacy_profile.go ParseMemoryMap, profile.go
// massageMappings), so that every address lands in the same mapping it lands in there:
//   - only executable lines count ("r-xp"); lines that are not mappings are skipped;
//   - adjacent pieces of one file are merged; the first mapping that is not a shared library nor a
//     "[pseudo]" file is moved to the front (the main binary: --binary replaces its file);
//   - a main binary at start - offset == 0x400000 is rewritten to start 0x400000, offset 0;
//   - each location gets the first mapping holding its address, or, failing that, one whose first part
//     was left out (start - offset <= address < start), or else one mapping with no file.
//
//   555e71f2d000-555e71f2e000 r-xp 00001000 00:00 10953043    ./prog
#pragma once

#include <string_view>

#include "pprof/profile.h"

namespace flamekit::pprof {

// Appends the executable mappings of the maps lines in `text` to p->mappings, in order (ids 1, 2, ...).
void read_proc_maps(std::string_view text, Profile* p);

// Merges, reorders and renumbers p->mappings as above, and sets every location's mapping from its address.
// For legacy profiles, whose locations carry only addresses.
void attach_legacy_mappings(Profile* p);

}  // namespace flamekit::pprof
