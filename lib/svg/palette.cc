// palette.cc: flamegraph.pl's colour functions, reimplemented from their observable behaviour.
#include "svg/palette.h"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/line_reader.h"
#include "io/output_file.h"
#include "svg/text_format.h"

namespace flamekit::svg {
namespace {

std::string rgb(int r, int g, int b) {
  return "rgb(" + std::to_string(r) + "," + std::to_string(g) + "," + std::to_string(b) + ")";
}

int scaled(double base, double range, double v) { return static_cast<int>(base + std::trunc(range * v)); }

bool ends_with(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }
bool has(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// The plain hue a multi-palette picks for a name (flamegraph.pl's java, perl, js, wakeup, chain rules).
std::string_view hue_of(std::string_view palette, std::string_view name) {
  if (palette == "java") {
    if (ends_with(name, "_[j]")) return "green";
    if (ends_with(name, "_[i]")) return "aqua";
    std::string_view n = name.starts_with('L') ? name.substr(1) : name;
    for (std::string_view pkg : {"java/", "javax/", "jdk/", "net/", "org/", "com/", "io/", "sun/"}) {
      if (n.starts_with(pkg)) return "green";
    }
    if (has(name, ":::")) return "green";
    if (has(name, "::")) return "yellow";
    if (ends_with(name, "_[k]")) return "orange";
    return "red";
  }
  if (palette == "perl") {
    if (has(name, "::")) return "yellow";
    if (has(name, "Perl") || has(name, ".pl")) return "green";
    if (ends_with(name, "_[k]")) return "orange";
    return "red";
  }
  if (palette == "js") {
    if (ends_with(name, "_[j]")) return has(name, "/") ? "green" : "aqua";
    if (has(name, "::")) return "yellow";
    size_t slash = name.find('/');
    if (slash != std::string_view::npos && name.find(".js", slash + 1) != std::string_view::npos) return "green";
    if (has(name, ":")) return "aqua";
    if (name == " ") return "green";
    if (has(name, "_[k]")) return "orange";
    return "red";
  }
  if (palette == "wakeup") return "aqua";
  if (palette == "chain") return has(name, "_[w]") ? "aqua" : "blue";
  return palette;
}

}  // namespace

double perl_seeded_rand(uint32_t seed) {
  // Perl's own drand48 (FreeBSD's): x0 = seed << 16 | 0x330E; x1 = a * x0 + c mod 2^48; rand = x1 / 2^48.
  uint64_t x = (uint64_t{seed} << 16) | 0x330E;
  x = (0x5DEECE66DULL * x + 0xB) & ((uint64_t{1} << 48) - 1);
  return std::ldexp(static_cast<double>(x), -48);
}

double name_hash(std::string_view name) {
  std::vector<char32_t> cps;
  decode_utf8(name, &cps, -1);
  return name_hash(cps);
}

double name_hash(std::span<const char32_t> name) {
  // A DTrace "module`function" keeps only what follows the first backtick after the first character.
  for (size_t i = 1; i < name.size(); ++i) {
    if (name[i] == '`') {
      name = name.subspan(i + 1);
      break;
    }
  }
  double vector = 0, weight = 1, max = 1;
  int mod = 10;
  for (char32_t c : name) {
    int i = static_cast<int>(c % static_cast<unsigned>(mod));
    vector += (static_cast<double>(i) / (mod++ - 1)) * weight;
    max += 1 * weight;
    weight *= 0.70;
    if (mod > 12) break;
  }
  return 1 - vector / max;
}

bool known_palette(std::string_view p) {
  for (std::string_view k : {"hot", "mem", "io", "wakeup", "chain", "java", "js", "perl", "red", "green", "blue",
                             "aqua", "yellow", "purple", "orange"}) {
    if (p == k) return true;
  }
  return false;
}

bool background_colors(std::string_view palette, std::string_view bg, std::string* top, std::string* bottom) {
  std::string_view chosen = bg;
  if (chosen.empty()) {
    if (palette == "mem") {
      chosen = "green";
    } else if (palette == "io" || palette == "wakeup" || palette == "chain") {
      chosen = "blue";
    } else if (palette == "red" || palette == "green" || palette == "blue" || palette == "aqua" ||
               palette == "yellow" || palette == "purple" || palette == "orange") {
      chosen = "grey";
    } else {
      chosen = "yellow";
    }
  }
  if (chosen == "yellow") {
    *top = "#eeeeee", *bottom = "#eeeeb0";
  } else if (chosen == "blue") {
    *top = "#eeeeee", *bottom = "#e0e0ff";
  } else if (chosen == "green") {
    *top = "#eef2ee", *bottom = "#e0ffe0";
  } else if (chosen == "grey") {
    *top = "#f8f8f8", *bottom = "#e8e8e8";
  } else if (chosen.size() == 7 && chosen[0] == '#' && chosen.find('\n') == std::string_view::npos) {
    *top = *bottom = std::string(chosen);
  } else {
    return false;
  }
  return true;
}

std::string diff_color(double delta, double max_delta, bool negate) {
  double v = negate ? -delta : delta;
  int r = 255, g = 255, b = 255;
  if (v > 0) {
    g = b = static_cast<int>(std::trunc(210 * (max_delta - v) / max_delta));
  } else if (v < 0) {
    r = g = static_cast<int>(std::trunc(210 * (max_delta + v) / max_delta));
  }
  return rgb(r, g, b);
}

Colors::Colors(std::string palette, Mode mode) : palette_(std::move(palette)), mode_(mode) {
  if (mode_ == Mode::kRandom) rng_.seed(std::random_device{}());
}

std::string Colors::of(std::string_view name) {
  if (!use_map_) return compute(name);
  auto it = map_.find(name);
  if (it == map_.end()) it = map_.emplace(std::string(name), compute(name)).first;
  return it->second;
}

std::string Colors::compute(std::string_view name) {
  double v1, v2, v3;
  if (mode_ == Mode::kHash) {
    std::vector<char32_t> cps;
    decode_utf8(name, &cps, -1);
    v1 = name_hash(cps);
    std::reverse(cps.begin(), cps.end());
    v2 = v3 = name_hash(cps);
  } else if (mode_ == Mode::kRandom) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    v1 = u(rng_), v2 = u(rng_), v3 = u(rng_);
  } else {
    std::vector<char32_t> cps;
    decode_utf8(name, &cps, -1);
    uint32_t sum = 0;  // unpack("%32W*"): the sum of the code points modulo 2^32
    for (char32_t c : cps) sum += static_cast<uint32_t>(c);
    v1 = v2 = v3 = perl_seeded_rand(sum);
  }
  if (palette_ == "hot") return rgb(scaled(205, 50, v3), scaled(0, 230, v1), scaled(0, 55, v2));
  if (palette_ == "mem") return rgb(0, scaled(190, 50, v2), scaled(0, 210, v1));
  if (palette_ == "io") {
    int r = scaled(80, 60, v1);
    return rgb(r, r, scaled(190, 55, v2));
  }
  std::string_view hue = hue_of(palette_, name);
  if (hue == "red") {
    int x = scaled(50, 80, v1);
    return rgb(scaled(200, 55, v1), x, x);
  }
  if (hue == "green") {
    int x = scaled(50, 60, v1);
    return rgb(x, scaled(200, 55, v1), x);
  }
  if (hue == "blue") {
    int x = scaled(80, 60, v1);
    return rgb(x, x, scaled(205, 50, v1));
  }
  if (hue == "yellow") {
    int x = scaled(175, 55, v1);
    return rgb(x, x, scaled(50, 20, v1));
  }
  if (hue == "purple") {
    int x = scaled(190, 65, v1);
    return rgb(x, scaled(80, 60, v1), x);
  }
  if (hue == "aqua") return rgb(scaled(50, 60, v1), scaled(165, 55, v1), scaled(165, 55, v1));
  if (hue == "orange") return rgb(scaled(190, 65, v1), scaled(90, 65, v1), 0);
  return rgb(0, 0, 0);
}

void Colors::read_map(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return;  // like flamegraph.pl: no file yet is fine
  io::LineReader in(path);
  std::string_view line;
  while (in.next(&line)) {
    // Perl: (key, value) = split("->", line): the text before the first "->" and up to the next one.
    size_t arrow = line.find("->");
    if (arrow == std::string_view::npos) continue;
    std::string_view value = line.substr(arrow + 2);
    size_t next = value.find("->");
    if (next != std::string_view::npos) value = value.substr(0, next);
    if (value.empty()) continue;
    map_[std::string(line.substr(0, arrow))] = std::string(value);
  }
}

void Colors::write_map(const std::string& path) const {
  io::OutputFile out(path);
  for (const auto& [name, color] : map_) {  // std::map: sorted byte-wise, as Perl's sort keys
    out.write(name);
    out.write("->");
    out.write(color);
    out.put('\n');
  }
  out.commit();
}

}  // namespace flamekit::svg
