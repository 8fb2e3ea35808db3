// measurement.cc: pprof's unit scaling (see measurement.h).
#include "pprof/measurement.h"

#include <cctype>
#include <charconv>
#include <cstdio>
#include <span>

namespace flamekit::pprof {
namespace {

struct Unit {
  const char* name;                // what pprof prints
  std::string_view aliases[3];     // what it accepts as a profile's unit (lower case, trailing 's' cut)
  double factor;
};

constexpr Unit kMemory[] = {
    {"B", {"b", "byte"}, 1},
    {"kB", {"kb", "kbyte", "kilobyte"}, 1024.0},
    {"MB", {"mb", "mbyte", "megabyte"}, 1024.0 * 1024},
    {"GB", {"gb", "gbyte", "gigabyte"}, 1024.0 * 1024 * 1024},
    {"TB", {"tb", "tbyte", "terabyte"}, 1024.0 * 1024 * 1024 * 1024},
    {"PB", {"pb", "pbyte", "petabyte"}, 1024.0 * 1024 * 1024 * 1024 * 1024},
};
constexpr Unit kTime[] = {
    {"ns", {"ns", "nanosecond"}, 1},
    {"us", {"us", "microsecond", "\xce\xbcs"}, 1e3},
    {"ms", {"ms", "millisecond"}, 1e6},
    {"s", {"s", "sec", "second"}, 1e9},
    {"hrs", {"hour", "hr"}, 3600e9},
};

struct UnitType {
  std::span<const Unit> units;
  const Unit* default_unit;
  std::string_view base;  // the profile unit the smallest one is
};
const UnitType kTypes[] = {{kMemory, &kMemory[0], "bytes"}, {kTime, &kTime[3], "nanoseconds"}};

// Go's sniffUnit: finds a profile unit ("bytes", "nanoseconds", "ms") in a unit type.
const Unit* sniff(std::string_view unit, const UnitType** type) {
  std::string lower;
  for (char c : unit) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.size() > 2 && lower.back() == 's') lower.pop_back();
  for (const UnitType& t : kTypes) {
    for (const Unit& u : t.units) {
      for (std::string_view a : u.aliases) {
        if (!a.empty() && a == lower) {
          *type = &t;
          return &u;
        }
      }
    }
  }
  return nullptr;
}

}  // namespace

std::string scaled_label(int64_t value, std::string_view unit) {
  double v = static_cast<double>(value);
  const char* name = "";
  const UnitType* type = nullptr;
  if (const Unit* from = sniff(unit, &type)) {
    v *= from->factor;
    double magnitude = v < 0 ? -v : v;
    const Unit* best = nullptr;
    for (const Unit& u : type->units) {
      if ((best == nullptr || u.factor >= best->factor) && magnitude / u.factor >= 1.0) best = &u;
    }
    if (best == nullptr) best = type->default_unit;
    v /= best->factor;
    name = best->name;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string text = buf;
  if (text.ends_with(".00")) text.resize(text.size() - 3);
  if (text == "0" || text == "-0") return "0";
  return text + name;
}

bool parse_scaled_label(std::string_view text, double* value, std::string_view* base_unit) {
  size_t digits = 0;
  while (digits < text.size() && (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.' ||
                                  (digits == 0 && text[digits] == '-'))) {
    ++digits;
  }
  double number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + digits, number);
  if (digits == 0 || ec != std::errc() || end != text.data() + digits) return false;
  std::string_view suffix = text.substr(digits);
  if (suffix.empty()) {
    *value = number;
    *base_unit = "count";
    return true;
  }
  for (const UnitType& t : kTypes) {
    for (const Unit& u : t.units) {
      if (suffix == u.name) {
        *value = number * u.factor;
        *base_unit = t.base;
        return true;
      }
    }
  }
  return false;
}

}  // namespace flamekit::pprof
