// options.h: everything flame-svg can be told, one field per flag with flamegraph.pl's name and default.
// Fields hold raw values (as typed); validate() checks them and derived values are computed where used.
#pragma once

#include <string>
#include <vector>

namespace flamekit::svg {

struct Options {
  std::string title;                 // --title TEXT; "" = "Flame Graph" ("Icicle Graph", "Flame Chart")
  std::string subtitle;              // --subtitle TEXT; "" = none
  int width = 1200;                  // --width N: image width in pixels
  int height = 16;                   // --height N: frame height in pixels
  std::string minwidth = "0.1";      // --minwidth N[%]: omit frames narrower (pixels, or % of the total)
  std::string fonttype = "Verdana";  // --fonttype FONT
  double fontsize = 12;              // --fontsize N
  double fontwidth = 0.59;           // --fontwidth N: average glyph width / fontsize
  std::string countname = "samples"; // --countname TEXT
  std::string nametype = "Function:";// --nametype TEXT
  std::string colors = "hot";        // --colors PALETTE (alias --color)
  std::string bgcolors;              // --bgcolors COLOR; "" = chosen from the palette
  bool hash = false;                 // --hash: colours from a hash of the name
  bool random = false;               // --random: random colours
  bool cp = false;                   // --cp: consistent palette, read and rewrite palfile
  std::string palfile = "palette.map";  // --palfile FILE: the palette map for --cp
  bool reverse = false;              // --reverse: reverse each stack before merging
  bool inverted = false;             // --inverted: icicle graph
  bool flamechart = false;           // --flamechart: keep input order, merge only adjacent lines
  bool negate = false;               // --negate: swap differential hues
  std::string notes;                 // --notes TEXT: a comment in the SVG
  std::string encoding;              // --encoding NAME: encoding="NAME" in the XML declaration
  std::string nameattr;              // --nameattr FILE: per-function attributes (href, title, class, ...)
  std::string total;                 // --total N: the 100% basis; "" = the sum of the counts
  double factor = 1;                 // --factor F: scale the counts shown in tooltips
  std::string format = "svg";        // --format svg|json
  std::string output = "-";          // -o/--output FILE; .svgz or .gz is gzipped; "-" = standard output
  std::vector<std::string> inputs;   // folded files; none = standard input

  // Throws a usage Error for a value flamegraph.pl would reject, or that cannot make a picture.
  void validate() const;
};

}  // namespace flamekit::svg
