// convert.h: flame-pprof's work. Each input profile is read (format detected, gzip undone), its mappings'
// binaries located, drop_frames applied, and its samples of the chosen type folded into one set of stacks,
// printed sorted byte-wise as folded lines ("root;...;leaf value").
//
//   PprofOptions options;
//   options.sample_index = "alloc_space";
//   int code = run_pprof({"envoy.prof.0001.heap"}, options);   // to options.output
#pragma once

#include <string>
#include <vector>

#include "model/stack_set.h"
#include "pprof/pprof_options.h"

namespace flamekit::pprof {

// Converts `inputs` into `stacks` (several profiles add up; they must count the same sample type). With
// options.verbose, says on stderr what was read. Throws Error on a bad profile or bad options.
void convert_profiles(const std::vector<std::string>& inputs, const PprofOptions& options, model::StackSet* stacks);

// The whole tool: validate, convert, write to options.output. Returns the exit code.
int run_pprof(const std::vector<std::string>& inputs, const PprofOptions& options);

}  // namespace flamekit::pprof
