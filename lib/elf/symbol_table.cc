// symbol_table.cc: perf's alias and end fixups over a sorted vector (see symbol_table.h).
#include "elf/symbol_table.h"

#include <algorithm>
#include <cstring>

namespace flamekit::elf {
namespace {

size_t leading_underscores(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && s[n] == '_') ++n;
  return n;
}

}  // namespace

void SymbolTable::add(uint64_t start, uint64_t size, std::string_view name, Binding binding, uint64_t limit) {
  char* copy = static_cast<char*>(names_.allocate(name.size() + 1, 1));
  std::memcpy(copy, name.data(), name.size());
  copy[name.size()] = '\0';
  entries_.push_back({start, size, limit, {copy, name.size()}, static_cast<uint32_t>(entries_.size()), binding});
}

// perf's choose_best_symbol folded over the aliases [from, to), the earlier one kept on a tie.
size_t SymbolTable::best_perf(size_t from, size_t to,
                              const std::function<std::string(std::string_view)>& perf_name) const {
  size_t best = from;
  for (size_t i = from + 1; i < to; ++i) {
    const Entry& a = entries_[best];
    const Entry& b = entries_[i];
    if ((a.size > 0) != (b.size > 0)) {
      if (b.size > 0) best = i;
      continue;
    }
    if ((a.binding == kWeak) != (b.binding == kWeak)) {
      if (a.binding == kWeak) best = i;
      continue;
    }
    if ((a.binding == kGlobal) != (b.binding == kGlobal)) {
      if (b.binding == kGlobal) best = i;
      continue;
    }
    std::string na = perf_name(a.name), nb = perf_name(b.name);
    size_t ua = leading_underscores(na), ub = leading_underscores(nb);
    if (ua != ub) {
      if (ub < ua) best = i;
      continue;
    }
    if (nb.size() > na.size()) best = i;
  }
  return best;
}

void SymbolTable::finish(const std::function<std::string(std::string_view)>& perf_name) {
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    return a.start != b.start ? a.start < b.start : a.order < b.order;
  });
  groups_.clear();
  for (size_t i = 0; i < entries_.size();) {
    size_t j = i + 1;
    while (j < entries_.size() && entries_[j].start == entries_[i].start) ++j;
    const Entry& p = entries_[best_perf(i, j, perf_name)];
    size_t b = i;  // addr2line: the largest, the earliest of equals
    for (size_t k = i + 1; k < j; ++k) {
      if (entries_[k].size > entries_[b].size) b = k;
    }
    const Entry& a = entries_[b];
    Group g{p.start, p.start + p.size, p.limit, {p.start, p.start + p.size, p.name}, {a.start, a.start + a.size, a.name}};
    groups_.push_back(g);
    i = j;
  }
  for (size_t i = 0; i < groups_.size(); ++i) {
    Group& g = groups_[i];
    if (g.end == g.start) {
      g.end = i + 1 < groups_.size() ? groups_[i + 1].start : ((g.start + 0xfff) & ~uint64_t{0xfff}) + 0x1000;
      if (g.limit > g.start) g.end = std::min(g.end, g.limit);
    }
    g.perf.end = g.end;
    // addr2line's pick is bounded by its own size (unlike addr2line, which names a symbol past its end).
    if (g.addr2line.end == g.addr2line.start) g.addr2line.end = g.end;
  }
}

const Symbol* SymbolTable::find(uint64_t address, SymbolRule rule) const {
  auto it = std::upper_bound(groups_.begin(), groups_.end(), address,
                             [](uint64_t a, const Group& g) { return a < g.start; });
  if (it == groups_.begin()) return nullptr;
  const Symbol& s = rule == SymbolRule::kPerf ? (it - 1)->perf : (it - 1)->addr2line;
  return address < s.end ? &s : nullptr;
}

std::optional<uint64_t> SymbolTable::address_of(std::string_view name,
                                                const std::function<std::string(std::string_view)>& plain) const {
  if (!by_name_built_) {
    by_name_built_ = true;
    std::vector<const Entry*> in_order;
    for (const Entry& e : entries_) in_order.push_back(&e);
    std::sort(in_order.begin(), in_order.end(), [](const Entry* a, const Entry* b) { return a->order < b->order; });
    for (const Entry* e : in_order) {  // each name, then its plain name, in table order
      by_name_.try_emplace(e->name, e->start);
      std::string p = plain(e->name);
      if (p.empty() || by_name_.contains(p)) continue;
      char* copy = static_cast<char*>(names_.allocate(p.size(), 1));
      std::memcpy(copy, p.data(), p.size());
      by_name_.emplace(std::string_view(copy, p.size()), e->start);
    }
  }
  auto it = by_name_.find(name);
  if (it == by_name_.end()) return std::nullopt;
  return it->second;
}

}  // namespace flamekit::elf
