// binary_locator.h: which local file holds each mapping's symbols, found as Go's pprof finds it
// (internal/driver/fetch.go locateBinaries), so a directory of binaries set up for pprof works unchanged:
//   - the directories searched are --search-path, then $PPROF_BINARY_PATH (both DIR[:DIR]), else
//     $HOME/pprof/binaries;
//   - in each, for a mapping with build id B and file F: DIR/B/basename(F), every DIR/B/* (sorted),
//     DIR/F/B (perf's ~/.debug layout), then DIR/basename(F) and DIR/F;
//   - the first candidate that `usable` accepts (pprof: an ELF file with the mapping's build id) wins; with
//     none, the mapping's own path is used if it exists (the symbolizer then checks and reports it);
//   - --binary names the main executable, the first mapping (and makes one when the profile has none, as
//     Go runtime profiles of old had none, so that their addresses are read in it).
//
//   auto files = locate_binaries(&profile, {.binary = "./envoy", .env_path = getenv(...)}, exists);
//   files[i]  // "" when mapping i has no usable file
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "pprof/profile.h"

namespace flamekit::pprof {

struct BinarySearch {
  std::string binary;       // --binary: the main executable, "" if not given
  std::string search_path;  // --search-path, DIR[:DIR]
  std::string env_path;     // $PPROF_BINARY_PATH
  std::string home;         // $HOME
};

// True if `path` can be read for the symbols of `mapping` (the symbolizer checks the build id too).
using BinaryCheck = std::function<bool(const std::string& path, const Mapping& mapping)>;

// A regular file at `path`.
bool is_regular_file(const std::string& path, const Mapping& mapping);

// Applies --binary to p (its first mapping's file), then returns the local file of each mapping of p, ""
// where there is none (anonymous memory, [vdso], a binary that is not on this machine).
std::vector<std::string> locate_binaries(Profile* p, const BinarySearch& search, const BinaryCheck& usable);

}  // namespace flamekit::pprof
