// diagnostics.cc: once-per-kind warnings.
#include "core/diagnostics.h"

#include <cstdio>

namespace flamekit {

void Diagnostics::warn(const std::string& kind, const Error& problem) {
  if (strict_) throw problem;
  ++total_;
  if (++counts_[kind] == 1) std::fprintf(stderr, "%s: warning: %s\n", tool_.c_str(), problem.describe().c_str());
}

void Diagnostics::note(const std::string& text) const {
  std::fprintf(stderr, "%s: %s\n", tool_.c_str(), text.c_str());
}

void Diagnostics::print_summary() const {
  for (const auto& [kind, n] : counts_) {
    if (n > 1) {
      std::fprintf(stderr, "%s: warning: %lld more like that (%s)\n", tool_.c_str(),
                   static_cast<long long>(n - 1), kind.c_str());
    }
  }
}

int64_t Diagnostics::count(const std::string& kind) const {
  auto it = counts_.find(kind);
  return it == counts_.end() ? 0 : it->second;
}

}  // namespace flamekit
