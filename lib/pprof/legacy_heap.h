// legacy_heap.h: gperftools heap profiles (text), read as Go's pprof reads them (profile/legacy_profile.go
// parseHeap), unsampling included:
//
//   heap profile:    151: 10007296 [  1151: 11007296] @ heapprofile        <- totals; @ heap_v2/524288 ...
//      100: 10000000 [   100: 10000000] @ 0x55c1f3bfd178 0x55c1f3bfd1d0   <- inuse n: bytes [alloc n: bytes]
//   ...                                                                       @ PCs, leaf first
//   MAPPED_LIBRARIES:
//   55c1f3bfc000-55c1f3bfd000 r-xp 00000000 00:00 10953079    ./heapprog   <- proc_maps.h
//
// - The header tag decides the sampling: "heapprofile" (gperftools' HEAPPROFILE, every allocation) is not
//   scaled; "heap_v2/R" and "heapz_v2/R" are Poisson samples at a mean of R bytes, and each line's counts and
//   bytes are multiplied by 1 / (1 - exp(-(bytes/count) / R)) and truncated to integers, line by line, as Go
//   does; "heap/2R" (old tcmalloc, Go's legacy text) uses R = 2R / 2 the same way. "growthz" and
//   "fragmentationz" headers are read unscaled.
// - Sample types: alloc_objects, alloc_space, inuse_objects, inuse_space, in that order (so that the
//   default, the last, is inuse_space); only objects, space when the header's alloc pair repeats the inuse
//   pair (or is 0), as Go does.
// - Every PC is a return address and is moved back by one byte (Go does all of them; perl pprof spares the
//   first). Each sample gets the numeric label bytes = bytes / count, and drop_frames is the allocator
//   pattern (malloc, operator new, tcmalloc::*, ...), with keep_frames for Go's runtime.panic and calls.
#pragma once

#include <string>
#include <string_view>

#include "pprof/profile.h"

namespace flamekit::pprof {

// Reads the profile in `bytes` (named `name` in errors) into *p. Throws Error("name:LINE: ...") on a line
// that is not a sample, on counts that do not fit in 64 bits, and on a count of 0 with bytes.
void read_legacy_heap(std::string_view bytes, const std::string& name, Profile* p);

}  // namespace flamekit::pprof
