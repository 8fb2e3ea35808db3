// parallel_collapse.cc: chunked multi-threaded collapsing (see parallel_collapse.h).
#include "perf/parallel_collapse.h"

#include <cstring>
#include <memory>
#include <thread>

#include "core/error.h"
#include "io/line_reader.h"

namespace flamekit::perf {
namespace {

constexpr size_t kMinBytesPerChunk = 1 << 20;

struct Chunk {
  std::string_view bytes;
  size_t begin = 0;  // offset in the file
  bool last = false;
  model::StackSet own;
  model::StackSet* stacks = &own;  // the caller's set for the first chunk: nothing to merge
  CollapseStats stats;
  int64_t lines = 0;
  bool dropped_open_sample = false;
  std::optional<Error> error;
};

// Offset just after the first blank line that ends at or after `from`, or npos.
size_t blank_line_after(std::string_view b, size_t from) {
  size_t i = from;
  while (i < b.size()) {
    const void* nl = std::memchr(b.data() + i, '\n', b.size() - i);
    if (!nl) return std::string_view::npos;
    size_t j = static_cast<size_t>(static_cast<const char*>(nl) - b.data()) + 1;
    if (j < b.size() && b[j] == '\n') return j + 1;
    if (j + 1 < b.size() && b[j] == '\r' && b[j + 1] == '\n') return j + 2;
    i = j;
  }
  return std::string_view::npos;
}

// The first event named in `bytes`, as a one-thread run would default to it; "" if none.
std::string first_event(const std::string& name, std::string_view bytes, const CollapseOptions& options) {
  CollapseOptions quiet = options;
  quiet.strict = false;
  quiet.inline_frames = false;
  model::StackSet scratch;
  StackCollapser probe(quiet, name, &scratch, nullptr);
  io::LineReader reader(name, bytes);
  std::string_view line;
  while (probe.event_filter().empty() && reader.next(&line)) probe.feed(line, reader.line_number());
  return probe.event_filter();
}

void collapse_chunk(const std::string& name, const io::MappedFile& file, const CollapseOptions& options,
                    const std::string& event, Chunk* chunk) {
  StackCollapser collapser(options, name, chunk->stacks, nullptr);
  collapser.preset_default_event(event);
  try {
    size_t end = chunk->begin + chunk->bytes.size();
    chunk->lines = feed_mapped(file, chunk->begin, end, &collapser);
    if (chunk->last) collapser.finish(!chunk->bytes.empty() && chunk->bytes.back() != '\n');
  } catch (const Error& e) {
    chunk->error = e;
  }
  chunk->stats = collapser.stats();
  chunk->dropped_open_sample = collapser.dropped_open_sample();
}

// Adds `from` to `into`, interning each distinct frame of `from` once.
void merge_stacks(const model::StackSet& from, model::StackSet* into) {
  std::vector<uint32_t> map(from.frames().size());
  for (uint32_t id = 0; id < map.size(); ++id) map[id] = into->frames().intern(from.frames().name(id));
  std::vector<uint32_t> ids;
  from.for_each([&](std::span<const uint32_t> stack, model::Count count) {
    ids.clear();
    for (uint32_t id : stack) ids.push_back(map[id]);
    into->add(ids, count);
  });
}

}  // namespace

int64_t feed_mapped(const io::MappedFile& file, size_t begin, size_t end, StackCollapser* collapser) {
  std::string_view bytes = file.bytes();
  int64_t lines = 0;
  while (begin < end) {
    // A block of whole lines (the last one may lack its '\n' at the end of the range).
    size_t stop = end;
    if (end - begin > io::MappedFile::kReleaseStep) {
      const void* nl = std::memchr(bytes.data() + begin + io::MappedFile::kReleaseStep, '\n',
                                   end - begin - io::MappedFile::kReleaseStep);
      if (nl) stop = static_cast<size_t>(static_cast<const char*>(nl) - bytes.data()) + 1;
    }
    file.populate(begin, stop);
    lines = collapser->feed_text(bytes.substr(begin, stop - begin), lines);
    if (stop < end) file.release(begin, stop);
    begin = stop;
  }
  return lines;
}

std::vector<size_t> split_at_blank_lines(std::string_view bytes, int parts) {
  std::vector<size_t> cuts = {0};
  for (int k = 1; k < parts; ++k) {
    size_t target = bytes.size() / static_cast<size_t>(parts) * static_cast<size_t>(k);
    if (target <= cuts.back()) continue;
    size_t at = blank_line_after(bytes, target);
    if (at == std::string_view::npos || at >= bytes.size()) break;
    cuts.push_back(at);
  }
  cuts.push_back(bytes.size());
  return cuts;
}

std::optional<CollapseResult> collapse_parallel(const std::string& name, const io::MappedFile& file,
                                                const CollapseOptions& options, int threads,
                                                model::StackSet* stacks) {
  std::string_view bytes = file.bytes();
  int parts = static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), bytes.size() / kMinBytesPerChunk));
  if (parts < 2) return std::nullopt;
  std::vector<size_t> cuts = split_at_blank_lines(bytes, parts);
  if (cuts.size() < 3) return std::nullopt;
  std::string event = options.event_filter;
  if (event.empty()) {
    event = first_event(name, bytes.substr(0, cuts[1]), options);
    if (event.empty()) return std::nullopt;  // the default event could lie in any chunk: one thread decides
  }

  std::vector<std::unique_ptr<Chunk>> chunks;
  for (size_t i = 0; i + 1 < cuts.size(); ++i) {
    chunks.push_back(std::make_unique<Chunk>());
    chunks.back()->bytes = bytes.substr(cuts[i], cuts[i + 1] - cuts[i]);
    chunks.back()->begin = cuts[i];
    chunks.back()->last = i + 2 == cuts.size();
  }
  chunks[0]->stacks = stacks;
  std::vector<std::thread> workers;
  for (size_t i = 1; i < chunks.size(); ++i) {
    workers.emplace_back(collapse_chunk, std::cref(name), std::cref(file), std::cref(options), std::cref(event),
                         chunks[i].get());
  }
  collapse_chunk(name, file, options, event, chunks[0].get());
  for (std::thread& t : workers) t.join();

  CollapseResult result;
  result.event_filter = event;
  result.event_defaulted = options.event_filter.empty();
  int64_t line_offset = 0;
  for (auto& chunk : chunks) {
    if (chunk->error) {
      const Error& e = *chunk->error;
      throw Error::at_line(e.where().file, e.where().line + line_offset, e.what());
    }
    if (chunk->stacks != stacks) merge_stacks(*chunk->stacks, stacks);
    result.stats.merge_later(chunk->stats, line_offset);
    result.dropped_open_sample = chunk->dropped_open_sample;
    line_offset += chunk->lines;
  }
  result.lines = line_offset;
  return result;
}

}  // namespace flamekit::perf
