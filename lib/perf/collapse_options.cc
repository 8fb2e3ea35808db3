// collapse_options.cc: cross-flag rules of flame-collapse.
#include "perf/collapse_options.h"

#include "core/error.h"

namespace flamekit::perf {

void CollapseOptions::validate() const {
  // stackcollapse-perf.pl silently ignores --context without --inline; a user who asks for it wants it.
  if (context && !inline_frames) throw Error::usage("--context needs --inline");
  if (threads < 1 || threads > 256) throw Error::usage("--threads must be between 1 and 256");
  if (output.empty()) throw Error::usage("-o needs a file name");
}

}  // namespace flamekit::perf
