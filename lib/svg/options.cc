// options.cc: option checks, with flamegraph.pl's messages where it has one.
#include "svg/options.h"

#include <cctype>

#include "core/error.h"
#include "svg/palette.h"

namespace flamekit::svg {
namespace {

bool is_number(const std::string& s) {
  if (s.empty()) return false;
  size_t digits = 0, dots = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '.') {
      ++dots;
    } else {
      return false;
    }
  }
  return digits > 0 && dots <= 1;
}

}  // namespace

void Options::validate() const {
  std::string m = minwidth;
  if (!m.empty() && m.back() == '%') m.pop_back();
  // flamegraph.pl accepts /^([0-9.]+)%?$/; a second dot would be read as a number up to it.
  if (m.empty() || m.find_first_not_of("0123456789.") != std::string::npos) {
    throw Error::usage("value '" + minwidth + "' is invalid for --minwidth, expected a float (or a percentage)");
  }
  if (width < 1) throw Error::usage("--width must be a positive number of pixels");
  if (height < 1) throw Error::usage("--height must be a positive number of pixels");
  if (!(fontsize > 0)) throw Error::usage("--fontsize must be positive");
  if (!(fontwidth > 0)) throw Error::usage("--fontwidth must be positive");
  if (!(factor > 0)) throw Error::usage("--factor must be positive");
  if (!known_palette(colors)) {
    throw Error::usage("unknown palette '" + colors +
                       "' for --colors (hot, mem, io, wakeup, chain, java, js, perl, red, green, blue, aqua, "
                       "yellow, purple, orange)");
  }
  std::string top, bottom;
  if (!background_colors(colors, bgcolors, &top, &bottom)) {
    throw Error::usage("unrecognized --bgcolors \"" + bgcolors + "\" (yellow, blue, green, grey or #rrggbb)");
  }
  if (!total.empty() && !is_number(total)) throw Error::usage("--total must be a number, not '" + total + "'");
  for (char c : encoding) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      throw Error::usage("invalid --encoding name '" + encoding + "'");
    }
  }
  if (format != "svg" && format != "json") throw Error::usage("--format must be svg or json, not '" + format + "'");
}

}  // namespace flamekit::svg
