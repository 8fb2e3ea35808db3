// diagnostics.cc: positions, once-per-kind warnings and quiet tallies.
#include "core/diagnostics.h"

#include <algorithm>
#include <cstdio>

namespace flamekit {

Error::Position Where::position() const {
  Error::Position p{std::string(file_), line_, offset_};
  if (text_.data() != nullptr && offset_ >= 0) {
    const size_t at = std::min(static_cast<size_t>(offset_), text_.size());
    p.line = 1 + std::count(text_.begin(), text_.begin() + static_cast<ptrdiff_t>(at), '\n');
  }
  return p;
}

void Diagnostics::warn(const std::string& kind, const Error& problem) {
  if (strict_) throw problem;
  std::lock_guard<std::mutex> lock(mutex_);
  ++total_;
  Kind& k = kinds_[kind];
  if (++k.count == 1) {
    k.first = problem.where();
    std::fprintf(stderr, "%s: warning: %s\n", tool_.c_str(), problem.describe().c_str());
  }
}

void Diagnostics::tally(const std::string& kind, const Where& where, std::string_view message) {
  if (strict_) throw where.error(std::string(message));
  std::lock_guard<std::mutex> lock(mutex_);
  ++total_;
  Kind& k = kinds_[kind];
  k.tallied = true;
  if (++k.count == 1) k.first = where.position();
}

void Diagnostics::warning(const std::string& text) const {
  std::fprintf(stderr, "%s: warning: %s\n", tool_.c_str(), text.c_str());
}

void Diagnostics::note(const std::string& text) const {
  std::fprintf(stderr, "%s: %s\n", tool_.c_str(), text.c_str());
}

void Diagnostics::print_summary() const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [kind, k] : kinds_) {
    if (k.count > 1 && !k.tallied) {
      std::fprintf(stderr, "%s: warning: %lld more like that (%s)\n", tool_.c_str(),
                   static_cast<long long>(k.count - 1), kind.c_str());
    }
  }
}

int64_t Diagnostics::count(const std::string& kind) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = kinds_.find(kind);
  return it == kinds_.end() ? 0 : it->second.count;
}

Error::Position Diagnostics::first(const std::string& kind) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = kinds_.find(kind);
  return it == kinds_.end() ? Error::Position() : it->second.first;
}

int64_t Diagnostics::total() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return total_;
}

}  // namespace flamekit
