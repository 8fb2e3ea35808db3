// pprof_fuzz.h: what every flame-pprof reader's fuzzer checks on arbitrary bytes. A reader either throws
// the one Error or fills a profile whose indices are all in range (check_profile) and whose tables grow
// with the input, not with what it claims (a "1 GB" count or length must not allocate); the profile then
// prunes and folds without crashing.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/error.h"
#include "model/stack_set.h"
#include "pprof/fold.h"
#include "pprof/profile.h"
#include "pprof/prune.h"

namespace flamekit::pprof {

template <typename Reader>
int fuzz_reader(const uint8_t* data, size_t size, Reader read) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Profile p;
  try {
    read(bytes, "fuzz", &p);
  } catch (const Error&) {
    return 0;
  }
  check_profile(p, "fuzz");
  size_t entries = p.samples.size() + p.sample_locations.size() + p.values.size() + p.labels.size() +
                   p.locations.size() + p.lines.size() + p.functions.size() + p.mappings.size();
  if (entries > 8 * size + 64) std::abort();
  try {
    prune_frames(&p, "fuzz");
  } catch (const Error&) {
    p.drop_frames = {};  // a bad pattern in the profile: an error, then nothing to prune
  }
  if (p.sample_types.empty()) return 0;
  FoldOptions options;
  options.value_index = choose_sample_index(p, "");
  options.tag_root = {"bytes"};
  options.inline_frames = size % 2 == 0;
  model::StackSet stacks;
  fold(p, options, &stacks);
  return 0;
}

}  // namespace flamekit::pprof
