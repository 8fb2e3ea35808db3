// pprof_test_util.h: the unit tests' view of a profile: folded as flame-pprof prints it.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "folded/count_format.h"
#include "model/stack_set.h"
#include "pprof/fold.h"
#include "pprof/profile.h"

namespace flamekit::pprof::testing {

// The folded lines of `p`, "a;b 3\n..." sorted, with `options`.
inline std::string folded(const Profile& p, const FoldOptions& options = {}) {
  model::StackSet stacks;
  fold(p, options, &stacks);
  std::string out;
  for (const auto& [stack, count] : stacks.sorted_lines()) {
    out += stack + " ";
    folded::append_count(&out, count);
    out += "\n";
  }
  return out;
}

// The same, counting sample type `type` ("" = the profile's default).
inline std::string folded_by(const Profile& p, const std::string& type) {
  FoldOptions options;
  options.value_index = choose_sample_index(p, type);
  return folded(p, options);
}

// The one-line error `read` (a reader: bytes, name, Profile*) gives for `bytes`, or "no error".
template <typename Reader>
std::string error_of(Reader read, std::string_view bytes, const std::string& name) {
  try {
    Profile p;
    read(bytes, name, &p);
  } catch (const Error& e) {
    return e.describe();
  }
  return "no error";
}

}  // namespace flamekit::pprof::testing
