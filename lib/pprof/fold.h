// fold.h: Profile -> folded stacks, the one conversion every input format goes through.
//
// For each sample, the value of the chosen sample type is added to its stack, root first: the --tag-root
// label frames, then the locations from the last (the root) to the first (the leaf), and within a location
// its functions from the outer one to the innermost inlined one (only the outer one with inline frames
// off). Samples are summed by the text of their stack, as the folded format has it. A sample whose value is 0
// still gives its stack (as pprof -raw | stackcollapse-go.pl and google-pprof --collapsed print them), but
// one whose values are all 0 is left out, as pprof's merge of its inputs leaves it out.
//
// A function's name is Function.name, else its system_name (and the other way round with mangled names
// asked for). A location with no function names prints as module+0xOFFSET, OFFSET being the file offset of
// the address in its mapping (libc.so.6+0x2724a), or as 0xADDRESS where no file is known.
//
//   FoldOptions o;
//   o.value_index = choose_sample_index(profile, "inuse_space", "h.heap");
//   fold(profile, o, &stacks);
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "model/stack_set.h"
#include "pprof/profile.h"

namespace flamekit::pprof {

struct FoldOptions {
  size_t value_index = 0;            // which sample_types column to count
  std::vector<std::string> tag_root; // label keys whose values become root frames, first key rootmost
  bool inline_frames = true;         // inlined functions as frames of their own
  bool system_names = false;         // prefer Function.system_name (mangled) over name
  bool keep_zero_samples = false;    // count samples whose values are all 0 too (pprof -raw text, as the script)
};

void fold(const Profile& p, const FoldOptions& options, model::StackSet* stacks);

// The index of the sample type `request` names, as pprof's -sample_index resolves it: a number is an index;
// a type name matches, with "inuse_" optional ("inuse_space" finds "space"); "" is default_sample_type if
// the profile has one, else the last type. Throws a usage Error listing the types if none matches.
size_t choose_sample_index(const Profile& p, std::string_view request);

// The frame name of a location without function names: module+0xoffset, or 0xaddress.
std::string unresolved_name(const Profile& p, const Location& loc);

}  // namespace flamekit::pprof
