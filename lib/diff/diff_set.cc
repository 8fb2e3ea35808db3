// diff_set.cc: reading folded lines with difffolded.pl's regex /^(.*)\s+?(\d+(?:\.\d*)?)$/, pairing the
// two profiles, and Perl-exact normalisation.
#include "diff/diff_set.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <thread>

#include "core/error.h"
#include "folded/count_format.h"
#include "io/line_reader.h"
#include "io/mapped_file.h"

namespace flamekit::diff {
namespace {

// Perl's \s on bytes: space, \t, \n, \v, \f, \r.
bool is_perl_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_integral(Count c) { return c >= 0 && c < 1.8e19 && c == std::trunc(c); }

// int(c1 * total2 / total1) with Perl's arithmetic: the multiplication and the division are exact on
// integers when they can be (IV/UV preserving ops), doubles otherwise.
Count perl_normalize(Count c1, Count total1, Count total2) {
  if (is_integral(c1) && is_integral(total1) && is_integral(total2) && total1 > 0) {
    unsigned __int128 product = static_cast<unsigned __int128>(static_cast<uint64_t>(c1)) *
                                static_cast<uint64_t>(total2);
    if (product <= UINT64_MAX) {
      uint64_t p = static_cast<uint64_t>(product), t1 = static_cast<uint64_t>(total1);
      if (p % t1 == 0) return static_cast<Count>(p / t1);
      return std::trunc(static_cast<double>(p) / static_cast<double>(t1));
    }
  }
  return std::trunc(c1 * total2 / total1);
}

}  // namespace

bool split_folded_line(std::string_view line, std::string_view* stack, Count* count) {
  size_t i = line.size();
  while (i > 0 && !is_perl_space(line[i - 1])) --i;
  if (i == 0) return false;
  if (!folded::parse_count(line.substr(i), count)) return false;
  *stack = line.substr(0, i - 1);
  return true;
}

void strip_hex_addresses(std::string_view stack, std::string* out) {
  for (size_t i = 0; i < stack.size();) {
    if (stack[i] == '0' && i + 2 < stack.size() && stack[i + 1] == 'x' && is_hex_digit(stack[i + 2])) {
      size_t j = i + 2;
      while (j < stack.size() && is_hex_digit(stack[j])) ++j;
      out->append("0x...");
      i = j;
      continue;
    }
    out->push_back(stack[i++]);
  }
}

namespace {

// split_folded_line for the common line "stack 123": an integer of at most 19 digits after one space.
bool split_integer_line(std::string_view line, std::string_view* stack, Count* count) {
  size_t i = line.size();
  uint64_t value = 0, scale = 1;
  while (i > 0 && line.size() - i < 19) {
    unsigned digit = static_cast<unsigned char>(line[i - 1]) - unsigned{'0'};
    if (digit > 9) break;
    value += digit * scale;
    scale *= 10;
    --i;
  }
  if (i == line.size() || i == 0 || line[i - 1] != ' ') return false;
  *stack = line.substr(0, i - 1);
  *count = static_cast<Count>(value);
  return true;
}

std::string_view keep(std::pmr::monotonic_buffer_resource* arena, std::string_view bytes) {
  char* copy = static_cast<char*>(arena->allocate(bytes.size() ? bytes.size() : 1, 1));
  std::memcpy(copy, bytes.data(), bytes.size());
  return {copy, bytes.size()};
}

bool is_regular_file(const std::string& path) {
  struct stat st;
  return path != "-" && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

constexpr size_t kMaxStackBytes = size_t{1} << 31;

}  // namespace

// A regular file is mapped and its pages made present in one call (the whole file is read, and entries
// keep pointing into it, so LineReader's release of pages behind the reader would only make the merge and
// the writer fault them in again). Anything else is opened by LineReader: stacks are copied unless it
// mapped the input itself (standard input redirected from a file), and the reader is kept open.
void DiffSet::load(int side, const std::string& path, bool strip_hex) {
  std::unique_ptr<io::LineReader>& reader = readers_[side];
  if (is_regular_file(path)) {
    auto file = std::make_unique<io::MappedFile>(path);
    if (file->ok()) {
      std::string_view bytes = file->bytes();
      ::madvise(const_cast<char*>(bytes.data()), bytes.size(), MADV_POPULATE_READ);  // best effort
      reader = std::make_unique<io::LineReader>(path, bytes);
      files_[side] = std::move(file);
    }
  }
  if (!reader) reader = std::make_unique<io::LineReader>(path);
  const bool copy = !reader->views_persist();
  std::pmr::monotonic_buffer_resource* arena = &arenas_[side];
  RunSplitter& runs = splitters_[side];
  if (files_[side]) runs.reserve(files_[side]->bytes().size() / 32 + 16);
  std::string stripped;
  Count total = 0;
  std::string_view line;
  while (reader->next(&line)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    std::string_view stack;
    Count count;
    if (!split_integer_line(line, &stack, &count) && !split_folded_line(line, &stack, &count)) {
      throw reader->error_here("expected a folded stack line: frames, a space, a count (\"a;b;c 12\")");
    }
    if (stack.size() >= kMaxStackBytes) throw reader->error_here("stack longer than 2 GiB");
    if (strip_hex && stack.find("0x") != std::string_view::npos) {
      stripped.clear();
      strip_hex_addresses(stack, &stripped);
      stack = keep(arena, stripped);
    } else if (copy) {
      stack = keep(arena, stack);
    }
    runs.add(StackRec{stack.data(), static_cast<uint32_t>(stack.size()), 0, count});
    total += count;
  }
  read_totals_[side] = total;
}

void DiffSet::read(const std::string& before, const std::string& after, bool strip_hex) {
  // One thread per profile; errors are raised as a sequential run would raise them (the first's first).
  std::exception_ptr failure[2];
  std::thread second([&] {
    try {
      load(1, after, strip_hex);
    } catch (...) {
      failure[1] = std::current_exception();
    }
  });
  try {
    load(0, before, strip_hex);
  } catch (...) {
    failure[0] = std::current_exception();
  }
  second.join();
  for (auto& f : failure) {
    if (f) std::rethrow_exception(f);
  }
  RunMerger merger;
  size_t most = 0;
  for (int side : {0, 1}) {
    for (std::span<const StackRec> run : splitters_[side].finish()) {
      merger.add_run(run, side);
      most += run.size();
    }
  }
  entries_.reserve(most);
  bool ambiguous = false;
  uint32_t last_size = 0;
  MergedStack s;
  while (merger.next(&s)) {
    // The previous stack is a prefix of this one: "prev 1 2" vs "prev\t..." can order the other way.
    if (!entries_.empty() && s.lcp == last_size && static_cast<unsigned char>(s.data[s.lcp]) <= ' ') {
      ambiguous = true;
    }
    last_size = s.size;
    entries_.push_back(Entry{s.stack(), {s.counts[0], s.counts[1]}});
  }
  in_order_ = !ambiguous;
  splitters_[0] = RunSplitter();
  splitters_[1] = RunSplitter();
}

void DiffSet::normalize_first() {
  const Count total1 = read_totals_[0], total2 = read_totals_[1];
  if (total1 == total2 || total1 == 0) return;
  for (Entry& e : entries_) e.counts[0] = perl_normalize(e.counts[0], total1, total2);
}

Count DiffSet::total(int side) const {
  Count sum = 0;
  for (const Entry& e : entries_) sum += e.counts[side];
  return sum;
}

}  // namespace flamekit::diff
