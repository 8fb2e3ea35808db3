// sorted_merge.h: flame-diff's fast path for the inputs it usually gets: two regular files, each made of a
// few sorted runs (a collapser writes one; per-thread files concatenated make a few). Instead of keeping
// every line as a record and merging the records (DiffSet), it streams: one pass over each file checks
// every line, sums the counts and finds where its sorted runs start; then the key space is cut into parts
// and two threads each merge a part straight from the mapped runs into output lines, while the stack bytes
// are still in cache. Parts are written in order by whichever thread finishes the next one. The output is
// the same as DiffSet's, byte for byte.
//
// It declines (returns false, having written nothing) when a file has more than kMaxRuns runs
// (profile_scan.h), too many lines out of place, or a blank line; the caller then takes the general path, which also reports invalid lines the same way.
//
//   io::MappedFile before(path1), after(path2);
//   if (!diff_sorted_files(before, path1, after, path2, normalize, &diag,
//                          [&](std::string_view text) { out.write(text); }))
//     ... DiffSet ...
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "io/mapped_file.h"

namespace flamekit::diff {

// Inputs bigger than this together are read with their pages handed back behind the scan and after each
// part, so memory stays near 50 MB however big they are; smaller ones stay mapped, which saves mapping
// every page twice (10 ms for two 90 MB files).
constexpr size_t kReleasePagesAbove = size_t{512} << 20;

// Where the output goes: called with consecutive pieces of it, one thread at a time, in order.
using TextSink = std::function<void(std::string_view)>;

// Writes "stack before after" lines for every stack of the two mapped profiles to `write`, in byte order
// of the lines, with the first counts normalised as difffolded.pl -n does if `normalize`. Returns false
// without writing when the inputs are not a few sorted runs. A line without a valid count is reported to
// `diag` as DiffSet::read reports it: a strict one throws Error ("path:line: ...", the first profile's
// first); with a lenient one this declines, for DiffSet to skip the line. Throws what `write` throws.
// `release_above` is kReleasePagesAbove but for tests.
bool diff_sorted_files(const io::MappedFile& before, const std::string& before_name, const io::MappedFile& after,
                       const std::string& after_name, bool normalize, Diagnostics* diag, const TextSink& write,
                       size_t release_above = kReleasePagesAbove);

}  // namespace flamekit::diff
