// raw_text.h: the text `go tool pprof -raw` prints (profile.go Profile.String()), read as FlameGraph's
// stackcollapse-go.pl reads it, so that `go tool pprof -raw ... | flame-pprof` prints what
// `go tool pprof -raw ... | stackcollapse-go.pl` prints, byte for byte:
//
//   PeriodType: cpu nanoseconds
//   Samples:
//   samples/count cpu/nanoseconds
//             2   20000000: 1 2 3                   <- values, then location ids leaf first
//   Locations
//        1: 0x555e71f2d160 M=1 leaf_work ./prog.c:8 s=0
//        3: 0x7fa6f29ba249 M=2                     <- unsymbolized: the script names it "M=2"
//   Mappings
//
// As in the script: lines starting with '#' are skipped anywhere; a location is named by the first word
// after its address and optional "M=n " (so an unsymbolized one is "M=n", and a name is cut at its first
// space); the inlined functions printed on continuation lines are ignored; an id with no location line, or
// whose name is "" or "0" (false in Perl), stays the id; the ids are split at single spaces. The value
// counted by default is the first column, the one the script counts (the sample count of a CPU profile).
//
// Where the script misreads, flame-pprof does not: it takes as many value columns as the sample-types line
// names (the script's pattern needs exactly two, so it prints nothing for the four columns of a heap
// profile and misreads one column), and reads negative values. Labels are not read: their text is
// ambiguous (values may hold spaces); convert the protobuf itself to use --tag-root.
#pragma once

#include <string>
#include <string_view>

#include "pprof/profile.h"

namespace flamekit::pprof {

// Reads the text in `bytes` into *p. Lines that are not what their section holds are skipped, as the script
// skips them (a sample line with the wrong number of values too). Throws Error("name:LINE: ...") on a value
// that does not fit in 64 bits, and if there is no "Samples:" line.
void read_raw_text(std::string_view bytes, const std::string& name, Profile* p);

}  // namespace flamekit::pprof
