// diff_set.cc: reading folded lines with difffolded.pl's regex /^(.*)\s+?(\d+(?:\.\d*)?)$/, interning, and
// Perl-exact normalisation.
#include "diff/diff_set.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <thread>

#include "core/error.h"
#include "folded/count_format.h"
#include "io/line_reader.h"

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

std::string_view DiffSet::keep(std::string_view bytes) {
  char* copy = static_cast<char*>(arena_.allocate(bytes.size() ? bytes.size() : 1, 1));
  std::memcpy(copy, bytes.data(), bytes.size());
  return {copy, bytes.size()};
}

void DiffSet::collect(io::LineReader* reader, int side, bool strip_hex, std::vector<Record>* records) {
  std::string_view line;
  while (reader->next(&line)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    std::string_view stack;
    Count count;
    if (!split_folded_line(line, &stack, &count)) {
      throw reader->error_here("expected a folded stack line: frames, a space, a count (\"a;b;c 12\")");
    }
    if (strip_hex && stack.find("0x") != std::string_view::npos) {
      stripped_.clear();
      strip_hex_addresses(stack, &stripped_);
      stack = keep(stripped_);
    } else if (!reader->views_persist()) {
      stack = keep(stack);
    }
    records->push_back(Record{stack, count});
    read_totals_[side] += count;
  }
}

namespace {

// Byte-wise three-way comparison of stacks. Sets *ambiguous when one is a prefix of the other and the
// longer continues with a byte <= ' ': then the order of the output lines ("stack before after") can differ
// from the order of the stacks.
int compare_stacks(std::string_view x, std::string_view y, bool* ambiguous) {
  size_t n = std::min(x.size(), y.size());
  if (int c = std::memcmp(x.data(), y.data(), n)) return c;
  if (x.size() == y.size()) return 0;
  unsigned char next = static_cast<unsigned char>(x.size() > y.size() ? x[n] : y[n]);
  if (next <= ' ') *ambiguous = true;
  return x.size() < y.size() ? -1 : 1;
}

// Puts one profile's records in stack order if they are a few strictly increasing runs whose ranges do not
// overlap (sorted folded files, or several of them concatenated). Returns false otherwise.
bool order_runs(std::vector<DiffSet::Record>* records, bool* ambiguous) {
  std::vector<DiffSet::Record>& r = *records;
  std::vector<std::pair<size_t, size_t>> runs;  // [begin, end)
  size_t begin = 0;
  for (size_t i = 1; i < r.size(); ++i) {
    int c = compare_stacks(r[i - 1].stack, r[i].stack, ambiguous);
    if (c == 0) return false;  // a repeated stack: leave the summing to the hash way
    if (c > 0) {
      runs.emplace_back(begin, i);
      begin = i;
      if (runs.size() > 256) return false;
    }
  }
  if (runs.empty()) return true;
  runs.emplace_back(begin, r.size());
  std::sort(runs.begin(), runs.end(), [&](const auto& x, const auto& y) {
    return r[x.first].stack < r[y.first].stack;
  });
  for (size_t k = 1; k < runs.size(); ++k) {
    if (compare_stacks(r[runs[k - 1].second - 1].stack, r[runs[k].first].stack, ambiguous) >= 0) return false;
  }
  std::vector<DiffSet::Record> ordered;
  ordered.reserve(r.size());
  for (const auto& [b, e] : runs) ordered.insert(ordered.end(), r.begin() + b, r.begin() + e);
  r.swap(ordered);
  return true;
}

}  // namespace

// Both inputs are in stack order. Every pair of neighbouring output entries is compared here or in
// order_runs (as the two heads, or as a record and its successor), so if no comparison was ambiguous the
// stack order is also the output line order.
bool DiffSet::merge_sorted(const std::vector<Record>& a, const std::vector<Record>& b, bool ambiguous) {
  entries_.reserve(std::max(a.size(), b.size()));
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    int c = compare_stacks(a[i].stack, b[j].stack, &ambiguous);
    if (c < 0) {
      entries_.push_back(Entry{a[i].stack, {a[i].count, 0}});
      ++i;
    } else if (c > 0) {
      entries_.push_back(Entry{b[j].stack, {0, b[j].count}});
      ++j;
    } else {
      entries_.push_back(Entry{a[i].stack, {a[i].count, b[j].count}});
      ++i, ++j;
    }
  }
  for (; i < a.size(); ++i) entries_.push_back(Entry{a[i].stack, {a[i].count, 0}});
  for (; j < b.size(); ++j) entries_.push_back(Entry{b[j].stack, {0, b[j].count}});
  if (ambiguous) {
    entries_.clear();
    return false;
  }
  return true;
}

void DiffSet::add_hashed(const std::vector<Record>& records, int side) {
  for (const Record& r : records) {
    Key key{r.stack, StringHash()(r.stack)};
    auto [it, added] = index_.try_emplace(key, static_cast<uint32_t>(entries_.size()));
    if (added) entries_.push_back(Entry{r.stack, {0, 0}});
    entries_[it->second].counts[side] += r.count;
  }
}

void DiffSet::read(const std::string& before, const std::string& after, bool strip_hex) {
  std::vector<Record> records[2];
  bool ordered[2] = {false, false};
  bool ambiguous[2] = {false, false};
  auto load = [&](int side) {
    collect(readers_[side].get(), side, strip_hex, &records[side]);
    ordered[side] = order_runs(&records[side], &ambiguous[side]);
  };
  readers_[0] = std::make_unique<io::LineReader>(before);
  readers_[1] = std::make_unique<io::LineReader>(after);
  // Two mapped inputs need no shared arena: read them on two threads. Errors are raised as a sequential
  // run would raise them (the first profile's first).
  if (readers_[0]->views_persist() && readers_[1]->views_persist() && !strip_hex) {
    std::exception_ptr failure[2];
    std::thread second([&] {
      try {
        load(1);
      } catch (...) {
        failure[1] = std::current_exception();
      }
    });
    try {
      load(0);
    } catch (...) {
      failure[0] = std::current_exception();
    }
    second.join();
    for (auto& f : failure) {
      if (f) std::rethrow_exception(f);
    }
  } else {
    load(0);
    load(1);
  }
  if (ordered[0] && ordered[1]) {
    in_order_ = merge_sorted(records[0], records[1], ambiguous[0] || ambiguous[1]);
    if (in_order_) return;
  }
  index_.reserve(records[0].size() + records[1].size() / 4);
  add_hashed(records[0], 0);
  add_hashed(records[1], 1);
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
