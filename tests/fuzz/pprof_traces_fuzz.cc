// pprof_traces_fuzz.cc: flame-pprof's read_traces_text over arbitrary bytes (see pprof_fuzz.h for what is checked).
#include "pprof/traces_text.h"
#include "pprof_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return flamekit::pprof::fuzz_reader(data, size, flamekit::pprof::read_traces_text);
}
