// parallel_collapse.h: --threads for one mapped input file. The file is cut into chunks that start right
// after a blank line, where the script's state is empty (no open sample, nothing pending), so each chunk can
// be collapsed by its own StackCollapser into its own StackSet; the only state that crosses chunks, the
// default event (the first event of the whole file), is found first and given to every chunk. The sets are
// merged and the problems renumbered in chunk order, so output, warnings and the first --strict error are
// those of one thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "io/mapped_file.h"
#include "model/stack_set.h"
#include "perf/collapse.h"

namespace flamekit::perf {

// Collapses the mapped input `name` with `threads` threads into `stacks`. Returns nullopt if the input
// cannot be split usefully (too small, or no event named in the first chunk); the caller then reads it
// with one thread.
std::optional<CollapseResult> collapse_parallel(const std::string& name, const io::MappedFile& file,
                                                const CollapseOptions& options, int threads,
                                                model::StackSet* stacks);

// Feeds bytes [begin, end) of `file` to `collapser` (lines numbered from 1), handing back the pages read
// every MappedFile::kReleaseStep bytes so that memory stays flat however big the file. Returns the number
// of lines fed.
int64_t feed_mapped(const io::MappedFile& file, size_t begin, size_t end, StackCollapser* collapser);

// Chunk boundaries of `bytes`: offsets just after a blank line ("\n\n" or "\n\r\n"), near i*size/parts.
// Always starts with 0 and ends with bytes.size(); fewer parts when blank lines are scarce.
std::vector<size_t> split_at_blank_lines(std::string_view bytes, int parts);

}  // namespace flamekit::perf
