// palette.h: frame colours, the same as flamegraph.pl's for every palette and mode:
//   - default: Perl's srand(sum of the name's code points) then rand(1), three times (so one value
//     v1 = v2 = v3), which is drand48 seeded with (sum << 16) | 0x330E: a name keeps its colour across graphs;
//   - --hash: namehash() of the name and of the name reversed (weighting the first 3 characters, after
//     dropping a DTrace "module`" prefix);
//   - --random: three random numbers.
// The palette then maps (v1, v2, v3) to rgb(): hot, mem, io directly; java, js, perl, wakeup and chain first
// pick a hue (red green blue aqua yellow purple orange) from the name's shape or annotation (_[k] ...).
// --cp keeps a name -> colour map in a file ("name->rgb(r,g,b)" lines), read first and rewritten sorted.
//
//   Colors colors("hot", Colors::Mode::kDefault);
//   colors.of("main") == "rgb(...)"
#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <span>
#include <string>
#include <string_view>

namespace flamekit::svg {

// Perl: srand(seed); rand(1).
double perl_seeded_rand(uint32_t seed);
// flamegraph.pl's namehash(): a value in [0, 1] from the first characters of `name`.
double name_hash(std::string_view name);
double name_hash(std::span<const char32_t> code_points);
// True if `palette` is one flamegraph.pl knows.
bool known_palette(std::string_view palette);
// The background gradient (top, bottom) for --bgcolors `bgcolors` ("" = chosen from `palette`);
// false if bgcolors is not a known name or "#" + 6 characters.
bool background_colors(std::string_view palette, std::string_view bgcolors, std::string* top, std::string* bottom);
// The colour of a differential frame: red for growth, blue for shrinkage (swapped by negate).
std::string diff_color(double delta, double max_delta, bool negate);

class Colors {
 public:
  enum class Mode { kDefault, kHash, kRandom };
  Colors(std::string palette, Mode mode);

  // The colour of a frame named `name` (the full name, with any _[k] annotation).
  std::string of(std::string_view name);

  // --cp: colours come from, and are added to, a name -> colour map.
  void use_map() { use_map_ = true; }
  // Reads a palette.map file if it exists. Throws Error if it exists but cannot be read.
  void read_map(const std::string& path);
  // Writes the map, sorted by name (atomically). Throws Error on failure.
  void write_map(const std::string& path) const;

 private:
  std::string compute(std::string_view name);

  std::string palette_;
  Mode mode_;
  bool use_map_ = false;
  std::map<std::string, std::string, std::less<>> map_;
  std::mt19937_64 rng_;
};

}  // namespace flamekit::svg
