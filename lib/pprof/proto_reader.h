// proto_reader.h: pprof's profile.proto (google/pprof proto/profile.proto, package perftools.profiles),
// decoded by hand on io::BinaryCursor: Go's runtime/pprof CPU, heap, allocs, mutex, block and goroutine
// profiles (istiod's /debug/pprof/*), `pprof -proto` output, and the heap snapshots Envoy built with Google
// tcmalloc writes (addresses already moved back into the call, mappings with build ids, no functions).
//
// No protobuf library is needed for one fixed schema of fifteen fields: the wire format is varints and
// length-prefixed bytes, and the cursor checks every length against the input, with the offset of the
// field that was wrong in the error. The checks are Go's (profile.go postDecode, CheckValid):
//   - string_table[0] must be ""; a string index out of the table is an error;
//   - mapping, function and location ids are nonzero and unique; a location naming an unknown mapping
//     has none (as in Go), an unknown function or location is an error;
//   - a sample has one value per sample type; a second time_nanos means two profiles concatenated;
//   - repeated numbers (location_id, value, comment) may be packed or not, as any protobuf encoder
//     chooses (Go packs only lists of more than two).
// Locations, functions and mappings keep the order of the file; ids are resolved into indices.
#pragma once

#include <string>
#include <string_view>

#include "pprof/profile.h"

namespace flamekit::pprof {

// True if the first bytes of `bytes` read as a protobuf key of profile.proto's top-level message.
bool looks_like_proto(std::string_view bytes);

// Decodes the (already gunzipped) protobuf in `bytes` into *p. Throws Error("name: offset 0x...: ...").
// *p's strings point into `bytes`, which must outlive it.
void read_proto(std::string_view bytes, const std::string& name, Profile* p);

}  // namespace flamekit::pprof
