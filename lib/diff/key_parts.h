// key_parts.h: cutting the key space of two scanned profiles (profile_scan.h) into parts that two threads
// can merge on their own: pivots sampled from both files, and for every run (and the set-aside lines) the
// byte range, or slice, that falls between two pivots.
//
//   auto parts = cut_parts(maps, scans, choose_pivots(maps, release), release);
//   for (const Range& r : parts[k]) ...   // part k's inputs, in file order
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "diff/profile_scan.h"
#include "io/mapped_file.h"

namespace flamekit::diff {

// Cut points of the key space: stacks sampled at even byte offsets of both files, increasing. None holds a
// byte <= ' ', so none can continue a stack with such a byte, and a block of stacks whose line order
// differs from their byte order never spans two parts.
// With `release`, the pages read to sample them are handed back.
std::vector<std::string> choose_pivots(std::array<const io::MappedFile*, 2> maps, bool release);

// What one part merges: byte ranges of runs, and slices of the sorted exceptions.
struct Range {
  int side;             // 0 = before, 1 = after
  size_t begin, end;    // bytes of a run, or indexes into the side's exceptions
  bool exceptions;
};

// The ranges of every run and of the exceptions, cut at the pivots: ranges[k] are part k's, in file order
// (each side's runs, then its exceptions; the first side first). With `release`, the pages of a range are
// handed back once it is cut: the kernel maps 64 KB around every line a bisection reads.
std::vector<std::vector<Range>> cut_parts(std::array<const io::MappedFile*, 2> maps, const std::array<Scan, 2>& scans,
                                          const std::vector<std::string>& pivots, bool release);

}  // namespace flamekit::diff
