// traces_text.h: the text `go tool pprof -traces` prints (internal/report/report.go printTraces): a header,
// then one block per sample, leaf first, its value on the first frame line:
//
//   File: prog
//   Type: cpu
//   -----------+-------------------------------------------------------
//       worker:  a                             <- labels: "%10s:  %s"
//         20ms   runtime.asyncPreempt          <- "%10s   %s": value, leaf frame
//                main.inlined (inline)         <- inlined into the frame below it
//                main.main.func1
//                [libc.so.6]                   <- unsymbolized: the mapping's file
//   -----------+-------------------------------------------------------
//
// Values are printed with units and two decimals (20ms, 1.50s, 9.54MB); they are read back in the base unit
// (nanoseconds, bytes; plain numbers are counts) and rounded, so sums can differ from the profile's by the
// rounding of each sample. Frames marked (inline) become inline frames of the location they precede, so
// --no-inline folds them as it does for a protobuf. Labels become string labels holding the printed text,
// which is what pprof's -tagroot shows for them.
#pragma once

#include <string>
#include <string_view>

#include "pprof/profile.h"

namespace flamekit::pprof {

// Reads the text in `bytes` into *p. Throws Error("name:LINE: ...") on a value that is not a pprof
// measurement, or on values of different units.
void read_traces_text(std::string_view bytes, const std::string& name, Profile* p);

}  // namespace flamekit::pprof
