// prune.h: a profile's drop_frames / keep_frames, applied as Go's pprof applies them (profile/prune.go
// Prune, called by RemoveUninteresting once the profile is symbolized).
//
// The patterns are anchored, ^(pattern)$, and matched against each function name with its argument list
// cut at the first '(' that does not belong to "(anonymous namespace)" or "operator()". A location whose
// outermost function matches drop_frames (and not keep_frames) is dropped from every sample together with
// all frames leafward of it; when an inlined function in it matches, only the functions inlined there are.
// A sample keeps its frames up to its first (rootmost) frame that does not match, so that a stack made only
// of allocator frames does not vanish.
//
//   drop_frames = "malloc|operator new.*":  main;alloc_big;operator new;malloc  ->  main;alloc_big
#pragma once

#include <string>
#include <string_view>

#include "pprof/profile.h"

namespace flamekit::pprof {

// Applies p->drop_frames / p->keep_frames. Throws Error (naming `name`) if a pattern does not compile.
void prune_frames(Profile* p, const std::string& name);

// The name pprof matches the patterns against ("f(int) const" -> "f", "operator()(int)" -> "operator()").
std::string_view simplify_function_name(std::string_view name);

}  // namespace flamekit::pprof
