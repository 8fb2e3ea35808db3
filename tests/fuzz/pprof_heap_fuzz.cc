// pprof_heap_fuzz.cc: flame-pprof's read_legacy_heap over arbitrary bytes (see pprof_fuzz.h for what is checked).
#include "pprof/legacy_heap.h"
#include "pprof_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return flamekit::pprof::fuzz_reader(data, size, flamekit::pprof::read_legacy_heap);
}
