// profile.cc: building and checking the profile model (see profile.h).
#include "pprof/profile.h"

#include <cstring>
#include <string>

#include "core/error.h"

namespace flamekit::pprof {

namespace {

uint32_t narrow(size_t n) {
  if (n >= kNone) throw Error("profile too large (more than 2^32 entries in one table)");
  return static_cast<uint32_t>(n);
}

}  // namespace

std::string_view Profile::keep(std::string_view text) {
  if (text.empty()) return {};
  char* bytes = static_cast<char*>(arena_.allocate(text.size(), 1));
  std::memcpy(bytes, text.data(), text.size());
  return {bytes, text.size()};
}

void Profile::add_sample(std::span<const uint32_t> locations_, std::span<const int64_t> sample_values) {
  Sample s;
  s.locations_begin = narrow(sample_locations.size());
  sample_locations.insert(sample_locations.end(), locations_.begin(), locations_.end());
  s.locations_end = narrow(sample_locations.size());
  s.values_begin = narrow(values.size());
  values.insert(values.end(), sample_values.begin(), sample_values.end());
  s.labels_begin = s.labels_end = narrow(labels.size());
  samples.push_back(s);
}

void Profile::add_label(const Label& label) {
  labels.push_back(label);
  samples.back().labels_end = narrow(labels.size());
}

uint32_t Profile::add_function(std::string_view name) {
  Function f;
  f.id = functions.size() + 1;
  f.name = name;
  functions.push_back(f);
  return narrow(functions.size() - 1);
}

uint32_t Profile::add_location(uint64_t address, uint32_t mapping, std::span<const uint32_t> inner_to_outer) {
  Location l;
  l.id = locations.size() + 1;
  l.address = address;
  l.mapping = mapping;
  l.lines_begin = narrow(lines.size());
  for (uint32_t f : inner_to_outer) lines.push_back(Line{f, 0});
  l.lines_end = narrow(lines.size());
  locations.push_back(l);
  return narrow(locations.size() - 1);
}

void check_profile(const Profile& p, const std::string& name) {
  auto fail = [&](const std::string& what) { throw Error(Error::Position{name, 0, -1}, "invalid profile: " + what); };
  if (p.values.size() != p.samples.size() * p.sample_types.size()) fail("values do not match the sample types");
  for (const Location& l : p.locations) {
    if (l.mapping != kNone && l.mapping >= p.mappings.size()) fail("location mapping out of range");
    if (l.lines_begin > l.lines_end || l.lines_end > p.lines.size()) fail("location lines out of range");
  }
  for (const Line& line : p.lines) {
    if (line.function != kNone && line.function >= p.functions.size()) fail("line function out of range");
  }
  for (const Sample& s : p.samples) {
    if (s.locations_begin > s.locations_end || s.locations_end > p.sample_locations.size()) fail("sample locations out of range");
    if (s.labels_begin > s.labels_end || s.labels_end > p.labels.size()) fail("sample labels out of range");
    if (s.values_begin + p.sample_types.size() > p.values.size()) fail("sample values out of range");
  }
  for (uint32_t loc : p.sample_locations) {
    if (loc >= p.locations.size()) fail("sample location out of range");
  }
}

}  // namespace flamekit::pprof
