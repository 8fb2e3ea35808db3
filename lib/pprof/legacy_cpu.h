// legacy_cpu.h: gperftools' CPU profile (libprofiler; what Envoy's /cpuprofiler writes to its
// profile_path), read as Go's pprof reads it (profile/legacy_profile.go parseCPU):
//
//   header   0, 3, 0, period (µs), 0           five words of 32 or 64 bits, in either byte order
//   record   count, n, pc[0] ... pc[n-1]       pc[0] the interrupted PC (the leaf), then return addresses
//   ...
//   trailer  0, 1, 0
//   text     /proc/self/maps lines             (proc_maps.h)
//
// - The word size and byte order are the first of 32-bit little-endian, 32-bit big-endian, 64-bit
//   little-endian, 64-bit big-endian whose header reads 0, 3, 0, >0, 0.
// - Sample types samples/count and cpu/nanoseconds (value count * period); the default is cpu.
// - pc[1..] are return addresses and are moved back one byte; a record whose pc[0] is pc[1] + 1 (the
//   unwinder found the signal PC again) loses pc[1]. The same stack may come in several records (the
//   profiler's table evicts): they are summed when folded.
// - drop_frames is the profiler's own signal handler (ProfileData::Add, __restore, ...).
// - Go's pprof, and perl pprof, also remove the second frame of every stack when nearly all stacks share
//   it, taking it for a signal frame; on a profile of one busy loop that removes real callers. flame-pprof
//   keeps the stacks as recorded.
// - A file copied before the profiler stopped has no trailer and no maps: the records are read to its end.
#pragma once

#include <string>
#include <string_view>

#include "pprof/profile.h"

namespace flamekit::pprof {

// Reads the profile in `bytes` into *p. Throws Error("name: offset 0x...: ...") on a bad header, a record
// cut short or claiming more frames than the file holds, or a count whose time overflows 64 bits.
void read_legacy_cpu(std::string_view bytes, const std::string& name, Profile* p);

}  // namespace flamekit::pprof
